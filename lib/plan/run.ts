/**
 * `oaas plan` without the command line: read the base (a git base is
 * synthesized in a worktree, with its own code in a child process while this
 * one synthesizes the new version), synthesize the workspace, run the
 * compliance check on the new version, and build the plan.
 */
import * as path from 'path';
import { readWorkspaceFolder } from '../definition/loader';
import type { WorkspaceModel } from '../definition/model';
import type { BaseCode, BaseSource, BaseVersion } from './base';
import { readBase } from './base';
import { DefinitionIndex } from './definition-trace';
import { approvalPolicyOf } from './governance';
import { buildPlan } from './plan';
import { complianceGateOf, synthesizeVersion } from './synthesis';
import type { Plan } from './types';

export interface RunPlanOptions {
  /** The workspace folder. */
  readonly workspaceDir: string;
  /** The workspace as shown to the user. */
  readonly workspaceLabel: string;
  readonly base: BaseSource;
  readonly environment?: string;
  /** Run the compliance check on the new version. @default true */
  readonly compliance?: boolean;
  /** @default 'auto' */
  readonly baseCode?: BaseCode;
  /** The project whose code runs the plan. @default this repository */
  readonly projectRoot?: string;
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export async function runPlan(model: WorkspaceModel, options: RunPlanOptions): Promise<Plan> {
  const headTexts = readWorkspaceFolder(options.workspaceDir).texts;
  const environment = options.environment !== undefined ? { environment: options.environment } : {};
  // A base synthesized by a child process runs while this process synthesizes the new version.
  const pending = readBase(options.base, {
    workspaceDir: options.workspaceDir, projectRoot: options.projectRoot ?? PROJECT_ROOT, code: options.baseCode ?? 'auto', ...environment,
  });
  // Keep a rejection from being reported as unhandled while the synth below runs.
  const settled = pending.then(() => undefined, () => undefined);
  let head: ReturnType<typeof synthesizeVersion> | undefined;
  let base: BaseVersion;
  try {
    head = synthesizeVersion(model, environment);
    const compliance = options.compliance === false
      ? { skipped: 'not run (--no-compliance)' }
      : complianceGateOf(model, head, { ...environment, workspaceLabel: options.workspaceLabel });
    base = await pending;
    const environments = [...new Set([...model.environments.map((e) => e.name), ...(base.model?.environments.map((e) => e.name) ?? [])])].sort();
    return buildPlan({
      workspace: options.workspaceLabel,
      ...environment,
      base: { kind: options.base.kind, label: options.base.label, ...(options.base.kind === 'git' ? { commit: options.base.commit } : {}) },
      baseOutputs: base.outputs,
      headOutputs: { templates: head.templates, manifests: head.manifests },
      definition: new DefinitionIndex(headTexts, base.texts),
      policy: approvalPolicyOf(model),
      naming: { organization: model.organization.name, environments },
      codeFiles: base.codeFiles,
      notes: base.notes,
      compliance,
    });
  } catch (error) {
    // The base's worktree and child process finish (and are removed) before the error goes up.
    await settled;
    throw error;
  } finally {
    head?.dispose();
  }
}
