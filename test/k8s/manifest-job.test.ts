/** The Kubernetes half of a synth (lib/k8s/manifest-job.ts), in process and on its worker thread. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ManifestJobMessage } from '../../lib/k8s/manifest-job';
import { runManifestJob } from '../../lib/k8s/manifest-job';
import { startManifestWorker } from '../../lib/k8s/manifest-worker';
import * as render from '../../lib/k8s/render';
import { renderManifests } from '../../lib/k8s/render';
import { commitManifests } from '../../lib/k8s/write-manifests';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../lib/fs/output-folder';
import { readTree } from '../helpers/files';
import { EXAMPLES, exampleModel, exampleTexts } from '../helpers/workspace';

const starter = path.join(EXAMPLES, 'starter');

function run(input: Parameters<typeof runManifestJob>[0]): ManifestJobMessage[] {
  const messages: ManifestJobMessage[] = [];
  runManifestJob(input, (m) => messages.push(m));
  return messages;
}

test('checks, then stages exactly the files oaas render writes; the target is untouched until the commit', () => {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-')), 'k8s');
  const [checked, staged] = run({ folder: starter, out: target });
  const expected = renderManifests(exampleModel('starter'));
  expect(checked).toEqual({ kind: 'checked', violations: [], files: expected.size });
  expect(staged!.kind).toBe('staged');
  expect(fs.existsSync(target)).toBe(false);
  if (staged!.kind !== 'staged' || !staged!.staged) throw new Error('expected a staged folder');
  commitManifests(staged!.staged);
  expect(readTree(target)).toEqual(new Map([[OUTPUT_MARKER, OUTPUT_MARKER_TEXT], ...expected]));
});

test('with one environment its files lose the environment prefix; without a target nothing is written', () => {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-')), 'k8s', 'dev');
  const [, staged] = run({ folder: starter, environment: 'dev', out: path.dirname(target) });
  if (staged!.kind !== 'staged' || !staged!.staged) throw new Error('expected a staged folder');
  commitManifests(staged!.staged);
  expect([...readTree(target).keys()]).toContain('eu-west-1/data/data/manifests.yaml');
  // The marker is in the output folder, not in the environment's.
  expect(fs.readdirSync(path.dirname(target)).sort()).toEqual([OUTPUT_MARKER, 'dev']);
  expect(run({ folder: starter })).toEqual([{ kind: 'checked', violations: [], files: expect.any(Number) }, { kind: 'staged' }]);
});

/** Paths of the values in `value` that a structured clone would change or refuse. */
function nonPlain(value: unknown, at = 'model'): string[] {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return [at];
  if (value === null || typeof value !== 'object') return [];
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) return value.flatMap((v, i) => nonPlain(v, `${at}[${i}]`));
  if (proto !== Object.prototype && proto !== null) return [at];
  return Object.entries(value).flatMap(([k, v]) => nonPlain(v, `${at}.${k}`));
}

test('renders the model it is given, a structured clone of the loaded one, without reading the folder', () => {
  for (const name of ['starter', 'enterprise'] as const) {
    const model = exampleModel(name);
    // What crosses to the worker thread: the model must be plain data (no class instances, maps or functions).
    expect(nonPlain(model)).toEqual([]);
    const [checked] = run({ folder: path.join(os.tmpdir(), 'no-such-workspace'), model: structuredClone(model) });
    expect(checked).toEqual({ kind: 'checked', violations: [], files: renderManifests(model).size });
  }
});

test('a workspace that does not load is an error, not a crash, and nothing is staged', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-broken-'));
  for (const [file, text] of Object.entries(exampleTexts('starter'))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), file === 'workspace.yml' ? `${text}\nnot_a_key: 1\n` : text);
  }
  const messages = run({ folder: dir, out: path.join(dir, 'out') });
  expect(messages).toEqual([{ kind: 'checked', violations: [], error: expect.stringMatching(/1 error/), files: 0 }]);
  expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
});

test('on its worker thread: the same messages, through bin/launcher.js', async () => {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-worker-')), 'k8s');
  const worker = startManifestWorker({ folder: starter, out: target });
  const checked = await worker.checked;
  expect(checked).toEqual({ kind: 'checked', violations: [], files: renderManifests(exampleModel('starter')).size });
  const staged = await worker.staged;
  expect(staged.error).toBeUndefined();
  commitManifests(staged.staged!);
  expect(readTree(target).get('dev/eu-west-1/data/data/manifests.yaml')).toContain('image: ghcr.io/starter/analyst:2.0.3');
});

describe('what the app waits for: the checks, the file layout included, but not the YAML', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a file layout error is reported as checked, before anything is synthesized, and nothing is staged', () => {
    jest.spyOn(render, 'checkFileLayout').mockImplementation(() => {
      throw new Error('two objects map to the file x');
    });
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-layout-')), 'k8s');
    expect(run({ folder: starter, out })).toEqual([{ kind: 'checked', violations: [], error: 'two objects map to the file x', files: 0 }]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('the files are serialized after the manifests are reported checked', () => {
    const order: string[] = [];
    const serialize = jest.spyOn(render, 'clusterFiles');
    serialize.mockImplementation((cluster) => {
      order.push('serialize');
      serialize.mockRestore();
      return render.clusterFiles(cluster);
    });
    runManifestJob({ folder: starter, out: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-order-')), 'k8s') }, (m) => order.push(m.kind));
    expect(order).toEqual(['checked', 'serialize', 'staged']);
  });

  test('the job loads neither the definition parsers nor zod when it is handed the model', () => {
    const probe = [
      "require('tsx/cjs');",
      "require('./lib/k8s/manifest-job.ts');",
      // The workspace's parsers: the repository's zod and yaml (cdk8s brings a yaml copy of its own) and the loader.
      "const ours = ['node_modules/zod/', 'node_modules/yaml/', 'lib/definition/loader'].map((p) => require('path').join(process.cwd(), p));",
      'const loaded = Object.keys(require.cache).filter((f) => ours.some((p) => f.startsWith(p)));',
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', probe], { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
