import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { commitManifests, discardManifests, stageManifests, writeManifests } from '../../lib/k8s/write-manifests';
import { readTree } from '../helpers/files';

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-write-')); });
afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

/** Every file under `dir`, relative, with its text. */
const read = (dir: string): Record<string, string> => Object.fromEntries(readTree(dir));

test('writes every file, creating folders', () => {
  const out = path.join(root, 'dist', 'k8s');
  writeManifests(out, new Map([['dev/eu-west-1/web/web/kustomization.yaml', 'a\n'], ['dev/eu-west-1/argocd/kustomization.yaml', 'b\n']]));
  expect(read(out)).toEqual({ 'dev/eu-west-1/web/web/kustomization.yaml': 'a\n', 'dev/eu-west-1/argocd/kustomization.yaml': 'b\n' });
});

test('replaces the previous output entirely and leaves its neighbours alone', () => {
  const out = path.join(root, 'k8s');
  writeManifests(out, new Map([['old/stale.yaml', 'old\n'], ['keep/file.yaml', 'v1\n']]));
  fs.writeFileSync(path.join(root, 'neighbour.txt'), 'mine');
  writeManifests(out, new Map([['keep/file.yaml', 'v2\n']]));
  expect(read(out)).toEqual({ 'keep/file.yaml': 'v2\n' });
  expect(fs.readdirSync(root).sort()).toEqual(['k8s', 'neighbour.txt']);
});

test('a failure half-way leaves the previous output as it was and no staging folder', () => {
  const out = path.join(root, 'k8s');
  writeManifests(out, new Map([['a.yaml', 'previous\n']]));
  // "x" is written as a file first, so creating the folder "x/" for the next file fails.
  const failing = new Map([['a.yaml', 'new\n'], ['x', 'file\n'], ['x/y.yaml', 'nested\n']]);
  expect(() => writeManifests(out, failing)).toThrow();
  expect(read(out)).toEqual({ 'a.yaml': 'previous\n' });
  expect(fs.readdirSync(root)).toEqual(['k8s']);
});

test.each(['../escape.yaml', '/abs.yaml', 'a//b.yaml', 'a/./b.yaml', 'a\\b.yaml', ''])('refuses the path %j before writing anything', (key) => {
  const out = path.join(root, 'k8s');
  expect(() => writeManifests(out, new Map([['ok.yaml', 'x'], [key, 'y']]))).toThrow(/expected a relative file path/);
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.readdirSync(root)).toEqual([]);
});

describe('staging, then committing or discarding', () => {
  test('the target keeps its previous files until the commit', () => {
    const out = path.join(root, 'k8s');
    writeManifests(out, new Map([['old.yaml', 'old\n']]));
    const staged = stageManifests(out, new Map([['dev/new.yaml', 'new\n']]));
    expect(staged).toMatchObject({ target: out, files: 1 });
    expect(read(out)).toEqual({ 'old.yaml': 'old\n' });
    commitManifests(staged);
    expect(read(out)).toEqual({ 'dev/new.yaml': 'new\n' });
    expect(fs.readdirSync(root)).toEqual(['k8s']);
  });

  test('a discarded staging folder leaves the target and nothing else behind', () => {
    const out = path.join(root, 'k8s');
    writeManifests(out, new Map([['old.yaml', 'old\n']]));
    discardManifests(stageManifests(out, new Map([['dev/new.yaml', 'new\n']])));
    expect(read(out)).toEqual({ 'old.yaml': 'old\n' });
    expect(fs.readdirSync(root)).toEqual(['k8s']);
  });
});

test('removes staging folders a killed run left behind an hour ago, and keeps younger ones', () => {
  const out = path.join(root, 'k8s');
  const old = path.join(root, '.k8s.staging-old');
  const young = path.join(root, '.k8s.staging-young');
  const other = path.join(root, '.other.staging-old');
  for (const dir of [old, young, other]) fs.mkdirSync(path.join(dir, 'dev'), { recursive: true });
  const hoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  fs.utimesSync(old, hoursAgo, hoursAgo);
  fs.utimesSync(other, hoursAgo, hoursAgo);
  writeManifests(out, new Map([['a.yaml', 'a\n']]));
  expect(fs.readdirSync(root).sort()).toEqual(['.k8s.staging-young', '.other.staging-old', 'k8s']);
});
