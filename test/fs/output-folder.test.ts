/** Which folders an output may replace (lib/fs/output-folder.ts). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatOutputProblem, isWithin, OUTPUT_MARKER, outputFolderProblem, realPath } from '../../lib/fs/output-folder';

let root: string;
beforeEach(() => { root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-out-'))); });
afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

const protectedFolders = () => [{ path: path.join(root, 'project'), name: 'the project root' }];

test('a new folder, an empty one and a marked one may be replaced', () => {
  fs.mkdirSync(path.join(root, 'empty'));
  fs.mkdirSync(path.join(root, 'ours'));
  fs.writeFileSync(path.join(root, 'ours', OUTPUT_MARKER), '');
  fs.writeFileSync(path.join(root, 'ours', 'a.yaml'), '');
  for (const name of ['new/k8s', 'empty', 'ours']) expect(outputFolderProblem(path.join(root, name), { protectedFolders: protectedFolders() })).toBeUndefined();
});

test.each([
  ['an empty path', () => '', /an output folder, got an empty path/],
  ['blanks', () => '  ', /got an empty path/],
  ['a protected folder', () => path.join(root, 'project'), /of its own, got the project root/],
  ['a folder holding it', () => root, /got a folder that holds the project root/],
  ['the same folder through a link', () => { fs.mkdirSync(path.join(root, 'project'), { recursive: true }); fs.symlinkSync(path.join(root, 'project'), path.join(root, 'alias')); return path.join(root, 'alias'); }, /got the project root/],
  ['the same folder spelt with ..', () => path.join(root, 'project', 'sub', '..'), /got the project root/],
  ['a folder with other files', () => { fs.mkdirSync(path.join(root, 'mine')); fs.writeFileSync(path.join(root, 'mine', 'x'), ''); return path.join(root, 'mine'); }, /got a folder with 1 other entry \("x"\)/],
  ['a file', () => { fs.writeFileSync(path.join(root, 'f'), ''); return path.join(root, 'f'); }, /^a folder, got a file/],
])('%s is refused', (_name, given, message) => {
  const problem = outputFolderProblem(given(), { protectedFolders: protectedFolders() });
  expect(problem).toBeDefined();
  expect(`${problem!.expected}`).toMatch(message);
  expect(problem!.hint.length).toBeGreaterThan(0);
});

test('a folder inside a marked output needs no marker of its own, but is still refused as a link', () => {
  const out = path.join(root, 'k8s');
  fs.mkdirSync(path.join(out, 'dev'), { recursive: true });
  fs.writeFileSync(path.join(out, 'dev', 'a.yaml'), '');
  expect(outputFolderProblem(path.join(out, 'dev'), { protectedFolders: [], inside: out })).toBeUndefined();
  fs.symlinkSync(path.join(out, 'dev'), path.join(out, 'prod'));
  expect(outputFolderProblem(path.join(out, 'prod'), { protectedFolders: [], inside: out })?.expected).toMatch(/symbolic link/);
});

test('paths compare after resolving links, and a folder is within itself', () => {
  fs.mkdirSync(path.join(root, 'a'));
  fs.symlinkSync(path.join(root, 'a'), path.join(root, 'b'));
  expect(realPath(path.join(root, 'b', 'new', 'x'))).toBe(path.join(root, 'a', 'new', 'x'));
  expect(isWithin(root, root)).toBe(true);
  expect(isWithin(path.join(root, 'a'), root)).toBe(true);
  expect(isWithin(`${root}-sibling`, root)).toBe(false);
  expect(isWithin(path.join(root, '..a'), root)).toBe(true);
});

test('the message names the option and quotes the path as given', () => {
  expect(formatOutputProblem('--out', '', { expected: 'x', hint: 'Do y.' })).toBe('--out "": expected x. Do y.');
  expect(formatOutputProblem('-c k8sOut=', 'a b', { expected: 'x', hint: 'Do y.' })).toBe('-c k8sOut="a b": expected x. Do y.');
});
