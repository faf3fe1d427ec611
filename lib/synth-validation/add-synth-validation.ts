/**
 * The synth validation of an app, in one call: the CDK's built-in
 * CloudFormation validation and the compliance rules, as two plugins that
 * share one run on a small worker pool.
 *
 *   const app = new App({ builtinCloudFormationValidation: false });
 *   addSynthValidation(app, { auditRetentionDays: 2555 });
 */
import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { BuiltinValidationPlugin } from './builtin-validation-plugin';
import { ComplianceRulesPlugin } from './compliance-rules-plugin';
import { ruleReach } from './guard-evaluator';
import { resourceTypesUnder, SharedValidation } from './shared-validation';
import type { SynthRuleOptions } from './synth-rules';
import { synthRules } from './synth-rules';
import { ValidationPool } from './worker-pool';

export interface SynthValidationOptions {
  /**
   * Run the validation on worker threads, started now so their engines are
   * built while the stacks are; otherwise on the main thread.
   * @default true
   */
  readonly workers?: boolean;
  /**
   * The workers' entry, relative to the repository root (tests start workers that misbehave).
   * @default VALIDATION_WORKER_ENTRY
   */
  readonly workerEntry?: string;
}

/**
 * Registers the built-in validation (under the CDK's plugin name) and the
 * compliance rules with `rules`' parameters on `app`, which must be made
 * with `builtinCloudFormationValidation: false` (the platform's App factory
 * does). Call it before building the stacks.
 */
export function addSynthValidation(app: App, rules: SynthRuleOptions = {}, options: SynthValidationOptions = {}): void {
  const sources = synthRules(rules).map((r) => r.source);
  // One worker warms up for each kind of job, while the stacks are built.
  const pool = options.workers === false ? undefined : ValidationPool.start([
    { kind: 'guard', sources, templates: [] },
    { kind: 'builtin', templates: [], resourceTypes: [...ruleReach(sources).resourceTypes] },
  ], options.workerEntry);
  const shared = new SharedValidation(sources, pool);
  Validations.of(app).addPlugins(new BuiltinValidationPlugin(shared), new ComplianceRulesPlugin(rules, shared));
  // Construct validations run once the tree is final and before the templates are written: the built-in
  // validation's worker builds its engine for the app's resource types while they are. Nothing is reported.
  if (pool) {
    app.node.addValidation({
      validate: () => {
        pool.warmUp({ kind: 'builtin', templates: [], resourceTypes: [...resourceTypesUnder(app)].sort() });
        return [];
      },
    });
  }
}
