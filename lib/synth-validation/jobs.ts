/**
 * The jobs of the synth validation, evaluated the same way on a worker
 * thread (./worker-pool.ts) and, when a worker stops, on the main thread:
 * the CDK's built-in validation of some templates (its own public
 * `CloudFormationValidatePlugin` with the default rules), or the compliance
 * rules on templates (./guard-evaluator.ts).
 */
import * as path from 'path';
import * as fs from 'fs';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { PolicyValidationPluginReport, PolicyViolatingResource, PolicyViolation, ValidationRuleSource } from 'aws-cdk-lib';
import type { GuardTemplate } from './guard-evaluator';
import { contextOf, GuardEvaluator, passes, templateOfTypes, withTemporaryFolder } from './guard-evaluator';

export type ValidationJob =
  | {
    readonly kind: 'builtin';
    readonly templates: readonly GuardTemplate[];
    /**
     * Every resource type of the run: the engine is built for all of them
     * before it validates, so the groups of one run share one engine (the
     * CDK's plugin builds a new one for templates with a type its engine was
     * not built for).
     * @default - the types of the templates
     */
    readonly resourceTypes?: readonly string[];
  }
  | { readonly kind: 'guard'; readonly sources: readonly ValidationRuleSource[]; readonly templates: readonly GuardTemplate[] };

/** What a job gives: the report, and the built-in validation's engine version. */
export interface JobResult {
  readonly report: PolicyValidationPluginReport;
  readonly version?: string;
}

/** The CDK's plugin of this thread, and the resource types its engine was built for. */
let builtin: { readonly plugin: CloudFormationValidatePlugin; types: Set<string> } | undefined;

export function evaluateJob(job: ValidationJob): JobResult {
  if (job.kind === 'guard') return { report: GuardEvaluator.for(job.sources).evaluate(job.templates) };
  builtin ??= { plugin: new CloudFormationValidatePlugin({ includeDefaultRules: true }), types: new Set() };
  const { plugin } = builtin;
  const wanted = job.resourceTypes ?? [];
  if (builtin.types.size === 0 || wanted.some((type) => !builtin!.types.has(type))) {
    const types = new Set([...builtin.types, ...wanted]);
    // Validating a template with a resource of each type builds the engine for them (its report is not wanted).
    withTemporaryFolder((dir) => {
      const templatePath = path.join(dir, 'types.json');
      fs.writeFileSync(templatePath, JSON.stringify(templateOfTypes(types)));
      plugin.validate(contextOf([{ templatePath }]));
    });
    builtin.types = types;
  }
  const report = job.templates.length > 0 ? plugin.validate(contextOf(job.templates)) : { success: true, violations: [] };
  return { report, version: plugin.version };
}

/**
 * Reports of the CDK's built-in validation on consecutive groups of
 * templates, merged as one call over all of them reports: a finding (rule,
 * severity, description) is listed once, at its first template, with the
 * resources of every template in order.
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

/** `items` in consecutive groups of `size` (the last one may be smaller). */
export function groupsOf<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

/** An error's message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
