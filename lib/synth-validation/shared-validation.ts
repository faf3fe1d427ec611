/**
 * One validation run shared by the two plugins of the synth validation: the
 * first plugin the CDK asks hands the jobs of both (the compliance rules and
 * the built-in validation, the latter in a few groups of templates) to the
 * worker pool at once, and the other plugin's report is then ready or nearly
 * so. The CDK asks every plugin about the same templates; a report is taken
 * once, so a second synth of the app (a forced re-synth) validates again.
 */
import { CfnResource, CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext, ValidationRuleSource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { GuardTemplate } from './guard-evaluator';
import type { JobResult, ValidationJob } from './jobs';
import { evaluateJob, groupsOf, mergeBuiltinReports, messageOf } from './jobs';
import { COMPLIANCE_RULES_PLUGIN } from './synth-rules';
import type { JobOutcome, ValidationPool } from './worker-pool';

/**
 * Templates per job of the built-in validation. The CDK's plugin keeps what
 * it read of each template in the engine's memory until the job is over, and
 * that memory only grows, each time at some cost: in small groups it stays
 * small.
 */
export const BUILTIN_GROUP_SIZE = 8;

type Kind = ValidationJob['kind'];

/** The plugin that reports each kind of job (acknowledgement ids start with its name, spaces as dashes). */
export const PLUGIN_NAMES: Readonly<Record<Kind, string>> = {
  builtin: CloudFormationValidatePlugin.PLUGIN_NAME,
  guard: COMPLIANCE_RULES_PLUGIN,
};

/** What a plugin reports: the report, or the error the evaluation threw. */
type Settled = { readonly result: JobResult } | { readonly error: string };

export class SharedValidation {
  /** Reports computed for the plugin not asked yet, with the templates they are about. */
  private readonly ready = new Map<Kind, { readonly key: string; readonly settled: Settled }>();

  /**
   * @param pool - the workers; without one (or once it was used), everything is evaluated on this thread
   * @param notify - where the run says that a worker stopped and what it did instead
   */
  constructor(
    private readonly sources: readonly ValidationRuleSource[],
    private pool?: ValidationPool,
    private readonly notify: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
  ) {}

  /** The report of `kind` on the context's templates; throws what the evaluation threw. */
  public report(kind: Kind, context: IPolicyValidationContext): JobResult {
    const templates = context.stackTemplates.map(({ templatePath, stackConstructPath, accountId, region }): GuardTemplate => ({ templatePath, stackConstructPath, accountId, region }));
    const key = JSON.stringify(templates);
    let settled = this.ready.get(kind);
    this.ready.delete(kind);
    if (!settled || settled.key !== key) {
      const both = this.run(templates, [...resourceTypesUnder(context.appConstruct)].sort());
      const other: Kind = kind === 'guard' ? 'builtin' : 'guard';
      this.ready.set(other, { key, settled: both[other] });
      settled = { key, settled: both[kind] };
    }
    if ('error' in settled.settled) throw new Error(settled.settled.error);
    return settled.settled.result;
  }

  private run(templates: readonly GuardTemplate[], resourceTypes: readonly string[]): Record<Kind, Settled> {
    const jobs: ValidationJob[] = [
      { kind: 'guard', sources: this.sources, templates },
      ...groupsOf(templates, BUILTIN_GROUP_SIZE).map((group): ValidationJob => ({ kind: 'builtin', templates: group, resourceTypes })),
    ];
    const pool = this.pool;
    this.pool = undefined;
    let outcomes: JobOutcome[];
    try {
      outcomes = pool ? pool.run(jobs) : jobs.map((): JobOutcome => ({ stopped: '' }));
    } finally {
      pool?.dispose();
    }
    const told = new Set<string>();
    const settled = jobs.map((job, i): Settled => {
      const outcome = outcomes[i]!;
      if (!('stopped' in outcome)) return outcome;
      const message = `${PLUGIN_NAMES[job.kind]}: ${outcome.stopped}; validating on the main thread.`;
      if (outcome.stopped && !told.has(message)) this.notify(message);
      told.add(message);
      try {
        return { result: evaluateJob(job) };
      } catch (error) {
        return { error: messageOf(error) };
      }
    });
    const builtin = settled.slice(1);
    const failed = builtin.find((s): s is { error: string } => 'error' in s);
    const results = builtin.filter((s): s is { result: JobResult } => 'result' in s).map((s) => s.result);
    return {
      guard: settled[0]!,
      builtin: failed ?? { result: { report: mergeBuiltinReports(results.map((r) => r.report)), ...(results[0]?.version ? { version: results[0].version } : {}) } },
    };
  }
}

/** The resource types of the CloudFormation resources under `scope` (none without a scope). */
export function resourceTypesUnder(scope: IConstruct | undefined): Set<string> {
  const types = new Set<string>();
  for (const construct of scope?.node.findAll() ?? []) if (CfnResource.isCfnResource(construct)) types.add(construct.cfnResourceType);
  return types;
}
