import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { ALL_CHECKS } from '../../lib/compliance/checks';
import { fillParameters, GUARD_DIR, SYNTH_CONTROL_TOWER_CONTROLS, synthRules } from '../../lib/synth-validation';
import type { SynthRule } from '../../lib/synth-validation';

const FIXTURES = path.join(GUARD_DIR, 'fixtures');
/** Resources of a non-compliant fixture that only support the offending one (the bucket of a bucket policy). */
const SUPPORTING: Record<string, string[]> = { 'CT.S3.PR.8': ['Bucket'] };
const rules = synthRules({ auditRetentionDays: 2555 });
let plugin: CloudFormationValidatePlugin;
let dir: string;

beforeAll(() => {
  plugin = new CloudFormationValidatePlugin({ includeDefaultRules: false, guardRules: rules.map((r) => r.source) });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-rules-'));
});
afterAll(() => {
  plugin._dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function validate(p: CloudFormationValidatePlugin, template: unknown, name: string): PolicyValidationPluginReport {
  const file = path.join(dir, `${name}.template.json`);
  fs.writeFileSync(file, JSON.stringify(template));
  return p.validate({ templatePaths: [file], stackTemplates: [{ stackConstructPath: name, templatePath: file, accountId: '111111111111', region: 'eu-west-1' }] } as unknown as IPolicyValidationContext);
}

/** Logical ids the rule flags in a fixture. */
function flagged(rule: SynthRule, kind: 'compliant' | 'non-compliant'): string[] {
  const template = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${rule.id}.${kind}.json`), 'utf8')) as unknown;
  const report = validate(plugin, template, `${rule.id}-${kind}`);
  return [...new Set(report.violations.filter((v) => v.ruleName === rule.ruleName).flatMap((v) => v.violatingResources.map((r) => r.resourceLogicalId!)))].sort();
}

describe('synth rules', () => {
  test.each(rules.map((r) => [r.id, r] as const))('%s passes its compliant fixture and flags every resource of its non-compliant one', (_id, rule) => {
    expect(flagged(rule, 'compliant')).toEqual([]);
    const template = JSON.parse(fs.readFileSync(rule.canaryFile, 'utf8')) as { Resources: Record<string, { Type: string }> };
    const expected = Object.keys(template.Resources).filter((id) => !(SUPPORTING[rule.id] ?? []).includes(id)).sort();
    expect(flagged(rule, 'non-compliant')).toEqual(expected);
  });

  test('every Guard file has a compliant and a non-compliant fixture, and one rule named after the file', () => {
    for (const file of fs.readdirSync(GUARD_DIR).filter((f) => f.endsWith('.guard'))) {
      const id = file.replace(/\.guard$/, '');
      expect(fs.existsSync(path.join(FIXTURES, `${id}.compliant.json`))).toBe(true);
      expect(fs.existsSync(path.join(FIXTURES, `${id}.non-compliant.json`))).toBe(true);
      const names = new Set([...fs.readFileSync(path.join(GUARD_DIR, file), 'utf8').matchAll(/^rule (oaas_\w+)/gm)].map((m) => m[1]));
      expect([...names]).toEqual([id.replace(/-/g, '_')]);
    }
  });

  test('every synth rule a check names runs at synth', () => {
    const ids = new Set(synthRules().map((r) => r.id));
    const unknown = ALL_CHECKS.flatMap((c) => (c.synthRules ?? []).filter((r) => !ids.has(r)).map((r) => `${c.id}: ${r}`));
    expect(unknown).toEqual([]);
    expect(SYNTH_CONTROL_TOWER_CONTROLS.every((id) => ids.has(id))).toBe(true);
  });

  test('the audit retention parameter reaches the rules: 400 days passes a 1-year requirement and fails a 7-year one', () => {
    const template = { Resources: { Trail: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/cloudtrail/acme', RetentionInDays: 400, KmsKeyId: 'k' } } } };
    const rule = (days: number) => synthRules({ auditRetentionDays: days }).find((r) => r.id === 'oaas-audit-log-group-retention')!;
    const names = (days: number) => {
      const p = new CloudFormationValidatePlugin({ includeDefaultRules: false, guardRules: [rule(days).source] });
      try {
        return validate(p, template, `retention-${days}`).violations.map((v) => v.ruleName).filter((n) => n.startsWith('oaas_'));
      } finally {
        p._dispose();
      }
    };
    expect(names(365)).toEqual([]);
    expect(names(2555)).toEqual(['oaas_audit_log_group_retention']);
  });

  test('rules the definition turns off are left out', () => {
    const ids = synthRules({ guardDuty: { eksRuntimeMonitoring: false, malwareProtection: true, s3Protection: false } }).map((r) => r.id);
    expect(ids).not.toContain('oaas-guardduty-runtime-monitoring');
    expect(ids).not.toContain('oaas-guardduty-s3-protection');
    expect(ids).toContain('oaas-guardduty-malware-protection');
  });

  test('a parameter without a value is an error, not a silent default', () => {
    expect(() => fillParameters('x', 'let a = 1 # parameter: somethingElse\n', { auditRetentionDays: 1 })).toThrow(/somethingElse of "let a" has no value/);
  });
});
