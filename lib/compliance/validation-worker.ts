/**
 * The synth validation's two WebAssembly engines on worker threads of their
 * own: the compliance rules' Guard evaluator (./guard-evaluator.ts) and the
 * CDK's built-in CloudFormation validation (aws-cdk-lib's own
 * `CloudFormationValidatePlugin`, run unchanged). Building an engine is slow
 * (it loads the CloudFormation resource schemas; ./engine-module.ts reserves
 * its memory) and so is evaluating with it, and on the main thread both would
 * wait for the stacks to be built and synthesized and then run one after the
 * other. On worker threads, the Guard engine is built while the stacks are
 * built, the built-in one once they are (it needs their resource types, see
 * `prepare`), and both evaluate each template as soon as it is written
 * (`written`), while the app synthesizes the rest. Once the app validates,
 * the built-in validation's templates left are claimed one at a time from a
 * queue both workers share: it is more work than the compliance rules
 * (several times more at the L benchmark size), so the compliance worker,
 * once done, builds a built-in engine of its own and takes templates too
 * (`shouldHelp`).
 *
 * CDK validation plugins answer synchronously, so `result()` blocks the main
 * thread until the worker's answer arrives (Atomics.wait on a shared counter
 * the worker bumps after posting, then receiveMessageOnPort). The worker loads
 * its entry through bin/launcher.js, as the manifest worker does.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { MessagePort } from 'worker_threads';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext, PolicyValidationPluginReport, PolicyViolatingResource, PolicyViolation, ValidationRuleSource } from 'aws-cdk-lib';
import { engineModule } from './engine-module';
import type { GuardTemplate } from './guard-evaluator';
import { GuardEvaluator, passes } from './guard-evaluator';

/** The worker's entry, relative to the repository root (bin/launcher.js bundles it). */
export const VALIDATION_WORKER_ENTRY = 'lib/compliance/validation-worker-main.ts';

/** What a worker evaluates: these Guard rule sources, or the CDK's built-in validation. */
export type ValidationJob =
  | {
    readonly kind: 'guard';
    readonly sources: readonly ValidationRuleSource[];
    /**
     * Whether, done with its rules, it also takes templates of the built-in validation (`shouldHelp`).
     * @default 'auto'
     */
    readonly helpWithBuiltin?: 'auto' | 'never';
  }
  | { readonly kind: 'builtin' };

/** What the worker is started with. */
export interface ValidationWorkerData {
  readonly job: ValidationJob;
  /** The worker's end of the channel: resource types and templates in, answers out. */
  readonly port: MessagePort;
  /** One Int32 the worker bumps after each answer (and when it stops), so the main thread can wait for it. */
  readonly signal: SharedArrayBuffer;
}

/**
 * What the main thread posts: the resource types to build the engine for, a
 * template just written (while the others are synthesized), or the templates
 * to evaluate.
 */
type Request =
  | { readonly prepare: readonly string[] }
  | { readonly written: GuardTemplate }
  | { readonly templates: readonly GuardTemplate[]; readonly queue: SharedArrayBuffer };

/** What a worker answers: the built-in validation's report per template it took, and the compliance rules' report. */
export interface WorkerResult {
  /** The compliance rules' report (the compliance rules worker only). */
  readonly report?: PolicyValidationPluginReport;
  /** The CDK's built-in report of each template this worker claimed from the queue, by index. */
  readonly builtin: ReadonlyArray<readonly [number, PolicyValidationPluginReport]>;
}

type Answer = WorkerResult | { readonly error: string };

/** How a worker is named in messages. */
export function describeJob(job: ValidationJob): string {
  return job.kind === 'guard' ? 'the compliance rules worker' : 'the built-in validation worker';
}

/** The worker stopped (or never started) without answering. */
export class ValidationWorkerStopped extends Error {
  constructor(job: ValidationJob) {
    super(`${describeJob(job)} stopped before it answered`);
    this.name = 'ValidationWorkerStopped';
  }
}

/** An error's message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds the engine of the CDK's plugin for these resource types now rather
 * than when it validates. The plugin keeps an engine built for a superset of
 * the types it is given, so the validation reuses it; a type that appears
 * only at synth (an aspect's resource, say) makes it build a new one, as it
 * would anyway. `initializeEngine` is private in aws-cdk-lib 2.276 (a test
 * checks that the engine is reused); without it, the engine is built when
 * the plugin validates, as on the main thread.
 */
export function prepareBuiltinEngine(plugin: CloudFormationValidatePlugin, resourceTypes: Iterable<string>): void {
  const initialize = (plugin as unknown as { initializeEngine?: (types: Set<string>) => unknown }).initializeEngine;
  if (typeof initialize === 'function') initialize.call(plugin, new Set(resourceTypes));
}

/** The resource types of a template's text, read as the CDK's plugin reads them. */
export function templateResourceTypes(templateText: string): Set<string> {
  const template = JSON.parse(templateText) as { Resources?: Record<string, { Type?: unknown } | null> };
  const types = new Set<string>();
  for (const resource of Object.values(template.Resources ?? {})) if (typeof resource?.Type === 'string') types.add(resource.Type);
  return types;
}

/**
 * A new queue for one validation of `templateCount` templates, shared by both
 * workers: one Int32 per template, 0 until a worker claims the template (an
 * atomic compare-and-exchange to 1), so each template is validated once.
 */
export function newBuiltinQueue(templateCount: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * Math.max(1, templateCount));
}

/** Whether this worker claimed the template at `index` (no other worker has). */
function claim(claims: Int32Array, index: number): boolean {
  return Atomics.compareExchange(claims, index, 0, 1) === 0;
}

/** How many templates of the queue no worker has claimed yet. */
function unclaimed(claims: Int32Array, templateCount: number): number {
  let left = 0;
  for (let index = 0; index < templateCount; index++) if (Atomics.load(claims, index) === 0) left++;
  return left;
}

/**
 * A template as the built-in report on it depends on: its file, construct
 * path, account and region (the CDK's plugin names the construct path in
 * findings not on a resource; the Guard evaluation attributes those at its
 * report, so its key leaves the path out).
 */
function templateKey(t: GuardTemplate): string {
  return JSON.stringify([t.templatePath, t.stackConstructPath, t.accountId ?? '', t.region ?? '']);
}

/**
 * Whether the compliance rules worker, done with its rules, builds a
 * built-in engine and claims templates from the queue too: whenever some are
 * left. It frees its Guard engine first, and the built-in engine then reuses
 * that memory, which makes building it a small fraction of building the
 * first engine of a thread (which has to grow the WebAssembly memory). `never`
 * is for tests.
 */
export function shouldHelp(mode: 'auto' | 'never', templatesLeft: number): boolean {
  return mode !== 'never' && templatesLeft > 0;
}

/**
 * The CDK's built-in validation (its own plugin, unchanged) of one template
 * at a time. Templates written during the synth (`written`) are validated
 * as they come, between messages, so a submission can still interrupt; once
 * the templates are submitted, the ones validated early are claimed at once
 * and the others taken from the shared queue. The CDK merges the findings of
 * the templates it validates in one call in template order, and
 * `mergeBuiltinReports` merges the per-template reports the same way.
 */
export class BuiltinTemplates {
  private readonly plugin: CloudFormationValidatePlugin;
  private prepared = new Set<string>();
  /** Reports on templates validated as they were written, by `templateKey`. */
  private readonly early = new Map<string, PolicyValidationPluginReport>();
  private readonly waiting: GuardTemplate[] = [];
  private scheduled = false;
  private submitted = false;

  constructor() {
    // Loads the engine before the CDK's plugin does, so its memory is reserved (./engine-module.ts).
    engineModule();
    this.plugin = new CloudFormationValidatePlugin({ includeDefaultRules: true });
  }

  /** Builds the engine for these resource types, and those it was built for, unless it covers them already. */
  public prepare(resourceTypes: Iterable<string>): void {
    const types = [...resourceTypes];
    if (this.prepared.size > 0 && types.every((type) => this.prepared.has(type))) return;
    this.prepared = new Set([...this.prepared, ...types]);
    prepareBuiltinEngine(this.plugin, this.prepared);
  }

  /** A template just written: validated soon, one per turn of the event loop, unless the templates are submitted first. */
  public written(template: GuardTemplate): void {
    if (this.submitted) return;
    this.waiting.push(template);
    this.schedule();
  }

  /** Validates the templates, those claimed early and those it takes from the queue, until no template is left unclaimed. */
  public drain(templates: readonly GuardTemplate[], queue: SharedArrayBuffer): Array<readonly [number, PolicyValidationPluginReport]> {
    this.submitted = true;
    const claims = new Int32Array(queue);
    const reports: Array<readonly [number, PolicyValidationPluginReport]> = [];
    templates.forEach((t, index) => {
      const early = this.early.get(templateKey(t));
      if (early && claim(claims, index)) reports.push([index, early]);
    });
    for (let index = 0; index < templates.length; index++) {
      if (claim(claims, index)) reports.push([index, this.reportOn(templates[index]!)]);
    }
    return reports;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a loop: a submission (and more templates) arrive between two validations.
    setImmediate(() => {
      this.scheduled = false;
      const next = this.submitted ? undefined : this.waiting.shift();
      if (!next) return;
      try {
        this.early.set(templateKey(next), this.reportOn(next));
      } catch {
        // Validated again when it is submitted, where the error surfaces.
      }
      if (this.waiting.length > 0) this.schedule();
    });
  }

  private reportOn(t: GuardTemplate): PolicyValidationPluginReport {
    // Validated alone, a template with a type the engine lacks would have the CDK build an engine for its
    // types only, and the next template another: the engine grows instead, and is never rebuilt for less.
    this.prepare(templateResourceTypes(fs.readFileSync(t.templatePath, 'utf8')));
    return this.plugin.validate({ templatePaths: [t.templatePath], stackTemplates: [t] } as unknown as IPolicyValidationContext);
  }
}

/** An evaluator of one job: `prepare` and `written` may come first, then templates in, a result out. */
interface Evaluator {
  prepare(resourceTypes: readonly string[]): void;
  written(template: GuardTemplate): void;
  evaluate(templates: readonly GuardTemplate[], queue: SharedArrayBuffer): WorkerResult;
}

function evaluatorOf(job: ValidationJob): Evaluator {
  if (job.kind === 'builtin') {
    const builtin = new BuiltinTemplates();
    return {
      prepare: (resourceTypes) => builtin.prepare(resourceTypes),
      written: (template) => builtin.written(template),
      evaluate: (templates, queue) => ({ builtin: builtin.drain(templates, queue) }),
    };
  }
  const guard = GuardEvaluator.for(job.sources);
  // Templates written during the synth are evaluated as they come; the rest when the templates are submitted.
  const session = guard.session();
  // Kept for the built-in engine this worker builds when it helps (`shouldHelp`).
  let resourceTypes: readonly string[] = [];
  return {
    prepare: (types) => {
      resourceTypes = types;
    },
    written: (template) => session.add(template),
    evaluate: (templates, queue) => {
      const report = session.report(templates);
      // One submission per worker: the Guard engine's memory goes to the built-in engine.
      guard.dispose();
      if (!shouldHelp(job.helpWithBuiltin ?? 'auto', unclaimed(new Int32Array(queue), templates.length))) return { report, builtin: [] };
      const helper = new BuiltinTemplates();
      if (resourceTypes.length > 0) helper.prepare(resourceTypes);
      return { report, builtin: helper.drain(templates, queue) };
    },
  };
}

/** The worker side: builds what it can at once, then answers each list of templates. */
export function serveValidation(data: ValidationWorkerData): void {
  const signal = new Int32Array(data.signal);
  let evaluator: Evaluator | undefined;
  let buildError: string | undefined;
  try {
    evaluator = evaluatorOf(data.job);
  } catch (error) {
    buildError = messageOf(error);
  }
  data.port.on('message', (request: Request) => {
    if ('prepare' in request || 'written' in request) {
      // A failure here surfaces again, with its cause, when the templates are validated.
      try {
        if ('prepare' in request) evaluator?.prepare(request.prepare);
        else evaluator?.written(request.written);
      } catch {
        // see above
      }
      return;
    }
    let answer: Answer;
    try {
      if (!evaluator) throw new Error(buildError);
      answer = evaluator.evaluate(request.templates, request.queue);
    } catch (error) {
      answer = { error: messageOf(error) };
    }
    data.port.postMessage(answer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

/**
 * The CDK's built-in report of templates validated one at a time, as one
 * call over all of them would give it: a finding (rule, severity,
 * description) is listed once, at its first template, with the resources of
 * every template in order.
 */
export function mergeBuiltinReports(reports: readonly PolicyValidationPluginReport[]): PolicyValidationPluginReport {
  const violations: Array<PolicyViolation & { violatingResources: PolicyViolatingResource[] }> = [];
  const byKey = new Map<string, PolicyViolatingResource[]>();
  for (const report of reports) {
    for (const violation of report.violations) {
      const key = JSON.stringify([violation.ruleName, violation.severity, violation.description]);
      const resources = byKey.get(key);
      if (resources) {
        resources.push(...violation.violatingResources);
        continue;
      }
      const copy = { ...violation, violatingResources: [...violation.violatingResources] };
      byKey.set(key, copy.violatingResources);
      violations.push(copy);
    }
  }
  return { success: passes(violations), violations };
}

/** What crosses to the worker of a template: only what the evaluators read. */
function crossing({ templatePath, stackConstructPath, accountId, region }: GuardTemplate): GuardTemplate {
  return { templatePath, stackConstructPath, accountId, region };
}

/** The main thread's side of one worker: optionally prepare, submit templates, then wait for the report. */
export class ValidationWorker {
  /**
   * Starts a worker for the job; it builds what it can right away.
   * `entry` (relative to the repository root) lets tests start a worker that misbehaves.
   */
  public static start(job: ValidationJob, entry: string = VALIDATION_WORKER_ENTRY): ValidationWorker {
    return new ValidationWorker(job, entry);
  }

  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private submitted = false;
  private disposed = false;

  private constructor(public readonly job: ValidationJob, entry: string) {
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(4);
    const launcher = path.join(__dirname, '..', '..', 'bin', 'launcher.js');
    const sent: ValidationJob = job.kind === 'guard' ? { ...job, sources: job.sources.map((s) => ({ name: s.name, content: s.content })) } : job;
    const data: ValidationWorkerData = { job: sent, port: port2, signal: shared };
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

  /**
   * Tells the worker the resource types the templates will have: the
   * built-in validation builds its engine for them now, the compliance rules
   * worker keeps them for the engine it builds if it helps with the built-in
   * validation. Nothing is answered; the templates may still differ.
   */
  public prepare(resourceTypes: Iterable<string>): void {
    if (this.submitted || this.disposed) return;
    this.port.postMessage({ prepare: [...new Set(resourceTypes)].sort() });
  }

  /**
   * Tells the worker that a template was written (`onTemplateWritten`): it
   * evaluates the template while the app synthesizes the other stacks.
   * Nothing is answered; the templates submitted later decide what is
   * reported, and one told with other fields is evaluated again.
   */
  public written(template: GuardTemplate): void {
    if (this.submitted || this.disposed) return;
    this.port.postMessage({ written: crossing(template) });
  }

  /**
   * Hands the templates to the worker, which evaluates them while the caller
   * goes on. `queue` (from `newBuiltinQueue`) is shared by the workers of one
   * validation: the built-in validation claims templates from it, and so may
   * the compliance rules worker once its rules are done.
   */
  public submit(templates: readonly GuardTemplate[], queue: SharedArrayBuffer = newBuiltinQueue(templates.length)): void {
    if (this.submitted) throw new Error('ValidationWorker: one submission per worker');
    this.submitted = true;
    this.port.postMessage({ templates: templates.map(crossing), queue });
  }

  /**
   * Blocks until the worker's answer arrives, then stops the worker. Throws
   * the evaluator's error (a rule source that does not parse, say), or
   * `ValidationWorkerStopped` when the worker stopped without answering.
   */
  public result(): WorkerResult {
    if (!this.submitted) throw new Error('ValidationWorker: nothing was submitted');
    if (this.disposed) throw new Error('ValidationWorker: already stopped');
    try {
      for (;;) {
        // The worker posts its answer before it bumps the counter: once the counter moved, an answer is there or never comes.
        const bumps = Atomics.load(this.signal, 0);
        const received = receiveMessageOnPort(this.port);
        if (received) {
          const answer = received.message as Answer;
          if ('error' in answer) throw new Error(answer.error);
          return answer;
        }
        if (bumps > 0) throw new ValidationWorkerStopped(this.job);
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
