/**
 * The compliance rules' Guard evaluator on a worker thread answers exactly as
 * the evaluator does on the main thread, passes on the evaluator's errors, and
 * says so when it stops without answering (the synth then evaluates on the
 * main thread: guard-evaluator.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GuardEvaluator } from '../../lib/compliance/guard-evaluator';
import type { GuardTemplate } from '../../lib/compliance/guard-evaluator';
import { GuardWorker, GuardWorkerStopped } from '../../lib/compliance/guard-worker';
import { GUARD_DIR, synthRules } from '../../lib/compliance/synth-plugin';
import { STOPPING_WORKER } from './stopping-guard-worker';

const sources = synthRules().map((r) => r.source);
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-worker-'));
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

describe('the compliance rules worker', () => {
  test('reports exactly what the evaluator reports on the main thread', () => {
    const templates = fixtureTemplates();
    const worker = GuardWorker.start(sources);
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
    const worker = GuardWorker.start(broken);
    worker.submit([]);
    expect(() => worker.result()).toThrow(expected);
  });

  test('says so when it stops without answering', () => {
    const worker = GuardWorker.start(sources, STOPPING_WORKER);
    worker.submit([]);
    expect(() => worker.result()).toThrow(GuardWorkerStopped);
  });

  test('takes one submission, and has a result only after it', () => {
    const worker = GuardWorker.start(sources);
    expect(() => worker.result()).toThrow('nothing was submitted');
    worker.submit([]);
    expect(() => worker.submit([])).toThrow('one submission per worker');
    expect(worker.result()).toEqual({ success: true, violations: [] });
    expect(() => worker.result()).toThrow('already stopped');
  });
});
