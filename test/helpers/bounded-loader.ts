/**
 * Loads workspaces on a worker thread with a memory limit and a generous time
 * guard per input, so that an input which makes the loader hang or grow
 * without bound fails its test (naming the input) instead of stalling or
 * crashing the test run. No timing threshold is asserted: the guard only
 * catches loads that would not end.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';

export type BoundedRequest =
  | { readonly id: number; readonly kind: 'texts'; readonly texts: Readonly<Record<string, string>>; readonly cache?: boolean }
  | { readonly id: number; readonly kind: 'folder'; readonly folder: string };

export interface BoundedAnswer {
  readonly id: number;
  readonly valid: boolean;
  /** What is wrong with the result (test/helpers/diagnostic-shape.ts), or why the load did not end. */
  readonly problems: readonly string[];
  /** The diagnostic codes of the result. */
  readonly codes: readonly string[];
  readonly ms: number;
}

export interface BoundedLoaderOptions {
  /** Time after which a load counts as hung. @default 60 s */
  readonly hangGuardMs?: number;
  /** Old-generation heap of the worker. @default 768 MB */
  readonly maxHeapMb?: number;
}

const LAUNCHER = path.join(__dirname, '..', '..', 'bin', 'launcher.js');
const ENTRY = 'test/definition/fuzz-worker.ts';

export class BoundedLoader {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly hangGuardMs: number;
  private readonly maxHeapMb: number;

  constructor(options: BoundedLoaderOptions = {}) {
    this.hangGuardMs = options.hangGuardMs ?? 60_000;
    this.maxHeapMb = options.maxHeapMb ?? 768;
  }

  private start(): Worker {
    this.worker ??= new Worker(`require(${JSON.stringify(LAUNCHER)}).load(${JSON.stringify(ENTRY)});`, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    return this.worker;
  }

  /**
   * Loads in-memory texts, or a folder, on the worker; a hang or an exhausted
   * heap is an answer with a problem. With `cache`, the parses of the first
   * such request's files are reused by the next ones (for many mutations of
   * one workspace).
   */
  load(input: { readonly texts: Readonly<Record<string, string>>; readonly cache?: boolean } | { readonly folder: string }): Promise<BoundedAnswer> {
    const id = this.nextId++;
    const request: BoundedRequest = 'texts' in input
      ? { id, kind: 'texts', texts: input.texts, ...(input.cache ? { cache: true } : {}) }
      : { id, kind: 'folder', folder: input.folder };
    const worker = this.start();
    return new Promise<BoundedAnswer>((resolve) => {
      const done = (answer: BoundedAnswer) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(answer);
      };
      const failed = (problem: string) => {
        this.worker = undefined;
        void worker.terminate();
        done({ id, valid: false, problems: [problem], codes: [], ms: Number.NaN });
      };
      const onMessage = (answer: BoundedAnswer) => {
        if (answer.id === id) done(answer);
      };
      const onError = (error: Error) => failed(`the loader's worker failed: ${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`);
      const onExit = (code: number) => failed(`the loader's worker exited with code ${code}`);
      const timer = setTimeout(() => failed(`did not end within ${this.hangGuardMs / 1000} s (hang guard)`), this.hangGuardMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
