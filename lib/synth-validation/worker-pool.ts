/**
 * A small pool of worker threads for the synth validation's jobs
 * (./jobs.ts). Each worker starts with a warm-up job that builds its
 * validation engine (slow: the engine loads the CloudFormation resource
 * schemas), so that happens while the main thread builds and synthesizes
 * the stacks. `run` then hands the jobs to the workers, each to a free one
 * (one warmed up for its kind when there is a choice), and returns their
 * results in job order.
 *
 * CDK validation plugins answer synchronously, so `run` blocks the main
 * thread meanwhile: it waits (Atomics.wait) on a shared counter that a worker
 * bumps after each answer it posts, and when it stops, and reads the answers
 * with receiveMessageOnPort. A worker that stops leaves its job to the caller.
 * The workers load their entry through bin/launcher.js, as the manifest
 * worker does.
 */
import * as path from 'path';
import type { MessagePort } from 'worker_threads';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import type { JobResult, ValidationJob } from './jobs';

/** The workers' entry, relative to the repository root (bin/launcher.js bundles it). */
export const VALIDATION_WORKER_ENTRY = 'lib/synth-validation/worker-main.ts';

/** What a worker is started with. */
export interface ValidationWorkerData {
  /** The worker's end of its channel: jobs in, answers out. */
  readonly port: MessagePort;
  /** Int32 0: the counter every worker bumps after each answer; Int32 1 + index: set to 1 when this worker stops. */
  readonly signal: SharedArrayBuffer;
  readonly index: number;
}

/** What a job came to. */
export type JobOutcome =
  | { readonly result: JobResult }
  /** The job threw (a rule source that does not parse, say). */
  | { readonly error: string }
  /** Its worker stopped before it answered; the job was not done. */
  | { readonly stopped: string };

type Answer = JobResult | { readonly error: string };

interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly index: number;
  /** The kind of job it warmed up for. */
  readonly kind: ValidationJob['kind'];
  /** Jobs posted and not answered yet, oldest first (-1: the warm-up). */
  readonly posted: number[];
  stopped: boolean;
}

/** How a kind of job is named in messages. */
export function describeKind(kind: ValidationJob['kind']): string {
  return kind === 'guard' ? 'the compliance rules' : 'the built-in validation';
}

export class ValidationPool {
  /**
   * Starts one worker per warm-up job, each doing its warm-up at once.
   * `entry` (relative to the repository root) lets tests start workers that misbehave.
   */
  public static start(warmUps: readonly ValidationJob[], entry: string = VALIDATION_WORKER_ENTRY): ValidationPool {
    return new ValidationPool(warmUps, entry);
  }

  private readonly workers: PoolWorker[];
  private readonly signal: Int32Array;
  private disposed = false;

  private constructor(warmUps: readonly ValidationJob[], entry: string) {
    const shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + warmUps.length));
    this.signal = new Int32Array(shared);
    const launcher = path.join(__dirname, '..', '..', 'bin', 'launcher.js');
    // The exit handler comes first, so a worker that stops for any reason, even while loading its
    // entry, wakes a waiting main thread, which then finds no answer.
    const bootstrap = [
      "const { workerData } = require('worker_threads');",
      'const signal = new Int32Array(workerData.signal);',
      "process.on('exit', () => { Atomics.store(signal, 1 + workerData.index, 1); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); });",
      `require(${JSON.stringify(launcher)}).load(${JSON.stringify(entry)});`,
    ].join('\n');
    this.workers = warmUps.map((warmUp, index) => {
      const { port1, port2 } = new MessageChannel();
      const data: ValidationWorkerData = { port: port2, signal: shared, index };
      const worker = new Worker(bootstrap, { eval: true, workerData: data, transferList: [port2] });
      // A failure is seen through the signal; without a listener it would crash the process.
      worker.on('error', () => undefined);
      // Neither keeps the process alive: the main thread only ever waits for them synchronously.
      worker.unref();
      port1.unref();
      port1.postMessage(warmUp);
      return { worker, port: port1, index, kind: warmUp.kind, posted: [-1], stopped: false };
    });
  }

  /** Posts a job to the workers warmed up for its kind, its answer not wanted (a failure shows again when the jobs run). */
  public warmUp(job: ValidationJob): void {
    if (this.disposed) return;
    for (const w of this.workers) {
      if (w.stopped || w.kind !== job.kind) continue;
      w.port.postMessage(job);
      w.posted.push(-1);
    }
  }

  /** Whether the pool was disposed (its workers stopped). */
  public get isDisposed(): boolean {
    return this.disposed;
  }

  /** Runs the jobs on the workers, blocking until each has an outcome; outcomes in job order. */
  public run(jobs: readonly ValidationJob[]): JobOutcome[] {
    if (this.disposed) throw new Error('ValidationPool: already disposed');
    const outcomes: Array<JobOutcome | undefined> = jobs.map(() => undefined);
    const queue = jobs.map((_job, i) => i);
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      for (const w of this.workers) this.collect(w, outcomes);
      for (const w of this.workers) {
        if (w.stopped || w.posted.length > 0 || queue.length === 0) continue;
        const mine = queue.findIndex((i) => jobs[i]!.kind === w.kind);
        // Another kind's job only when no worker of its own kind is left: building a second engine costs more than waiting.
        const orphan = queue.findIndex((i) => !this.workers.some((o) => !o.stopped && o.kind === jobs[i]!.kind));
        const pick = mine >= 0 ? mine : orphan;
        if (pick < 0) continue;
        const [next] = queue.splice(pick, 1);
        w.port.postMessage(jobs[next!]);
        w.posted.push(next!);
      }
      if (this.workers.every((w) => w.stopped)) {
        for (const i of queue.splice(0)) outcomes[i] = { stopped: 'every validation worker stopped' };
      }
      if (outcomes.every((o) => o !== undefined)) return outcomes;
      Atomics.wait(this.signal, 0, seen);
    }
  }

  /** Takes a worker's answers; a worker that stopped loses the jobs it did not answer. */
  private collect(w: PoolWorker, outcomes: Array<JobOutcome | undefined>): void {
    if (w.stopped) return;
    // Read before the answers: a worker posts its last answer before it can stop.
    const stopped = Atomics.load(this.signal, 1 + w.index) === 1;
    for (let received = receiveMessageOnPort(w.port); received; received = receiveMessageOnPort(w.port)) {
      const job = w.posted.shift();
      const answer = received.message as Answer;
      if (job !== undefined && job >= 0) outcomes[job] = 'error' in answer ? { error: answer.error } : { result: answer };
    }
    if (!stopped) return;
    w.stopped = true;
    for (const job of w.posted.splice(0)) if (job >= 0) outcomes[job] = { stopped: `the validation worker warmed up for ${describeKind(w.kind)} stopped before it answered` };
  }

  /** Stops the workers. */
  public dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const w of this.workers) {
      w.port.close();
      void w.worker.terminate();
    }
  }
}
