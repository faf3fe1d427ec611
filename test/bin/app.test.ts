/**
 * The CDK app (bin/app.ts) as the CDK CLI runs it: a separate process with
 * CDK_OUTDIR and CDK_CONTEXT_JSON, its manifests staged by the worker thread
 * and committed only after the synth.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTree } from '../helpers/files';
import { EXAMPLES, exampleTexts } from '../helpers/workspace';

const ROOT = path.resolve(__dirname, '..', '..');
const context = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

/** Runs the app on `workspace` with output in a new folder (`into`: another run's folder, with its own cdk.out name). */
function synth(workspace: string, extra: Record<string, unknown> = {}, into?: { dir: string; outdir: string }, env: NodeJS.ProcessEnv = {}) {
  const dir = into?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));
  const outdir = into?.outdir ?? path.join(dir, 'cdk.out');
  const k8s = path.join(dir, 'k8s');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'app.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_VALIDATION: 'false',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...context, workspace, k8sOut: k8s, ...extra }),
      ...env,
    },
  });
  return { ...result, dir, outdir, k8s };
}

test('synthesizes the starter and writes its manifests, leaving no staging folder', () => {
  const run = synth(path.join(EXAMPLES, 'starter'));
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const manifest = JSON.parse(fs.readFileSync(path.join(run.outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, unknown> };
  expect(Object.keys(manifest.artifacts)).toContain('starter-dev-eu-west-1-cluster');
  expect(fs.readFileSync(path.join(run.k8s, 'dev/eu-west-1/data/data/manifests.yaml'), 'utf8')).toContain('kind: Deployment');
  expect(fs.readdirSync(run.dir).sort()).toEqual(['cdk.out', 'k8s']);
  // tree.json only on request (-c treeMetadata=true).
  expect(fs.existsSync(path.join(run.outdir, 'tree.json'))).toBe(false);
});

test('with validation on (the default), the built-in validation runs on its worker and passes, its acknowledgements applied', () => {
  const run = synth(path.join(EXAMPLES, 'starter'), { k8sOut: 'none' }, undefined, { CDK_VALIDATION: 'true' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  // The report lists a plugin only with findings, reported or acknowledged: the compliance rules find none here.
  type Report = { pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations?: unknown[] }> };
  const report = JSON.parse(fs.readFileSync(path.join(run.outdir, 'validation-report.json'), 'utf8')) as Report;
  expect(report.pluginReports.map((r) => [r.pluginName, r.conclusion, r.violations.length])).toEqual([['CloudFormation Validate', 'success', 0]]);
  expect(report.pluginReports[0]!.suppressedViolations!.length).toBeGreaterThan(0);
});

test('records construct creation stack traces only when debugging', () => {
  const creationStacks = (outdir: string) => fs.readdirSync(outdir).filter((f) => f.endsWith('.metadata.json'))
    .reduce((n, f) => n + (fs.readFileSync(path.join(outdir, f), 'utf8').match(/aws:cdk:creationStack/g) ?? []).length, 0);
  const plain = synth(path.join(EXAMPLES, 'starter'), { k8sOut: 'none' });
  expect(plain.status).toBe(0);
  expect(creationStacks(plain.outdir)).toBe(0);
  const debug = synth(path.join(EXAMPLES, 'starter'), { k8sOut: 'none' }, undefined, { CDK_DEBUG: 'true' });
  expect(debug.status).toBe(0);
  expect(creationStacks(debug.outdir)).toBeGreaterThan(10);
});

test('cdk.json holds no reserved aws: context keys (the CLI warns about them at every synth)', () => {
  expect(Object.keys(context).filter((key) => key.startsWith('aws:'))).toEqual([]);
});

test('-c treeMetadata=true writes the construct tree', () => {
  const run = synth(path.join(EXAMPLES, 'starter'), { treeMetadata: true, k8sOut: 'none' });
  expect(run.status).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(run.outdir, 'tree.json'), 'utf8'))).toMatchObject({ tree: { id: 'App' } });
});

test('-c env writes that environment\'s folder; k8sOut=none writes none', () => {
  const one = synth(path.join(EXAMPLES, 'starter'), { env: 'dev' });
  expect(one.status).toBe(0);
  expect(fs.existsSync(path.join(one.k8s, 'dev', 'eu-west-1', 'web', 'kustomization.yaml'))).toBe(true);
  const none = synth(path.join(EXAMPLES, 'starter'), { k8sOut: 'none' });
  expect(none.status).toBe(0);
  expect(fs.readdirSync(none.dir)).toEqual(['cdk.out']);
});

test('an invalid workspace exits 2 with its diagnostics, and nothing is written', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-broken-'));
  for (const [file, text] of Object.entries(exampleTexts('starter'))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), file === 'workspace.yml' ? `${text}\nnot_a_key: 1\n` : text);
  }
  const run = synth(dir);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/workspace\.yml:\d+:\d+/);
  expect(run.stderr).toMatch(/Nothing was synthesized/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(run.k8s)).toBe(false);
});

test('a synth that fails leaves the previous manifests in place and no staging folder', () => {
  const first = synth(path.join(EXAMPLES, 'starter'));
  expect(first.status).toBe(0);
  // A resource limit no stack meets makes app.synth() throw after the manifests were staged.
  const result = synth(path.join(EXAMPLES, 'starter'), { '@aws-cdk/core:stackResourceLimit': 3 }, { dir: first.dir, outdir: path.join(first.dir, 'cdk.out.2') });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/resources/i);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(fs.readdirSync(first.dir).sort()).toEqual(['cdk.out', 'cdk.out.2', 'k8s']);
  expect(fs.existsSync(path.join(first.k8s, 'dev/eu-west-1/data/data/manifests.yaml'))).toBe(true);
});

test('two synths write byte-identical cloud assemblies and manifests', () => {
  const one = synth(path.join(EXAMPLES, 'starter'));
  const two = synth(path.join(EXAMPLES, 'starter'));
  expect(one.status).toBe(0);
  expect(two.status).toBe(0);
  expect(readTree(two.outdir, 'base64')).toEqual(readTree(one.outdir, 'base64'));
  expect(readTree(two.k8s)).toEqual(readTree(one.k8s));
});

test('an unknown -c env exits 2', () => {
  const run = synth(path.join(EXAMPLES, 'starter'), { env: 'nope' });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/-c env=nope: expected one of dev/);
});

describe('-c k8sOut refuses what it would replace, with exit 2 before anything is synthesized', () => {
  test.each([
    ['an empty path, which is the project folder the synth runs in', () => '', /-c k8sOut="": expected an output folder, got an empty path/],
    ['the project folder', () => '.', /-c k8sOut=".": expected an output folder of its own, got the working directory/],
    ['a parent of it', () => path.dirname(ROOT), /got a folder that holds the working directory/],
    ['a folder with files of its own', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-foreign-'));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
      return dir;
    }, /got a folder with 1 other entry \("notes\.txt"\)/],
  ])('%s', (_name, k8sOut, message) => {
    const target = k8sOut();
    const before = fs.readdirSync(ROOT).sort();
    const run = synth(path.join(EXAMPLES, 'starter'), { k8sOut: target });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Nothing was synthesized/);
    // The App creates its (empty) output folder; nothing is in it.
    expect(fs.readdirSync(run.dir)).toEqual(['cdk.out']);
    expect(fs.readdirSync(run.outdir)).toEqual([]);
    expect(fs.readdirSync(ROOT).sort()).toEqual(before);
  });
});
