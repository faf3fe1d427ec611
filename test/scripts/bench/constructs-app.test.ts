/** The benchmark's constructs-only app (scripts/bench/constructs-app.ts): the product's templates, without the workspace layer. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONSTRUCTS_ENTRY } from '../../../scripts/bench/bench';
import { MODEL_ENV } from '../../../scripts/bench/constructs-app';
import { EXAMPLES, exampleModel } from '../../helpers/workspace';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const context = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

function run(args: string[], outdir: string, extraEnv: NodeJS.ProcessEnv, extraContext: Record<string, unknown> = {}) {
  return spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_VALIDATION: 'false', CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ ...context, ...extraContext }), ...extraEnv },
  });
}

test('synthesizes byte-identical templates to the product\'s from the model as JSON', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'constructs-'));
  const modelFile = path.join(dir, 'model.json');
  fs.writeFileSync(modelFile, JSON.stringify(exampleModel('starter')));
  const product = run([path.join(ROOT, 'bin', 'app.js')], path.join(dir, 'product'), {}, { workspace: path.join(EXAMPLES, 'starter'), k8sOut: 'none' });
  expect(product.status).toBe(0);
  const constructs = run([path.join(ROOT, 'bin', 'launcher.js'), CONSTRUCTS_ENTRY], path.join(dir, 'constructs'), { [MODEL_ENV]: modelFile });
  expect(constructs.stderr).toBe('');
  expect(constructs.status).toBe(0);
  const templates = (out: string) => fs.readdirSync(path.join(dir, out)).filter((f) => f.endsWith('.template.json')).sort();
  expect(templates('constructs')).toEqual(templates('product'));
  expect(templates('product').length).toBeGreaterThan(5);
  for (const file of templates('product')) {
    expect(fs.readFileSync(path.join(dir, 'constructs', file), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'product', file), 'utf8'));
  }
});

test('says what it needs when the model file is not given', () => {
  const result = run([path.join(ROOT, 'bin', 'launcher.js'), CONSTRUCTS_ENTRY], path.join(os.tmpdir(), 'unused'), { [MODEL_ENV]: '' });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/expected the model file/);
});
