/**
 * Synthesizes a workspace in process for the compliance commands: the
 * platform's App, the platform stacks and the synth validation (the CDK's
 * built-in validation and the compliance rules, always, whatever
 * CDK_VALIDATION says: they are evidence), then the cloud assembly read back
 * as evidence with its validation report. Validation failures do not throw
 * here: the gate judges them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';
import { readCloudAssembly } from '../compliance/assembly';
import type { TemplateEvidence } from '../compliance/evidence';
import type { PluginReportSummary } from '../compliance/gate';
import { readValidationReports } from '../compliance/gate';
import type { WorkspaceModel } from '../definition/model';
import { platformApp } from '../platform/cdk-app';
import { buildPlatform } from '../platform/platform';
import { addSynthValidation } from '../synth-validation';
import type { SynthRuleOptions } from '../synth-validation';

export interface SynthesisResult {
  /** The cloud assembly folder (a temporary one unless `outdir` was given). */
  readonly outdir: string;
  readonly app: App;
  readonly templates: readonly TemplateEvidence[];
  readonly reports: readonly PluginReportSummary[];
  /** Removes the cloud assembly folder when this synthesis made it (a given `outdir` is left alone). */
  readonly dispose: () => void;
}

export interface SynthesisOptions {
  readonly environment?: string;
  /** @default a new temporary folder, removed by `dispose()` */
  readonly outdir?: string;
  /** Parameters of the synth rules (the workspace's requirements). */
  readonly rules?: SynthRuleOptions;
  /** Called after the stacks are built and before synth runs (tests break things through it). */
  readonly beforeSynth?: (app: App) => void;
}

export function synthesizeWorkspace(model: WorkspaceModel, options: SynthesisOptions = {}): SynthesisResult {
  const outdir = options.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-compliance-'));
  // A whole cloud assembly per run (tens of MB at the default workspace) must not pile up in the temp folder.
  const dispose = () => {
    if (options.outdir === undefined) fs.rmSync(outdir, { recursive: true, force: true });
  };
  try {
    const app = platformApp({ outdir });
    // The gate reads the report; synth must not stop at the first validation error.
    app.node.setContext('@aws-cdk/core:failSynthOnValidationErrors', false);
    addSynthValidation(app, options.rules);
    buildPlatform(app, model, { ...(options.environment ? { environment: options.environment } : {}) });
    options.beforeSynth?.(app);
    app.synth();
    return { outdir, app, templates: readCloudAssembly(outdir), reports: readValidationReports(outdir), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Reads a synthesized cloud assembly instead. */
export function readSynthesized(outdir: string): Pick<SynthesisResult, 'outdir' | 'templates' | 'reports'> {
  const reports = readValidationReports(outdir);
  return { outdir, templates: readCloudAssembly(outdir), reports };
}
