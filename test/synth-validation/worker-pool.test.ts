/**
 * The pool's workers answer exactly as the jobs do on the main thread (the
 * compliance rules' Guard evaluator, the CDK's built-in plugin), pass on the
 * jobs' errors, and say so when a worker stops without answering (the run
 * then validates on the main thread: add-synth-validation.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { GuardTemplate } from '../../lib/synth-validation/guard-evaluator';
import { contextOf, GuardEvaluator } from '../../lib/synth-validation/guard-evaluator';
import { evaluateJob, groupsOf, mergeBuiltinReports, messageOf } from '../../lib/synth-validation/jobs';
import type { ValidationJob } from '../../lib/synth-validation/jobs';
import { GUARD_DIR, synthRules } from '../../lib/synth-validation/synth-rules';
import { ValidationPool } from '../../lib/synth-validation/worker-pool';
import { FIRST_WORKER_STOPS } from './first-worker-stops';
import { STOPPING_WORKER } from './stopping-worker';

const sources = synthRules().map((r) => r.source);
const guardWarmUp: ValidationJob = { kind: 'guard', sources, templates: [] };
const builtinWarmUp: ValidationJob = { kind: 'builtin', templates: [] };
let dir: string;
let templates: GuardTemplate[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-pool-'));
  // Every fixture as a template of its own, some in another region, and one the built-in rules flag.
  const fixtures = fs.readdirSync(path.join(GUARD_DIR, 'fixtures')).filter((f) => f.endsWith('.json')).sort();
  templates = fixtures.map((file, i) => {
    const templatePath = path.join(dir, file.replace(/\.json$/, '.template.json'));
    fs.copyFileSync(path.join(GUARD_DIR, 'fixtures', file), templatePath);
    return { templatePath, stackConstructPath: file, accountId: '111111111111', region: i % 2 ? 'eu-west-1' : 'us-east-1' };
  });
  const named = path.join(dir, 'named.template.json');
  fs.writeFileSync(named, JSON.stringify({ Resources: { Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'Not_A_Valid_Name' } } } }));
  templates.unshift({ templatePath: named, stackConstructPath: 'Named', accountId: '111111111111', region: 'eu-west-1' });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The CDK's built-in validation of all the templates in one call, on the main thread. */
function builtinInOneCall() {
  return new CloudFormationValidatePlugin({ includeDefaultRules: true }).validate(contextOf(templates));
}

describe('a pool of two workers', () => {
  test('reports what the jobs report on the main thread (the rules at once, the built-in validation in groups merged as one call) and passes on their errors', () => {
    const broken = [{ name: 'broken.guard', content: 'rule broken { Resources.*[ Type == ' }];
    let parseError = '';
    try {
      evaluateJob({ kind: 'guard', sources: broken, templates });
    } catch (error) {
      parseError = messageOf(error);
    }
    expect(parseError).toMatch(/broken\.guard/);
    const groups = groupsOf(templates, 8);
    expect(groups.length).toBeGreaterThan(2);
    const pool = ValidationPool.start([guardWarmUp, builtinWarmUp]);
    try {
      const outcomes = pool.run([
        { kind: 'guard', sources, templates },
        { kind: 'guard', sources: broken, templates },
        ...groups.map((group): ValidationJob => ({ kind: 'builtin', templates: group, resourceTypes: ['AWS::S3::Bucket'] })),
      ]);
      const [guard, error, ...builtin] = outcomes;
      expect(guard).toEqual({ result: { report: GuardEvaluator.for(sources).evaluate(templates) } });
      expect(error).toEqual({ error: parseError });
      const results = builtin.map((o) => ('result' in o ? o.result : undefined));
      const expected = builtinInOneCall();
      expect(expected.violations.length).toBeGreaterThan(0);
      expect(mergeBuiltinReports(results.map((r) => r!.report))).toEqual(expected);
      expect(results.every((r) => typeof r?.version === 'string')).toBe(true);
    } finally {
      pool.dispose();
    }
  });

  test('a worker that stops leaves its jobs to the other worker, even of the other kind', () => {
    const pool = ValidationPool.start([builtinWarmUp, guardWarmUp], FIRST_WORKER_STOPS);
    try {
      const [builtin] = pool.run([{ kind: 'builtin', templates }]);
      expect(builtin).toEqual({ result: { report: builtinInOneCall(), version: expect.any(String) as unknown } });
    } finally {
      pool.dispose();
    }
  });

  test('when every worker stops, each job says so', () => {
    const pool = ValidationPool.start([guardWarmUp, builtinWarmUp], STOPPING_WORKER);
    try {
      const outcomes = pool.run([{ kind: 'guard', sources, templates }, { kind: 'builtin', templates }]);
      expect(outcomes).toHaveLength(2);
      for (const outcome of outcomes) expect(outcome).toEqual({ stopped: expect.stringMatching(/stopped/) as unknown });
    } finally {
      pool.dispose();
    }
    expect(() => pool.run([])).toThrow('already disposed');
  });
});

describe('merging the built-in validation of groups of templates', () => {
  test('gives what one call over all the templates gives', () => {
    const plugin = new CloudFormationValidatePlugin({ includeDefaultRules: true });
    const each = templates.map((t) => plugin.validate(contextOf([t])));
    expect(each.filter((r) => r.violations.length > 0).length).toBeGreaterThan(1);
    expect(mergeBuiltinReports(each)).toEqual(builtinInOneCall());
    expect(mergeBuiltinReports([])).toEqual({ success: true, violations: [] });
  });

  test('lists a finding of the same rule, severity and description once, with the resources of every template in order', () => {
    const finding = (file: string, id: string, severity = 'error') => ({
      success: severity !== 'error',
      violations: [{ ruleName: 'E3031', description: 'BucketName: does not match', severity, violatingResources: [{ resourceLogicalId: id, templatePath: file, locations: [] }] }],
    });
    const merged = mergeBuiltinReports([finding('a', 'A'), { success: true, violations: [] }, finding('b', 'B'), finding('c', 'C', 'warning')]);
    expect(merged.success).toBe(false);
    expect(merged.violations.map((v) => [v.severity, v.violatingResources.map((r) => r.resourceLogicalId)])).toEqual([['error', ['A', 'B']], ['warning', ['C']]]);
  });

  test('groups are consecutive, of the given size, the last one smaller', () => {
    expect(groupsOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(groupsOf([], 8)).toEqual([]);
  });
});
