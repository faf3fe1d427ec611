/**
 * The synth validation's workers answer exactly as their evaluators do on the
 * main thread (the compliance rules' Guard evaluator, the CDK's built-in
 * plugin), pass on the evaluators' errors, and say so when they stop without
 * answering (the synth then validates on the main thread:
 * guard-evaluator.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext } from 'aws-cdk-lib';
import { GuardEvaluator } from '../../lib/compliance/guard-evaluator';
import type { GuardTemplate } from '../../lib/compliance/guard-evaluator';
import { BuiltinTemplates, mergeBuiltinReports, newBuiltinQueue, prepareBuiltinEngine, shouldHelp, templateResourceTypes, ValidationWorker, ValidationWorkerStopped } from '../../lib/compliance/validation-worker';
import { GUARD_DIR, synthRules } from '../../lib/compliance/synth-plugin';
import { STOPPING_WORKER } from './stopping-validation-worker';

const sources = synthRules().map((r) => r.source);
/** A compliance rules worker that only evaluates the rules (by default it also helps with the built-in validation). */
const guardJob = { kind: 'guard', sources, helpWithBuiltin: 'never' } as const;
const builtinJob = { kind: 'builtin' } as const;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validation-worker-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every fixture as a template of its own, some in another region. */
function fixtureTemplates(): GuardTemplate[] {
  const fixtures = fs.readdirSync(path.join(GUARD_DIR, 'fixtures')).filter((f) => f.endsWith('.json')).sort();
  return fixtures.map((file, i) => {
    const templatePath = path.join(dir, file.replace(/\.json$/, '.template.json'));
    fs.copyFileSync(path.join(GUARD_DIR, 'fixtures', file), templatePath);
    return { templatePath, stackConstructPath: file, accountId: '111111111111', region: i % 2 ? 'eu-west-1' : 'us-east-1' };
  });
}

/** A template the built-in rules flag (a bucket name CloudFormation refuses), with the fixtures. */
function builtinTemplates(): GuardTemplate[] {
  const templatePath = path.join(dir, 'named.template.json');
  fs.writeFileSync(templatePath, JSON.stringify({ Resources: { Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'Not_A_Valid_Name' } } } }));
  return [{ templatePath, stackConstructPath: 'Named', accountId: '111111111111', region: 'eu-west-1' }, ...fixtureTemplates()];
}

function contextOf(templates: readonly GuardTemplate[]): IPolicyValidationContext {
  return { templatePaths: templates.map((t) => t.templatePath), stackTemplates: [...templates] } as unknown as IPolicyValidationContext;
}

/** The CDK's built-in validation of these templates on the main thread. */
function builtinOnMainThread(templates: readonly GuardTemplate[]) {
  const plugin = new CloudFormationValidatePlugin({ includeDefaultRules: true });
  try {
    return plugin.validate(contextOf(templates));
  } finally {
    plugin._dispose();
  }
}

/** The plugin's engine (private in aws-cdk-lib), to tell whether validating built a new one. */
function engineOf(plugin: CloudFormationValidatePlugin): unknown {
  return (plugin as unknown as { engine?: unknown }).engine;
}

describe('the compliance rules worker', () => {
  test('reports exactly what the evaluator reports on the main thread', () => {
    const templates = fixtureTemplates();
    const worker = ValidationWorker.start(guardJob);
    worker.submit(templates);
    const { report, builtin } = worker.result();
    expect(report).toEqual(GuardEvaluator.for(sources).evaluate(templates));
    expect(builtin).toEqual([]);
    expect(report!.success).toBe(false);
    expect(report!.violations.length).toBeGreaterThan(10);
  });

  test('told templates as they are written (some with another region, one never submitted), reports what it reports on the submitted ones', () => {
    const templates = fixtureTemplates();
    const worker = ValidationWorker.start(guardJob);
    worker.written({ ...templates[0]!, region: 'ap-south-1' });
    for (const t of templates.slice(1)) worker.written(t);
    worker.written({ ...templates[0]!, templatePath: path.join(dir, 'never-submitted.template.json') });
    worker.submit(templates);
    expect(worker.result().report).toEqual(GuardEvaluator.for(sources).evaluate(templates));
  });

  test('passes on the error of a rule source that does not parse', () => {
    const broken = [{ name: 'broken.guard', content: 'rule broken { Resources.*[ Type == ' }];
    let expected = '';
    try {
      GuardEvaluator.for(broken);
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(expected).not.toBe('');
    const worker = ValidationWorker.start({ kind: 'guard', sources: broken });
    worker.submit([]);
    expect(() => worker.result()).toThrow(expected);
  });

  test('says so when it stops without answering', () => {
    const worker = ValidationWorker.start(guardJob, STOPPING_WORKER);
    worker.submit([]);
    expect(() => worker.result()).toThrow(ValidationWorkerStopped);
  });

  test('takes one submission, and has a result only after it', () => {
    const worker = ValidationWorker.start(guardJob);
    expect(() => worker.result()).toThrow('nothing was submitted');
    worker.submit([]);
    expect(() => worker.submit([])).toThrow('one submission per worker');
    expect(worker.result()).toEqual({ report: { success: true, violations: [] }, builtin: [] });
    expect(() => worker.result()).toThrow('already stopped');
  });
});

describe('the built-in validation worker', () => {
  test('reports, merged, exactly what the CDK plugin reports on the main thread, told the resource types or not', () => {
    const templates = builtinTemplates();
    const expected = builtinOnMainThread(templates);
    expect(expected.violations.length).toBeGreaterThan(0);
    for (const told of [undefined, ['AWS::S3::Bucket'], ['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::SQS::Queue']]) {
      const worker = ValidationWorker.start(builtinJob);
      if (told) worker.prepare(told);
      worker.submit(templates);
      const { report, builtin } = worker.result();
      expect(report).toBeUndefined();
      expect(builtin.map(([i]) => i)).toEqual(templates.map((_t, i) => i));
      expect(mergeBuiltinReports(builtin.map(([, r]) => r))).toEqual(expected);
    }
  });

  test.each([
    ['', false],
    [', told the templates as they were written', true],
  ])('with the compliance rules worker helping%s, the two take every template once, and the merged report is the same', (_case, told) => {
    const templates = builtinTemplates();
    const expected = builtinOnMainThread(templates);
    const queue = newBuiltinQueue(templates.length);
    const guard = ValidationWorker.start({ kind: 'guard', sources });
    const builtin = ValidationWorker.start(builtinJob);
    if (told) {
      for (const t of templates) {
        guard.written(t);
        builtin.written(t);
      }
    }
    guard.submit(templates, queue);
    builtin.submit(templates, queue);
    const fromGuard = guard.result();
    const fromBuiltin = builtin.result();
    expect(fromGuard.report).toEqual(GuardEvaluator.for(sources).evaluate(templates));
    const taken = [...fromBuiltin.builtin, ...fromGuard.builtin].sort(([a], [b]) => a - b);
    expect(taken.map(([i]) => i)).toEqual(templates.map((_t, i) => i));
    expect(mergeBuiltinReports(taken.map(([, r]) => r))).toEqual(expected);
  });

  test.each([
    ['not told the resource types', undefined],
    ['told some of the resource types', ['AWS::S3::Bucket']],
  ] as const)('helping alone (the built-in worker took nothing), %s, the compliance rules worker validates every template as the CDK does', (_name, told) => {
    const templates = builtinTemplates();
    const guard = ValidationWorker.start({ kind: 'guard', sources });
    if (told) guard.prepare(told);
    guard.submit(templates, newBuiltinQueue(templates.length));
    const { builtin } = guard.result();
    expect(builtin.map(([i]) => i)).toEqual(templates.map((_t, i) => i));
    expect(mergeBuiltinReports(builtin.map(([, r]) => r))).toEqual(builtinOnMainThread(templates));
  });

  test('templates told as written are validated between messages, and not again when submitted, unless they changed', async () => {
    const templates = builtinTemplates();
    const expected = builtinOnMainThread(templates);
    const validate = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    try {
      const builtin = new BuiltinTemplates();
      builtin.written({ ...templates[0]!, stackConstructPath: 'Elsewhere' }); // validated again: another construct path
      for (const t of templates.slice(1)) builtin.written(t);
      builtin.written({ ...templates[1]!, templatePath: path.join(dir, 'never-submitted.template.json') }); // no such file: skipped
      while (validate.mock.calls.length < templates.length) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(validate).toHaveBeenCalledTimes(templates.length);
      const taken = builtin.drain(templates, newBuiltinQueue(templates.length));
      expect(validate).toHaveBeenCalledTimes(templates.length + 1);
      const inOrder = [...taken].sort(([a], [b]) => a - b);
      expect(inOrder.map(([i]) => i)).toEqual(templates.map((_t, i) => i));
      expect(mergeBuiltinReports(inOrder.map(([, r]) => r))).toEqual(expected);
      builtin.written(templates[0]!); // after the submission: ignored
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(validate).toHaveBeenCalledTimes(templates.length + 1);
    } finally {
      validate.mockRestore();
    }
  });

  test('says so when it stops without answering, named as the built-in validation worker', () => {
    const worker = ValidationWorker.start(builtinJob, STOPPING_WORKER);
    worker.prepare(['AWS::S3::Bucket']);
    worker.submit([]);
    expect(() => worker.result()).toThrow('the built-in validation worker stopped before it answered');
  });

  test('the CDK plugin reuses an engine built for a superset of the resource types and builds a new one otherwise', () => {
    // This is what preparing the engine relies on (initializeEngine is private in aws-cdk-lib).
    const templates = builtinTemplates();
    const types = new Set<string>();
    for (const t of templates) {
      for (const r of Object.values((JSON.parse(fs.readFileSync(t.templatePath, 'utf8')) as { Resources: Record<string, { Type: string }> }).Resources)) types.add(r.Type);
    }
    const plugin = new CloudFormationValidatePlugin({ includeDefaultRules: true });
    try {
      prepareBuiltinEngine(plugin, [...types, 'AWS::SQS::Queue']);
      const prepared = engineOf(plugin);
      expect(prepared).toBeDefined();
      plugin.validate(contextOf(templates));
      expect(engineOf(plugin)).toBe(prepared);
      prepareBuiltinEngine(plugin, ['AWS::SQS::Queue']);
      expect(engineOf(plugin)).toBe(prepared);
      prepareBuiltinEngine(plugin, ['AWS::SNS::Topic']);
      expect(engineOf(plugin)).not.toBe(prepared);
    } finally {
      plugin._dispose();
    }
  });

  test('a compliance rules worker told the resource types (kept for helping) reports the same', () => {
    const templates = fixtureTemplates();
    const worker = ValidationWorker.start(guardJob);
    worker.prepare(['AWS::S3::Bucket']);
    worker.submit(templates);
    expect(worker.result().report).toEqual(GuardEvaluator.for(sources).evaluate(templates));
  });
});

describe('sharing the built-in validation between the workers', () => {
  test('merging per-template reports gives what one call over all the templates gives', () => {
    const templates = builtinTemplates();
    const plugin = new CloudFormationValidatePlugin({ includeDefaultRules: true });
    try {
      const one = plugin.validate(contextOf(templates));
      const each = templates.map((t) => plugin.validate(contextOf([t])));
      expect(each.filter((r) => r.violations.length > 0).length).toBeGreaterThan(1);
      expect(mergeBuiltinReports(each)).toEqual(one);
      expect(mergeBuiltinReports([])).toEqual({ success: true, violations: [] });
    } finally {
      plugin._dispose();
    }
  });

  test('a finding of the same rule, severity and description is listed once, with the resources of every template in order', () => {
    const finding = (file: string, id: string, severity = 'error') => ({
      success: severity !== 'error',
      violations: [{ ruleName: 'E3031', description: 'BucketName: does not match', severity, violatingResources: [{ resourceLogicalId: id, templatePath: file, locations: [] }] }],
    });
    const merged = mergeBuiltinReports([finding('a', 'A'), { success: true, violations: [] }, finding('b', 'B'), finding('c', 'C', 'warning')]);
    expect(merged.success).toBe(false);
    expect(merged.violations.map((v) => [v.severity, v.violatingResources.map((r) => r.resourceLogicalId)])).toEqual([['error', ['A', 'B']], ['warning', ['C']]]);
  });

  test.each([
    ['some left', 'auto', 1, true],
    ['nothing left', 'auto', 0, false],
    ['never', 'never', 500, false],
  ] as const)('the compliance rules worker helps: %s', (_name, mode, left, expected) => {
    expect(shouldHelp(mode, left)).toBe(expected);
  });

  test('the resource types of a template text are those of its resources, custom ones too, as the CDK reads them', () => {
    const template = {
      Parameters: { Version: { Type: 'AWS::SSM::Parameter::Value<String>' }, Name: { Type: 'String' } },
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket' },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'Type', Value: 'AWS::Not::AResource' }] } },
        Chart: { Type: 'Custom::AWSCDK-EKS-HelmChart' },
      },
    };
    expect([...templateResourceTypes(JSON.stringify(template, undefined, 1))].sort()).toEqual(['AWS::S3::Bucket', 'AWS::SQS::Queue', 'Custom::AWSCDK-EKS-HelmChart']);
    expect([...templateResourceTypes('{}')]).toEqual([]);
  });
});
