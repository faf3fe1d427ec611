/**
 * The compliance rules (./synth-rules.ts) as a CDK policy validation plugin,
 * reported under `Compliance synth rules` (acknowledgement ids
 * `Compliance-synth-rules::<rule>`). At synth it takes its report from the
 * run it shares with the built-in validation (./shared-validation.ts);
 * registered alone, it evaluates the rules on this thread.
 */
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { GuardEvaluator } from './guard-evaluator';
import type { SharedValidation } from './shared-validation';
import type { SynthRule, SynthRuleOptions } from './synth-rules';
import { COMPLIANCE_RULES_PLUGIN, synthRules } from './synth-rules';

export class ComplianceRulesPlugin implements IPolicyValidationPlugin {
  public readonly name = COMPLIANCE_RULES_PLUGIN;
  public readonly rules: readonly SynthRule[];

  /** @param shared - the run it shares with the built-in validation; default: none, the rules are evaluated here */
  constructor(options: SynthRuleOptions = {}, private readonly shared?: SharedValidation) {
    this.rules = synthRules(options);
  }

  public get ruleIds(): string[] {
    return this.rules.map((r) => r.ruleName);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    if (this.shared) return this.shared.report('guard', context).report;
    return GuardEvaluator.for(this.rules.map((r) => r.source)).evaluate(context.stackTemplates);
  }
}
