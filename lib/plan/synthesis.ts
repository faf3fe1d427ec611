/**
 * How a plan gets the outputs of a version and the compliance gate's verdict:
 * the project's offline synth in process (its App feature flags and platform
 * stacks, with the CDK's validation off: the plan only reads the templates),
 * the manifests rendered in memory as `oaas render` renders them, saved
 * outputs read back, and the existing compliance check run on the new
 * version's cloud assembly. This is the only file of lib/plan that reaches
 * into the synth and the compliance check, so moving either is a change here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCloudAssembly } from '../compliance/assembly';
import { runComplianceCheck } from '../commands/compliance-check';
import { readManifestFolder, renderedManifestEvidence } from '../compliance/manifests';
import type { WorkspaceModel } from '../definition/model';
import { platformApp } from '../platform/cdk-app';
import { buildPlatform } from '../platform/platform';
import type { PlanManifest, PlanTemplate } from './outputs';
import type { ComplianceGateSummary } from './types';

export interface SynthesizedVersion {
  readonly templates: readonly PlanTemplate[];
  readonly manifests: readonly PlanManifest[];
  /** The cloud assembly folder, until `dispose`. */
  readonly assembly: string;
  readonly dispose: () => void;
}

/**
 * Synthesizes a workspace into a temporary cloud assembly and renders its
 * manifests. Assets are not staged (the plan reads templates, whose asset
 * hashes do not depend on staging) and no validation runs.
 */
export function synthesizeVersion(model: WorkspaceModel, options: { readonly environment?: string } = {}): SynthesizedVersion {
  const assembly = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-plan-'));
  const dispose = () => fs.rmSync(assembly, { recursive: true, force: true });
  try {
    const app = platformApp({ outdir: assembly, stageAssets: false });
    buildPlatform(app, model, { ...(options.environment !== undefined ? { environment: options.environment } : {}) });
    app.synth();
    return { templates: readSavedTemplates(assembly), manifests: renderedManifests(model, options), assembly, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The manifests of a workspace, rendered in memory. */
export function renderedManifests(model: WorkspaceModel, options: { readonly environment?: string } = {}): PlanManifest[] {
  return renderedManifestEvidence(model, { ...(options.environment !== undefined ? { environment: options.environment } : {}) })
    .map((m) => ({ ...m, object: m.object }));
}

/** The stack templates of a saved cloud assembly (`cdk.out`). */
export function readSavedTemplates(assembly: string): PlanTemplate[] {
  return readCloudAssembly(assembly).map((t) => ({ stack: t.stack, template: t.template, constructPaths: t.constructPaths }));
}

/** The objects of a rendered manifests folder (`dist/k8s`). */
export function readSavedManifests(folder: string): PlanManifest[] {
  return readManifestFolder(folder).map((m) => ({ ...m, object: m.object }));
}

/** The compliance gate of the new version: the existing compliance check, on the plan's cloud assembly and manifests. */
export function complianceGateOf(model: WorkspaceModel, version: Pick<SynthesizedVersion, 'assembly' | 'manifests'>, options: { readonly environment?: string; readonly workspaceLabel?: string } = {}): ComplianceGateSummary {
  const { report } = runComplianceCheck(model, {
    cdkOut: version.assembly,
    manifests: version.manifests.map((m) => ({ environment: m.environment, region: m.region, ...(m.tenant !== undefined ? { tenant: m.tenant } : {}), path: m.path, object: m.object })),
    ...(options.environment !== undefined ? { environment: options.environment } : {}),
    ...(options.workspaceLabel !== undefined ? { workspaceLabel: options.workspaceLabel } : {}),
  });
  return {
    passed: report.gate.passed,
    threshold: report.threshold,
    reasons: [...report.gate.reasons],
    frameworks: report.frameworks.map((f) => ({ id: f.id, title: f.title, ...(f.score !== undefined ? { score: f.score } : {}), failed: f.counts.failed })),
    basis: 'oaas compliance-check on the new version\'s templates and manifests: the control checks, the compliance synth rules run on the templates, and the rules shown to fire on their fixtures (the CDK\'s built-in template validation runs at cdk synth, not here).',
  };
}
