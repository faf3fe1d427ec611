/**
 * The Kubernetes half of a synth: from the resolved model, render every cluster's
 * manifests, check them (pod security, namespace guard rails, tenant
 * isolation), turn them into files and stage those next to the output folder.
 * bin/app.ts runs it on a worker thread (./manifest-worker.ts) while the main
 * thread builds the CloudFormation stacks, and commits the staged folder only
 * after the synth succeeded. It reports in two steps: `checked` once the
 * manifests are rendered and checked, their files' layout included (the app
 * waits for it before synthesizing), then `staged` once the files are
 * serialized and on disk.
 */
import * as path from 'path';
import type * as Loader from '../definition/loader';
import type { WorkspaceModel } from '../definition/model';
import { clusterViolations, formatViolation } from './checks';
import type { RenderedCluster } from './render';
import { checkFileLayout, clusterFiles, mergeFiles, renderClusters, renderTarget } from './render';
import type { StagedManifests } from './write-manifests';
import { stageManifests } from './write-manifests';

export interface ManifestJobInput {
  /** The workspace folder (already validated by the caller). */
  readonly folder: string;
  /**
   * The resolved model the caller built its stacks from (plain data, so it
   * crosses to the worker thread as a structured clone): the manifests come from
   * exactly that definition, without parsing the files again.
   * @default loaded from `folder`
   */
  readonly model?: WorkspaceModel;
  /** Only this environment. @default every environment */
  readonly environment?: string;
  /** The output folder (`k8sOut`; with `environment` its folder below is replaced); absent: check only, write nothing. */
  readonly out?: string;
}

/** The manifests are rendered and checked; nothing is on disk yet. */
export interface ManifestsChecked {
  readonly kind: 'checked';
  /** Policy violations, one formatted line each; any means nothing may be synthesized. */
  readonly violations: readonly string[];
  /** A failure to load, render or serialize (the job stops there). */
  readonly error?: string;
  /** How many files the manifests make. */
  readonly files: number;
}

/** The files are in a staging folder (absent when there is no target, or after a failure). */
export interface ManifestsStaged {
  readonly kind: 'staged';
  readonly staged?: StagedManifests;
  readonly error?: string;
}

export type ManifestJobMessage = ManifestsChecked | ManifestsStaged;

/** Only without a model from the caller; loaded then, so the synth's worker never loads the parsers (zod, yaml). */
function loadModel(folder: string): WorkspaceModel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadWorkspace } = require('../definition/loader') as typeof Loader;
  const result = loadWorkspace(folder);
  if (!result.model) throw new Error(`${folder}: the workspace has ${result.errorCount} error(s)`);
  return result.model;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs the job, posting `checked` and then (unless it stopped) `staged`. */
export function runManifestJob(input: ManifestJobInput, post: (message: ManifestJobMessage) => void): void {
  let clusters: RenderedCluster[];
  let fileCount: number;
  try {
    const model = input.model ?? loadModel(input.folder);
    clusters = renderClusters(model, input.environment ? { environments: [input.environment] } : {});
    const violations = clusters.flatMap(clusterViolations).map(formatViolation);
    if (violations.length > 0) return post({ kind: 'checked', violations, files: 0 });
    // Every check the files can fail, without their YAML: the main thread waits for this
    // message before it synthesizes, and serializing is a large part of the job at the L size.
    fileCount = checkFileLayout(clusters);
  } catch (error) {
    return post({ kind: 'checked', violations: [], error: describe(error), files: 0 });
  }
  post({ kind: 'checked', violations: [], files: fileCount });
  if (input.out === undefined) return post({ kind: 'staged' });
  const target = renderTarget(path.resolve(input.out), input.environment);
  try {
    const files = target.files(mergeFiles(clusters.map((cluster) => clusterFiles(cluster))));
    post({ kind: 'staged', staged: stageManifests(target.folder, files, { root: target.root }) });
  } catch (error) {
    post({ kind: 'staged', error: describe(error) });
  }
}
