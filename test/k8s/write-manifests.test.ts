import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../../lib/fs/output-folder';
import { UnsafeTargetError } from '../../lib/fs/write-file';
import { commitManifests, discardManifests, stageManifests, writeManifests } from '../../lib/k8s/write-manifests';
import { readTree } from '../helpers/files';

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-write-')); });
afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

/** Every file under `dir`, relative, with its text. */
const read = (dir: string): Record<string, string> => Object.fromEntries(readTree(dir));

/** The marker every output folder gets. */
const MARKER = { [OUTPUT_MARKER]: OUTPUT_MARKER_TEXT };

test('writes every file, creating folders', () => {
  const out = path.join(root, 'dist', 'k8s');
  writeManifests(out, new Map([['dev/eu-west-1/web/web/kustomization.yaml', 'a\n'], ['dev/eu-west-1/argocd/kustomization.yaml', 'b\n']]));
  expect(read(out)).toEqual({ ...MARKER, 'dev/eu-west-1/web/web/kustomization.yaml': 'a\n', 'dev/eu-west-1/argocd/kustomization.yaml': 'b\n' });
});

test('replaces the previous output entirely and leaves its neighbours alone', () => {
  const out = path.join(root, 'k8s');
  writeManifests(out, new Map([['old/stale.yaml', 'old\n'], ['keep/file.yaml', 'v1\n']]));
  fs.writeFileSync(path.join(root, 'neighbour.txt'), 'mine');
  writeManifests(out, new Map([['keep/file.yaml', 'v2\n']]));
  expect(read(out)).toEqual({ ...MARKER, 'keep/file.yaml': 'v2\n' });
  expect(fs.readdirSync(root).sort()).toEqual(['k8s', 'neighbour.txt']);
});

test('a failure half-way leaves the previous output as it was and no staging folder', () => {
  const out = path.join(root, 'k8s');
  writeManifests(out, new Map([['a.yaml', 'previous\n']]));
  // "x" is written as a file first, so creating the folder "x/" for the next file fails.
  const failing = new Map([['a.yaml', 'new\n'], ['x', 'file\n'], ['x/y.yaml', 'nested\n']]);
  expect(() => writeManifests(out, failing)).toThrow();
  expect(read(out)).toEqual({ ...MARKER, 'a.yaml': 'previous\n' });
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
    expect(read(out)).toEqual({ ...MARKER, 'old.yaml': 'old\n' });
    commitManifests(staged);
    expect(read(out)).toEqual({ ...MARKER, 'dev/new.yaml': 'new\n' });
    expect(fs.readdirSync(root)).toEqual(['k8s']);
  });

  test('a discarded staging folder leaves the target and nothing else behind', () => {
    const out = path.join(root, 'k8s');
    writeManifests(out, new Map([['old.yaml', 'old\n']]));
    discardManifests(stageManifests(out, new Map([['dev/new.yaml', 'new\n']])));
    expect(read(out)).toEqual({ ...MARKER, 'old.yaml': 'old\n' });
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

describe('only an output folder of oaas is replaced', () => {
  test('an empty folder is replaced and marked', () => {
    const out = path.join(root, 'k8s');
    fs.mkdirSync(out);
    writeManifests(out, new Map([['a.yaml', 'a\n']]));
    expect(read(out)).toEqual({ ...MARKER, 'a.yaml': 'a\n' });
  });

  test.each([
    ['a folder with files of its own', (out: string) => { fs.mkdirSync(out); fs.writeFileSync(path.join(out, 'notes.txt'), 'mine'); }, /a folder oaas wrote .* got a folder with 1 other entry \("notes.txt"\)/],
    ['a file', (out: string) => fs.writeFileSync(out, 'mine'), /expected a folder, got a file/],
    ['a symbolic link to a folder', (out: string) => { fs.mkdirSync(`${out}-real`); fs.symlinkSync(`${out}-real`, out); }, /expected a folder, got a symbolic link/],
    ['a marker that is a folder', (out: string) => { fs.mkdirSync(path.join(out, OUTPUT_MARKER), { recursive: true }); }, /got a folder with 1 other entry/],
  ])('%s is refused before anything is written or moved', (_name, make, message) => {
    const out = path.join(root, 'k8s');
    make(out);
    const before = fs.readdirSync(root).sort();
    expect(() => writeManifests(out, new Map([['a.yaml', 'a\n']]))).toThrow(UnsafeTargetError);
    expect(() => stageManifests(out, new Map([['a.yaml', 'a\n']]))).toThrow(message);
    expect(fs.readdirSync(root).sort()).toEqual(before);
  });

  test('the working directory and a folder holding it are refused', () => {
    for (const dir of [process.cwd(), path.dirname(process.cwd())]) {
      expect(() => stageManifests(dir, new Map([['a.yaml', 'a\n']]))).toThrow(/an output folder of its own, got (the working directory|a folder that holds the working directory)/);
    }
  });

  test('one environment\'s folder is replaced inside a marked output folder, which keeps its other folders', () => {
    const out = path.join(root, 'k8s');
    writeManifests(out, new Map([['dev/a.yaml', 'a\n'], ['prod/b.yaml', 'b\n']]));
    writeManifests(path.join(out, 'dev'), new Map([['c.yaml', 'c\n']]), { root: out });
    expect(read(out)).toEqual({ ...MARKER, 'dev/c.yaml': 'c\n', 'prod/b.yaml': 'b\n' });
  });

  test('one environment\'s folder in a new output folder marks the output folder', () => {
    const out = path.join(root, 'k8s');
    writeManifests(path.join(out, 'dev'), new Map([['c.yaml', 'c\n']]), { root: out });
    expect(read(out)).toEqual({ ...MARKER, 'dev/c.yaml': 'c\n' });
  });

  test('one environment\'s folder inside a foreign folder is refused', () => {
    const out = path.join(root, 'k8s');
    fs.mkdirSync(path.join(out, 'dev'), { recursive: true });
    fs.writeFileSync(path.join(out, 'dev', 'mine.txt'), 'mine');
    expect(() => writeManifests(path.join(out, 'dev'), new Map([['c.yaml', 'c\n']]), { root: out })).toThrow(UnsafeTargetError);
    expect(read(out)).toEqual({ 'dev/mine.txt': 'mine' });
  });

  test('a folder that changed after staging is not replaced at the commit', () => {
    const out = path.join(root, 'k8s');
    const staged = stageManifests(out, new Map([['a.yaml', 'a\n']]));
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'mine.txt'), 'mine');
    expect(() => commitManifests(staged)).toThrow(UnsafeTargetError);
    expect(read(out)).toEqual({ 'mine.txt': 'mine' });
    expect(fs.readdirSync(root)).toEqual(['k8s']);
  });
});
