/**
 * Synthesizes a workspace in process for the compliance commands: the
 * project's App (feature flags), the platform stacks, the compliance synth
 * plugin, then the cloud assembly read back as evidence with its validation
 * report. Validation failures do not throw here: the gate judges them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { WorkspaceModel } from '../definition/model';
import { buildPlatform, newApp } from '../platform/platform';
import { readCloudAssembly } from './assembly';
import { engineModule } from './engine-module';
import type { TemplateEvidence } from './evidence';
import type { PluginReportSummary } from './gate';
import { readValidationReports } from './gate';
import type { SynthRuleOptions } from './synth-plugin';
import { complianceValidationPlugin, isCompliancePlugin } from './synth-plugin';

export interface SynthesisResult {
  /** The cloud assembly folder (a temporary one unless `outdir` was given). */
  readonly outdir: string;
  readonly app: App;
  readonly templates: readonly TemplateEvidence[];
  readonly reports: readonly PluginReportSummary[];
  /** True when the app already had a compliance plugin, built with options this synthesis did not choose. */
  readonly preRegistered: boolean;
  /** Removes the cloud assembly folder when this synthesis made it (a given `outdir` is left alone). */
  readonly dispose: () => void;
}

export interface SynthesisOptions {
  readonly environment?: string;
  /** @default a new temporary folder, removed by `dispose()` */
  readonly outdir?: string;
  /** Parameters of the synth rules (the workspace's requirements). */
  readonly rules?: SynthRuleOptions;
  /** Called after the stacks are built and before the compliance plugin is registered and synth runs (tests break things through it). */
  readonly beforeSynth?: (app: App) => void;
}

export function synthesizeWorkspace(model: WorkspaceModel, options: SynthesisOptions = {}): SynthesisResult {
  const outdir = options.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-compliance-'));
  // A whole cloud assembly per run (tens of MB at the default workspace) must not pile up in the temp folder.
  const dispose = () => {
    if (options.outdir === undefined) fs.rmSync(outdir, { recursive: true, force: true });
  };
  try {
    return synthesizeInto(model, outdir, options, dispose);
  } catch (error) {
    dispose();
    throw error;
  }
}

function synthesizeInto(model: WorkspaceModel, outdir: string, options: SynthesisOptions, dispose: () => void): SynthesisResult {
  const app = newApp(outdir);
  // The gate reads the report; synth must not stop at the first validation error.
  app.node.setContext('@aws-cdk/core:failSynthOnValidationErrors', false);
  buildPlatform(app, model, { ...(options.environment ? { environment: options.environment } : {}) });
  options.beforeSynth?.(app);
  const preRegistered = app._validationPlugins.some(isCompliancePlugin);
  if (!preRegistered) Validations.of(app).addPlugins(complianceValidationPlugin(options.rules));
  // The CDK adds its built-in validation by itself unless CDK_VALIDATION=false (the fast inner loop);
  // the evidence always includes it.
  if (process.env.CDK_VALIDATION === 'false' && !app._validationPlugins.some((p) => p instanceof CloudFormationValidatePlugin)) {
    Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
  }
  // The built-in validation runs on this thread: its engine's memory is reserved first (./engine-module.ts).
  engineModule();
  app.synth();
  return { outdir, app, templates: readCloudAssembly(outdir), reports: readValidationReports(outdir), preRegistered, dispose };
}

/** Reads a synthesized cloud assembly instead. */
export function readSynthesized(outdir: string): Pick<SynthesisResult, 'outdir' | 'templates' | 'reports'> {
  const reports = readValidationReports(outdir);
  return { outdir, templates: readCloudAssembly(outdir), reports };
}
