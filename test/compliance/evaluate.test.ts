import type { Catalogue } from '../../lib/compliance/catalogue';
import type { CheckDefinition } from '../../lib/compliance/check';
import { fail, pass, scope } from '../../lib/compliance/check';
import { evaluateCompliance } from '../../lib/compliance/evaluate';
import type { EvaluateInput } from '../../lib/compliance/evaluate';
import { evaluateValidationReports, parseValidationReport } from '../../lib/compliance/gate';
import { evidence, requirements } from './helpers';

const passing: CheckDefinition = { id: 'always-pass', title: 't', description: 'd', run: () => [pass(scope('x'), 'fine')] };
const failing: CheckDefinition = { id: 'always-fail', title: 't', description: 'd', run: () => [fail(scope('bucket X'), 'not encrypted', 'encrypt it')] };
const empty: CheckDefinition = { id: 'nothing', title: 't', description: 'd', run: () => [] };
const keyed: CheckDefinition = { id: 'keys', title: 't', description: 'd', synthRules: ['CT.KMS.PR.1'], run: () => [pass(scope('keys'), 'rotating')] };

const control = (id: string, checks: string[] | 'manual', critical = false) => ({
  id, title: id, source: `doc ${id}`, critical, nist_800_53: [{ id: 'AU-2', mapping_source: 'ours' }],
  ...(checks === 'manual' ? { manual: true as const, evidence_required: ['a policy'] } : { checks }),
});

function input(controls: ReturnType<typeof control>[], overrides: Partial<EvaluateInput> = {}): EvaluateInput {
  const catalogue: Catalogue = { sox: { framework: 'sox', title: 'SOX', source: 's', scope: 'x', controls } };
  return {
    catalogue, frameworks: [{ id: 'sox', critical: true }], checks: [passing, failing, empty, keyed], evidence: evidence([]), requirements: requirements(),
    validation: evaluateValidationReports([]), threshold: 0.95, workspace: 'ws', now: new Date('2025-01-01T00:00:00Z'), ...overrides,
  };
}

describe('evaluateCompliance', () => {
  test('scores passed automated controls over evaluated ones; manual controls never pass and do not count', () => {
    const report = evaluateCompliance(input([control('A', ['always-pass']), control('B', 'manual'), control('C', ['nothing'])]));
    const fw = report.frameworks[0]!;
    expect(fw.controls.map((c) => c.status)).toEqual(['pass', 'manual', 'not_applicable']);
    expect(fw.counts).toEqual({ automated: 2, passed: 1, failed: 0, notApplicable: 1, manual: 1 });
    expect(fw.score).toBe(1);
    expect(report.gate).toEqual({ passed: true, reasons: [] });
  });

  test('fails the gate below the threshold, with the failing evidence and its fix on the control', () => {
    const report = evaluateCompliance(input([control('A', ['always-pass']), control('B', ['always-fail'])], { frameworks: [{ id: 'sox', critical: false }] }));
    const b = report.frameworks[0]!.controls[1]!;
    expect(b.status).toBe('fail');
    expect(b.evidence).toEqual([{ status: 'fail', source: 'always-fail', resource: 'bucket X', message: 'not encrypted', fix: 'encrypt it' }]);
    expect(b.fixes).toEqual(['encrypt it']);
    expect(report.gate.reasons).toEqual(['sox: score 50.0% is below the threshold of 95.0%']);
  });

  test('a failing critical control of a critical framework fails the gate whatever the score', () => {
    const controls = [...Array.from({ length: 30 }, (_, i) => control(`P${i}`, ['always-pass'])), control('K', ['always-fail'], true)];
    const report = evaluateCompliance(input(controls, { threshold: 0.5 }));
    expect(report.frameworks[0]!.score).toBeGreaterThan(0.9);
    expect(report.gate.reasons).toEqual(['sox is critical and its critical control(s) fail: K']);
  });

  test('a framework with nothing to evaluate fails rather than passing empty', () => {
    expect(evaluateCompliance(input([control('C', ['nothing']), control('M', 'manual')])).gate.reasons).toEqual(['sox: no automated control could be evaluated (no evidence in scope)']);
  });

  test('a validation-report violation of a control\'s synth rule fails the control and the gate', () => {
    const reports = parseValidationReport({ pluginReports: [{ pluginName: 'CloudFormation Validate', conclusion: 'failure', violations: [
      { ruleName: 'kms_key_rotation_enabled_check', description: '[CT.KMS.PR.1]: Require any AWS KMS key to have rotation configured', severity: 'error', violatingConstructs: [{ constructPath: 'S/Key/Resource' }] },
    ] }] });
    const report = evaluateCompliance(input([control('A', ['keys'])], { validation: evaluateValidationReports(reports) }));
    const a = report.frameworks[0]!.controls[0]!;
    expect(a.status).toBe('fail');
    expect(a.evidence).toContainEqual(expect.objectContaining({ status: 'fail', source: 'CloudFormation Validate: kms_key_rotation_enabled_check', resource: 'S/Key/Resource' }));
    expect(report.gate.reasons).toContainEqual(expect.stringMatching(/^validation: validation plugin "CloudFormation Validate" reports 1 unacknowledged error/));
  });

  test('a check the catalogue names but nobody wrote is an error, not a pass', () => {
    expect(() => evaluateCompliance(input([control('A', ['missing-check'])]))).toThrow(/the catalogue refers to the check "missing-check"/);
  });
});
