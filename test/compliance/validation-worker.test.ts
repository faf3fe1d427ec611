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
import { prepareBuiltinEngine, ValidationWorker, ValidationWorkerStopped } from '../../lib/compliance/validation-worker';
import { GUARD_DIR, synthRules } from '../../lib/compliance/synth-plugin';
import { STOPPING_WORKER } from './stopping-validation-worker';

const sources = synthRules().map((r) => r.source);
const guardJob = { kind: 'guard', sources } as const;
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
    const report = worker.result();
    expect(report).toEqual(GuardEvaluator.for(sources).evaluate(templates));
    expect(report.success).toBe(false);
    expect(report.violations.length).toBeGreaterThan(10);
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
    expect(worker.result()).toEqual({ success: true, violations: [] });
    expect(() => worker.result()).toThrow('already stopped');
  });
});

describe('the built-in validation worker', () => {
  test('reports exactly what the CDK plugin reports on the main thread, told the resource types or not', () => {
    const templates = builtinTemplates();
    const expected = builtinOnMainThread(templates);
    expect(expected.violations.length).toBeGreaterThan(0);
    for (const told of [undefined, ['AWS::S3::Bucket'], ['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::SQS::Queue']]) {
      const worker = ValidationWorker.start(builtinJob);
      if (told) worker.prepare(told);
      worker.submit(templates);
      expect(worker.result()).toEqual(expected);
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

  test('a compliance rules worker ignores the resource types', () => {
    const templates = fixtureTemplates();
    const worker = ValidationWorker.start(guardJob);
    worker.prepare(['AWS::S3::Bucket']);
    worker.submit(templates);
    expect(worker.result()).toEqual(GuardEvaluator.for(sources).evaluate(templates));
  });
});
