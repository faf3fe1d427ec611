/**
 * Runs the manifest job (./manifest-job.ts) on a worker thread, so that
 * rendering, serializing and writing thousands of manifest files overlaps
 * with the CDK building and synthesizing the stacks on the main thread, on
 * the machine's second core. The worker loads its entry through bin/launcher.js, as the
 * app's own entry is loaded: from a fresh esbuild bundle, or with tsx.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ManifestJobInput, ManifestJobMessage, ManifestsChecked, ManifestsStaged } from './manifest-job';

/** The worker's entry, relative to the repository root (bin/launcher.js bundles it). */
export const MANIFEST_WORKER_ENTRY = 'lib/k8s/manifest-worker-main.ts';

export interface ManifestWorker {
  /** Resolves when the manifests are rendered and checked (never rejects: failures are in `error`). */
  readonly checked: Promise<ManifestsChecked>;
  /** Resolves when the files are staged, or the job stopped (never rejects). */
  readonly staged: Promise<ManifestsStaged>;
}

export function startManifestWorker(input: ManifestJobInput): ManifestWorker {
  const launcher = path.join(__dirname, '..', '..', 'bin', 'launcher.js');
  const worker = new Worker(`require(${JSON.stringify(launcher)}).load(${JSON.stringify(MANIFEST_WORKER_ENTRY)});`, {
    eval: true,
    workerData: input,
  });
  let onChecked!: (m: ManifestsChecked) => void;
  let onStaged!: (m: ManifestsStaged) => void;
  const checked = new Promise<ManifestsChecked>((resolve) => (onChecked = resolve));
  const staged = new Promise<ManifestsStaged>((resolve) => (onStaged = resolve));
  const fail = (error: string) => {
    onChecked({ kind: 'checked', violations: [], error, files: 0 });
    onStaged({ kind: 'staged', error });
  };
  worker.on('message', (message: ManifestJobMessage) => (message.kind === 'checked' ? onChecked(message) : onStaged(message)));
  worker.on('error', (error) => fail(`the manifest worker failed: ${error.message}`));
  worker.on('exit', (code) => fail(`the manifest worker exited with code ${code} before it finished`));
  // Not unref()'d: the main thread awaits these promises, and only the worker keeps the process alive meanwhile.
  return { checked, staged };
}
