import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CloudFormationValidatePlugin, Stack, Validations, aws_kms as kms } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { evaluateValidationReports, parseValidationReport, readValidationReports, validateTemplates, verifySynthRules } from '../../lib/compliance/gate';
import { synthRules } from '../../lib/synth-validation';
import type { SynthRule } from '../../lib/synth-validation';

const BROKEN_GUARD = "rule oaas_broken { Resources.*[ Type == 'AWS::KMS::Key' .Properties == ";

/** A tiny app with two keys that do not rotate, validated by `plugin`; returns the plugin reports of its assembly. */
function synthTwoKeys(register: (app: App) => void, acknowledge?: (first: kms.Key) => void) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-'));
  const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(app, 'Keys', { env: { account: '111111111111', region: 'eu-west-1' } });
  const first = new kms.Key(stack, 'First', { enableKeyRotation: false });
  new kms.Key(stack, 'Second', { enableKeyRotation: false });
  acknowledge?.(first);
  register(app);
  app.synth();
  return readValidationReports(outdir);
}

const ourRules = synthRules();
const kmsRule = ourRules.find((r) => r.id === 'CT.KMS.PR.1')!;

describe('the gate, with a rule file that does not parse', () => {
  test('a synth with the broken rule reports a plugin failure, and the gate fails on it', () => {
    const reports = synthTwoKeys((app) => Validations.of(app).addPlugins(new CloudFormationValidatePlugin({
      includeDefaultRules: true, guardRules: [kmsRule.source, { name: 'broken.guard', content: BROKEN_GUARD }],
    })));
    expect(reports[0]!.error).toBeDefined();
    expect(reports[0]!.violations).toEqual([]);
    const gate = evaluateValidationReports(reports);
    expect(gate.passed).toBe(false);
    expect(gate.problems[0]).toMatch(/validation plugin "CloudFormation Validate" failed, so its rules were not evaluated/);
  });

  test('the rule self-test names the file that does not parse', () => {
    const broken: SynthRule = { id: 'oaas-broken', ruleName: 'oaas_broken', source: { name: 'oaas-broken.guard', content: BROKEN_GUARD }, canaryFile: kmsRule.canaryFile };
    const problems = verifySynthRules([kmsRule, broken]);
    expect(problems).toEqual([expect.stringMatching(/^the synth rules do not load: oaas-broken.guard does not parse/)]);
  });

  test('a rule that parses but never applies (cfn-guard would skip it silently) fails the self-test', () => {
    const inert: SynthRule = { id: 'oaas-inert', ruleName: 'oaas_inert', source: { name: 'oaas-inert.guard', content: '# nothing here\n' }, canaryFile: kmsRule.canaryFile };
    expect(verifySynthRules([inert])).toEqual([expect.stringMatching(/oaas-inert \(oaas_inert\) reports nothing on its non-compliant fixture/)]);
  });

  test('every shipped synth rule passes the self-test', () => {
    expect(verifySynthRules(ourRules)).toEqual([]);
  });

  test('validating templates read back from cdk.out with a broken rule is a plugin failure', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gate-')), 'S.template.json');
    fs.copyFileSync(kmsRule.canaryFile, file);
    const broken: SynthRule = { ...kmsRule, id: 'oaas-broken', source: { name: 'oaas-broken.guard', content: BROKEN_GUARD } };
    const report = validateTemplates([kmsRule, broken], [{ file, stack: 'S', constructPaths: {} }]);
    expect(report.error).toMatch(/oaas-broken.guard does not parse/);
    expect(evaluateValidationReports([report]).passed).toBe(false);
  });
});

describe('the gate, with a partial acknowledgement', () => {
  test('cdk-validator-cfnguard turns "success" when one finding is acknowledged; the gate still fails on the rest', () => {
    const reports = synthTwoKeys(
      (app) => Validations.of(app).addPlugins(new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [writeRule(kmsRule)] })),
      (first) => Validations.of(first).acknowledge({ id: `cdk-validator-cfnguard::${kmsRule.ruleName}`, reason: 'rotated by hand' }),
    );
    const report = reports.find((r) => r.plugin === 'cdk-validator-cfnguard')!;
    expect(report.conclusion).toBe('success');
    expect(report.acknowledged.map((a) => a.resources[0]!.constructPath)).toEqual(['Keys/First/Resource']);
    const gate = evaluateValidationReports(reports);
    expect(gate.passed).toBe(false);
    expect(gate.errors.flatMap((e) => e.resources.map((r) => r.constructPath))).toEqual(['Keys/Second/Resource']);
    expect(gate.problems[0]).toMatch(/reports 1 unacknowledged error\(s\) while the plugin concludes "success" \(an acknowledgement turned it green\)/);
    expect(gate.acknowledged[0]!.reason).toBe('rotated by hand');
  });

  test('the built-in plugin keeps the unacknowledged finding, and so does the gate', () => {
    const reports = synthTwoKeys(
      (app) => Validations.of(app).addPlugins(new CloudFormationValidatePlugin({ includeDefaultRules: true, guardRules: [kmsRule.source] })),
      (first) => Validations.of(first).acknowledge({ id: `CloudFormation-Validate::${kmsRule.ruleName}`, reason: 'rotated by hand' }),
    );
    const gate = evaluateValidationReports(reports);
    expect(gate.passed).toBe(false);
    expect(gate.errors.map((e) => e.resources.map((r) => r.constructPath))).toEqual([['Keys/Second/Resource']]);
  });
});

/** Writes one rule to its own folder, as cfn-guard rule paths are files or folders. */
function writeRule(rule: SynthRule): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rule-')), rule.source.name.replace(/^CT\./, 'ct-'));
  fs.writeFileSync(file, rule.source.content);
  return file;
}

describe('reading validation reports', () => {
  test('a missing or unknown severity counts as an error', () => {
    const reports = parseValidationReport({ pluginReports: [{ pluginName: 'p', conclusion: 'success', violations: [
      { ruleName: 'a', description: 'd', violatingConstructs: [] },
      { ruleName: 'b', description: 'd', severity: 'custom', customSeverity: 'HIGH', violatingConstructs: [] },
      { ruleName: 'c', description: 'd', severity: 'warning', violatingConstructs: [] },
    ] }] });
    const gate = evaluateValidationReports(reports);
    expect(gate.errors.map((e) => e.ruleName)).toEqual(['a', 'b']);
    expect(gate.warnings.map((e) => e.ruleName)).toEqual(['c']);
  });

  test('an acknowledgement without a reason fails the gate', () => {
    const reports = parseValidationReport({ pluginReports: [{ pluginName: 'p', conclusion: 'success', violations: [], suppressedViolations: [
      { ruleName: 'a', description: 'd', severity: 'error', acknowledgedId: 'p::a', violatingConstructs: [{ constructPath: 'S/X' }] },
    ] }] });
    expect(evaluateValidationReports(reports).problems).toEqual(['validation plugin "p": p::a is acknowledged without a reason']);
  });

  test('the legacy policy-validation-report.json format is read too', () => {
    const reports = parseValidationReport({ title: 'Validation Report', pluginReports: [{ summary: { pluginName: 'legacy', status: 'failure' }, violations: [
      { ruleName: 'r', description: 'd', violatingConstructs: [{ constructPath: 'S/X/Resource', resourceLogicalId: 'X', templatePath: 'S.template.json' }] },
    ] }] });
    expect(reports[0]).toMatchObject({ plugin: 'legacy', conclusion: 'failure', violations: [{ ruleName: 'r', severity: 'error', resources: [{ constructPath: 'S/X/Resource', logicalId: 'X' }] }] });
  });

  test('extra problems fail the gate even without reports', () => {
    expect(evaluateValidationReports([], ['a foreign plugin ran']).passed).toBe(false);
    expect(evaluateValidationReports([]).passed).toBe(true);
  });
});
