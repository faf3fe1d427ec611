/**
 * The compliance rules that run at every `cdk synth`: our Guard rules
 * (`policies/guard/`) and the Control Tower proactive controls that already
 * cover a property. Rules that depend on the definition (audit retention,
 * GuardDuty protection plans) take the workspace's values (`SynthRuleOptions`).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ValidationRuleSource } from 'aws-cdk-lib';
import { controlTowerControl } from './control-tower';

/** Where our Guard rules and their fixtures live. */
export const GUARD_DIR = path.resolve(__dirname, '..', '..', 'policies', 'guard');

/** What of the definition the synth rules depend on (the compliance requirements have these fields). */
export interface SynthRuleOptions {
  /**
   * Days the audit records are kept (CloudTrail log groups, the audit bucket's object lock).
   * @default 365
   */
  readonly auditRetentionDays?: number;
  /**
   * The GuardDuty protection plans the definition turns on; a plan turned off is not required.
   * @default - every plan on
   */
  readonly guardDuty?: {
    readonly eksRuntimeMonitoring: boolean;
    readonly malwareProtection: boolean;
    readonly s3Protection: boolean;
  };
}

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
