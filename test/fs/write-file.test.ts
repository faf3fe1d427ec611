/** Writing one file without following what is at its path (lib/fs/write-file.ts). */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileTargetProblem, folderTargetProblem, UnsafeTargetError, writeFileSafely } from '../../lib/fs/write-file';

let root: string;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-safe-')); });
afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

test('writes a new file, creating its folder, and replaces a regular file', () => {
  const file = path.join(root, 'reports', 'a.json');
  writeFileSafely(file, 'one');
  writeFileSafely(file, 'two');
  expect(fs.readFileSync(file, 'utf8')).toBe('two');
  expect(fs.readdirSync(path.dirname(file))).toEqual(['a.json']);
});

test('replaces a hard-linked file by a new one: the other name keeps its text', () => {
  const other = path.join(root, 'other.txt');
  fs.writeFileSync(other, 'precious');
  const file = path.join(root, 'a.json');
  fs.linkSync(other, file);
  writeFileSafely(file, 'report');
  expect(fs.readFileSync(file, 'utf8')).toBe('report');
  expect(fs.readFileSync(other, 'utf8')).toBe('precious');
});

describe('refuses what is not a regular file, and leaves it as it was', () => {
  const cases: Array<[string, (file: string) => void, RegExp]> = [
    ['a symbolic link to a file', (file) => { fs.writeFileSync(`${file}.target`, 'precious'); fs.symlinkSync(`${file}.target`, file); }, /got a symbolic link/],
    ['a dangling symbolic link', (file) => fs.symlinkSync(path.join(root, 'nowhere'), file), /got a symbolic link/],
    ['a folder', (file) => fs.mkdirSync(file), /got a folder/],
    ['a FIFO', (file) => execFileSync('mkfifo', [file]), /got a special file/],
  ];
  test.each(cases)('%s', (_name, make, message) => {
    const file = path.join(root, 'report.json');
    make(file);
    const before = fs.readdirSync(root).sort();
    expect(fileTargetProblem(file)).toMatch(message);
    expect(() => writeFileSafely(file, 'report')).toThrow(UnsafeTargetError);
    expect(fs.readdirSync(root).sort()).toEqual(before);
    if (fs.existsSync(`${file}.target`)) expect(fs.readFileSync(`${file}.target`, 'utf8')).toBe('precious');
  });
});

test('a folder given as a symbolic link or a file is refused', () => {
  fs.mkdirSync(path.join(root, 'real'));
  fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link'));
  fs.writeFileSync(path.join(root, 'file'), 'x');
  expect(folderTargetProblem(path.join(root, 'link'))).toMatch(/got a symbolic link/);
  expect(folderTargetProblem(path.join(root, 'file'))).toMatch(/got a file/);
  expect(() => writeFileSafely(path.join(root, 'link', 'a.json'), 'x')).toThrow(UnsafeTargetError);
  expect(fs.readdirSync(path.join(root, 'real'))).toEqual([]);
});
