/**
 * The compliance rules that run at every `cdk synth`: our Guard rules
 * (`policies/guard/`) and the Control Tower proactive controls that already
 * cover a property, in a policy validation plugin of their own that runs next
 * to the CDK's built-in `CloudFormationValidatePlugin` and its default rules.
 *
 *   Validations.of(app).addPlugins(complianceValidationPlugin(requirementsFor(model)));
 *
 * Pass the workspace's requirements so rules that depend on the definition
 * (audit retention, GuardDuty protection plans) use its values.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, ValidationRuleSource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { onTemplateWritten } from '../platform/template-written';
import { controlTowerControl } from './control-tower';
import { engineModule } from './engine-module';
import { GuardEvaluator } from './guard-evaluator';
import { mergeBuiltinReports, messageOf, newBuiltinQueue, ValidationWorker, ValidationWorkerStopped } from './validation-worker';
import type { ComplianceRequirements } from './requirements';

/** Where our Guard rules and their fixtures live. */
export const GUARD_DIR = path.resolve(__dirname, '..', '..', 'policies', 'guard');

/** The parts of the requirements the synth rules depend on. */
export type SynthRuleOptions = Partial<Pick<ComplianceRequirements, 'auditRetentionDays' | 'guardDuty'>>;

/** One rule that runs at synth, with its name in validation reports. */
export interface SynthRule {
  /** `CT.S3.PR.10` or `oaas-s3-bucket-encryption`. */
  readonly id: string;
  /** The Guard rule name validation reports use. */
  readonly ruleName: string;
  readonly source: ValidationRuleSource;
  /** Template the rule must flag (our rules: `fixtures/<id>.non-compliant.json`). */
  readonly canaryFile: string;
}

/**
 * Control Tower proactive controls run at synth: those whose property a compliance check also verifies
 * and that the platform's templates can meet. Left out, with a rule of ours instead: CT.GUARDDUTY.PR.1
 * (reads the legacy DataSources form), CT.CLOUDTRAIL.PR.1, CT.CLOUDWATCH.PR.3 and CT.EKS.PR.2 (they
 * accept a key only as a literal or a same-template reference; the platform's keys are cross-stack).
 */
export const SYNTH_CONTROL_TOWER_CONTROLS = [
  'CT.KMS.PR.1', 'CT.S3.PR.1', 'CT.S3.PR.8', 'CT.CLOUDTRAIL.PR.2', 'CT.CLOUDWATCH.PR.2', 'CT.EC2.PR.1', 'CT.EC2.PR.14', 'CT.WAFV2.PR.1',
] as const;

/** Guard rule name of one of our files: `oaas-s3-bucket-encryption` → `oaas_s3_bucket_encryption`. */
export function guardRuleName(id: string): string {
  return id.replace(/-/g, '_');
}

/** Fills the `# parameter` lets of a rule file; unknown parameters are an error. */
export function fillParameters(id: string, content: string, values: Readonly<Record<string, number>>): string {
  return content.replace(/^let (\w+) = (.+?)\s*# parameter: (\w+)\s*$/gm, (_line, name: string, _default: string, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${id}.guard: parameter ${key} of "let ${name}" has no value; known: ${Object.keys(values).join(', ')}`);
    return `let ${name} = ${value} # parameter: ${key}`;
  });
}

/** The rules to run at synth for the given requirements, our Guard rules first, each with its canary fixture. */
export function synthRules(options: SynthRuleOptions = {}, guardDir: string = GUARD_DIR): SynthRule[] {
  const auditDays = options.auditRetentionDays ?? 365;
  const guardDuty = options.guardDuty ?? { eksRuntimeMonitoring: true, malwareProtection: true, s3Protection: true };
  const parameters = { auditRetentionDays: auditDays, auditRetentionYears: Math.ceil(auditDays / 365) };
  const skip = new Set<string>([
    ...(guardDuty.eksRuntimeMonitoring ? [] : ['oaas-guardduty-runtime-monitoring']),
    ...(guardDuty.malwareProtection ? [] : ['oaas-guardduty-malware-protection']),
    ...(guardDuty.s3Protection ? [] : ['oaas-guardduty-s3-protection']),
  ]);
  const fixtures = path.join(guardDir, 'fixtures');
  const ours = fs.readdirSync(guardDir).filter((f) => f.endsWith('.guard')).sort().map((file): SynthRule => {
    const id = file.replace(/\.guard$/, '');
    return {
      id,
      ruleName: guardRuleName(id),
      source: { name: file, content: fillParameters(id, fs.readFileSync(path.join(guardDir, file), 'utf8'), parameters) },
      canaryFile: path.join(fixtures, `${id}.non-compliant.json`),
    };
  });
  const controlTower = SYNTH_CONTROL_TOWER_CONTROLS.map((id): SynthRule => {
    const control = controlTowerControl(id);
    return {
      id,
      ruleName: control.ruleName,
      source: { name: `${id}.guard`, content: control.content },
      canaryFile: path.join(fixtures, `${id}.non-compliant.json`),
    };
  });
  return [...ours, ...controlTower].filter((r) => !skip.has(r.id));
}

/** Name of the plugin that reports the compliance rules, at synth and when `oaas compliance-check` runs them again. */
export const COMPLIANCE_RULES_PLUGIN = 'Compliance synth rules';

/**
 * The compliance rules as a CDK policy validation plugin. It runs next to the
 * CDK's built-in CloudFormation validation (which keeps its default rules and
 * registers itself), with the Guard evaluator on its own (./guard-evaluator.ts
 * says why). Registered alone, it evaluates the rules when its turn comes; at
 * synth, `synthValidationPlugins` pairs it with a plugin that has them
 * evaluated on a worker thread meanwhile (`BuiltinValidationOnWorkers`).
 */
export class ComplianceRulesPlugin implements IPolicyValidationPlugin {
  public readonly name = COMPLIANCE_RULES_PLUGIN;
  public readonly rules: readonly SynthRule[];
  /** Findings of these rules that `BuiltinValidationOnWorkers` already produced in this synth. */
  private handedOver?: PolicyValidationPluginReport;

  constructor(options: SynthRuleOptions = {}) {
    this.rules = synthRules(options);
  }

  public get ruleIds(): string[] {
    return this.rules.map((r) => r.ruleName);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const handedOver = this.handedOver;
    this.handedOver = undefined;
    return handedOver ?? GuardEvaluator.for(this.rules.map((r) => r.source)).evaluate(context.stackTemplates);
  }

  /** @internal Takes findings evaluated elsewhere; the next `validate` reports them instead of evaluating. */
  public _handOver(report: PolicyValidationPluginReport): void {
    this.handedOver = report;
  }
}

/** The resource types of the CloudFormation resources under `scope`, as built so far. */
export function resourceTypesUnder(scope: IConstruct): Set<string> {
  const types = new Set<string>();
  for (const construct of scope.node.findAll()) if (CfnResource.isCfnResource(construct)) types.add(construct.cfnResourceType);
  return types;
}

/** What `answer` returned, or what it threw. */
function settle<T>(answer: () => T): { readonly result?: T; readonly error?: unknown } {
  try {
    return { result: answer() };
  } catch (error) {
    return { error };
  }
}

/** The two workers of `BuiltinValidationOnWorkers`. */
export interface ValidationWorkers {
  /** Evaluates the compliance rules. */
  readonly guard: ValidationWorker;
  /** Runs the CDK's built-in validation. */
  readonly builtin: ValidationWorker;
}

/**
 * The CDK's built-in validation (it takes the place of the plugin the CDK
 * would add by itself) run on a worker thread, with the compliance rules on a
 * second one (./validation-worker.ts): the rules' engine is built while the
 * stacks are built, the built-in one once they are (call `stacksBuilt`), and
 * both evaluate each template as soon as it is written, while the app
 * synthesizes the rest. The built-in worker validates the templates one at a
 * time with the CDK's own plugin; once the app validates, it and the
 * compliance worker, done with its rules, claim the templates left from a
 * shared queue, and the per-template reports are merged as one call would
 * report them. The compliance findings go to the compliance plugin, so they
 * are reported, and acknowledged, under its name. Should a worker fail, the
 * other one or the main thread does what is missing. Register it before the
 * compliance plugin: plugins run in the order they were added.
 */
export class BuiltinValidationOnWorkers extends CloudFormationValidatePlugin {
  private readonly workers: ValidationWorkers;

  /** @param workers - default: both started now, the compliance worker with the compliance plugin's rules */
  constructor(private readonly compliance: ComplianceRulesPlugin, workers: Partial<ValidationWorkers> = {}) {
    super({ includeDefaultRules: true });
    this.workers = {
      guard: workers.guard ?? ValidationWorker.start({ kind: 'guard', sources: compliance.rules.map((r) => r.source) }),
      builtin: workers.builtin ?? ValidationWorker.start({ kind: 'builtin' }),
    };
  }

  /**
   * Call once the stacks are built: the built-in validation's worker builds
   * its engine for their resource types, and both workers evaluate each
   * template as soon as it is written (../platform/template-written.ts),
   * while the app synthesizes the rest. Without it, both do all of it when
   * the app validates.
   */
  public stacksBuilt(scope: IConstruct): void {
    const types = resourceTypesUnder(scope);
    this.workers.builtin.prepare(types);
    this.workers.guard.prepare(types);
    onTemplateWritten(scope, (template) => {
      this.workers.guard.written(template);
      this.workers.builtin.written(template);
    });
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const { guard, builtin } = this.workers;
    // A second validation (a forced re-synth) has no workers left: the built-in validation runs here,
    // and the compliance plugin evaluates its rules itself.
    if (guard.used || builtin.used) return this.validateHere(context);
    const templates = context.stackTemplates;
    const queue = newBuiltinQueue(templates.length);
    guard.submit(templates, queue);
    builtin.submit(templates, queue);
    const fromBuiltin = settle(() => builtin.result());
    const fromGuard = settle(() => guard.result());

    const perTemplate = new Map([...(fromBuiltin.result?.builtin ?? []), ...(fromGuard.result?.builtin ?? [])]);
    const complete = templates.every((_t, i) => perTemplate.has(i));
    if (fromBuiltin.error !== undefined) {
      const then = complete ? 'the compliance rules worker validated the templates' : 'validating on the main thread';
      process.stderr.write(`${this.name}: ${messageOf(fromBuiltin.error)}; ${then}.\n`);
    } else if (!complete) {
      process.stderr.write(`${this.name}: ${fromGuard.error !== undefined ? messageOf(fromGuard.error) : 'templates were left unvalidated'}; validating on the main thread.\n`);
    }
    // Otherwise the CDK's plugin validates again on this thread; an error of its own surfaces as the CDK raises it.
    const report = complete ? mergeBuiltinReports(templates.map((_t, i) => perTemplate.get(i)!)) : this.validateHere(context);
    if (fromGuard.result?.report) {
      this.compliance._handOver(fromGuard.result.report);
    } else if (fromGuard.error instanceof ValidationWorkerStopped) {
      // Nothing handed over: the compliance plugin evaluates the rules on this thread, where an
      // error of the rules themselves (a source that does not parse) surfaces under its name.
      process.stderr.write(`${COMPLIANCE_RULES_PLUGIN}: ${fromGuard.error.message}; evaluating on the main thread.\n`);
    }
    return report;
  }

  /** The CDK's built-in validation on this thread, the engine's memory reserved first (./engine-module.ts). */
  private validateHere(context: IPolicyValidationContext): PolicyValidationPluginReport {
    engineModule();
    return super.validate(context);
  }

  /** Stops the workers when the synth ends before validation. */
  public _dispose(): void {
    this.workers.guard.dispose();
    this.workers.builtin.dispose();
    super._dispose();
  }
}

/**
 * The validation plugins to register on an app: the CDK's built-in validation
 * and the compliance rules on worker threads, and the compliance rules plugin
 * that reports them. Register them before building the stacks, so the rules'
 * engine is built meanwhile, and call `stacksBuilt` on the first once they are.
 */
export function synthValidationPlugins(options: SynthRuleOptions): [BuiltinValidationOnWorkers, ComplianceRulesPlugin] {
  const compliance = new ComplianceRulesPlugin(options);
  return [new BuiltinValidationOnWorkers(compliance), compliance];
}

/** The compliance rules plugin for the given requirements. */
export function complianceValidationPlugin(options: SynthRuleOptions = {}): ComplianceRulesPlugin {
  return new ComplianceRulesPlugin(options);
}

/** True for the compliance rules plugin. */
export function isCompliancePlugin(plugin: unknown): plugin is ComplianceRulesPlugin {
  return plugin instanceof ComplianceRulesPlugin;
}
