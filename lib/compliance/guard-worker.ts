/**
 * The compliance rules' Guard evaluator (./guard-evaluator.ts) on a worker
 * thread. Building its engine is slow WebAssembly work (it loads the
 * CloudFormation resource schemas), and the CDK's built-in validation keeps
 * the main thread busy for a long time: on a thread of its own, the engine is
 * built while the main thread builds and synthesizes the stacks, and the
 * rules are evaluated while the CDK's validation runs.
 *
 * CDK validation plugins answer synchronously, so `result()` blocks the main
 * thread until the worker's answer arrives (Atomics.wait on a shared counter
 * the worker bumps after posting, then receiveMessageOnPort). The worker loads
 * its entry through bin/launcher.js, as the manifest worker does.
 */
import * as path from 'path';
import type { MessagePort } from 'worker_threads';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import type { PolicyValidationPluginReport, ValidationRuleSource } from 'aws-cdk-lib';
import type { GuardTemplate } from './guard-evaluator';
import { GuardEvaluator } from './guard-evaluator';

/** The worker's entry, relative to the repository root (bin/launcher.js bundles it). */
export const GUARD_WORKER_ENTRY = 'lib/compliance/guard-worker-main.ts';

/** What the worker is started with. */
export interface GuardWorkerData {
  readonly sources: readonly ValidationRuleSource[];
  /** The worker's end of the channel: templates in, answers out. */
  readonly port: MessagePort;
  /** One Int32 the worker bumps after each answer (and when it stops), so the main thread can wait for it. */
  readonly signal: SharedArrayBuffer;
}

/** The worker stopped (or never started) without answering. */
export class GuardWorkerStopped extends Error {
  constructor() {
    super('the compliance rules worker stopped before it answered');
    this.name = 'GuardWorkerStopped';
  }
}

type Answer = { readonly report: PolicyValidationPluginReport } | { readonly error: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The worker side: builds the evaluator at once, then answers each list of templates with a report. */
export function serveGuardEvaluation(data: GuardWorkerData): void {
  const signal = new Int32Array(data.signal);
  let evaluator: GuardEvaluator | undefined;
  let buildError: string | undefined;
  try {
    evaluator = GuardEvaluator.for(data.sources);
  } catch (error) {
    buildError = messageOf(error);
  }
  data.port.on('message', (templates: GuardTemplate[]) => {
    let answer: Answer;
    try {
      if (!evaluator) throw new Error(buildError);
      answer = { report: evaluator.evaluate(templates) };
    } catch (error) {
      answer = { error: messageOf(error) };
    }
    data.port.postMessage(answer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

/** The main thread's side of one worker: submit templates, then wait for the report. */
export class GuardWorker {
  /**
   * Starts a worker that builds the engine of these rule sources right away.
   * `entry` (relative to the repository root) lets tests start a worker that misbehaves.
   */
  public static start(sources: readonly ValidationRuleSource[], entry: string = GUARD_WORKER_ENTRY): GuardWorker {
    return new GuardWorker(sources, entry);
  }

  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private submitted = false;
  private disposed = false;

  private constructor(sources: readonly ValidationRuleSource[], entry: string) {
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(4);
    const launcher = path.join(__dirname, '..', '..', 'bin', 'launcher.js');
    const data: GuardWorkerData = { sources: sources.map((s) => ({ name: s.name, content: s.content })), port: port2, signal: shared };
    // The exit handler comes first, so a worker that stops for any reason, even while loading its
    // entry, wakes a waiting main thread, which then finds no answer.
    const bootstrap = [
      "const { workerData } = require('worker_threads');",
      'const signal = new Int32Array(workerData.signal);',
      "process.on('exit', () => { Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); });",
      `require(${JSON.stringify(launcher)}).load(${JSON.stringify(entry)});`,
    ].join('\n');
    this.worker = new Worker(bootstrap, { eval: true, workerData: data, transferList: [port2] });
    // A failure is seen through the counter (`result` says the worker stopped); without a listener it would crash the process.
    this.worker.on('error', () => undefined);
    // Neither keeps the process alive: the main thread only ever waits for them synchronously.
    this.worker.unref();
    port1.unref();
    this.port = port1;
    this.signal = new Int32Array(shared);
  }

  /** Whether templates were submitted already (a worker takes one submission). */
  public get used(): boolean {
    return this.submitted;
  }

  /** Hands the templates to the worker, which evaluates them while the caller goes on. */
  public submit(templates: readonly GuardTemplate[]): void {
    if (this.submitted) throw new Error('GuardWorker: one submission per worker');
    this.submitted = true;
    // Only what the evaluator reads crosses to the worker.
    this.port.postMessage(templates.map(({ templatePath, stackConstructPath, accountId, region }): GuardTemplate => ({ templatePath, stackConstructPath, accountId, region })));
  }

  /**
   * Blocks until the worker's report arrives, then stops the worker. Throws the
   * evaluator's error (a rule source that does not parse, say), or
   * `GuardWorkerStopped` when the worker stopped without answering.
   */
  public result(): PolicyValidationPluginReport {
    if (!this.submitted) throw new Error('GuardWorker: nothing was submitted');
    if (this.disposed) throw new Error('GuardWorker: already stopped');
    try {
      for (;;) {
        // The worker posts its answer before it bumps the counter: once the counter moved, an answer is there or never comes.
        const bumps = Atomics.load(this.signal, 0);
        const received = receiveMessageOnPort(this.port);
        if (received) {
          const answer = received.message as Answer;
          if ('error' in answer) throw new Error(answer.error);
          return answer.report;
        }
        if (bumps > 0) throw new GuardWorkerStopped();
        Atomics.wait(this.signal, 0, 0);
      }
    } finally {
      this.dispose();
    }
  }

  /** Stops the worker (also when its answer is no longer wanted). */
  public dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.port.close();
    void this.worker.terminate();
  }
}
