/** The plan's files are written whole or not at all: a temporary file renamed into place. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planOutProblem, writeFilesAtomically } from '../../lib/plan/write-files';

test('writes each file, replaces an old one, and leaves no temporary file behind', () => {
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'files-')), 'reports');
  expect(writeFilesAtomically(folder, { 'plan.md': 'one\n', 'plan.json': '{}\n' })).toEqual([path.join(folder, 'plan.md'), path.join(folder, 'plan.json')]);
  writeFilesAtomically(folder, { 'plan.md': 'two\n' });
  expect(fs.readdirSync(folder).sort()).toEqual(['plan.json', 'plan.md']);
  expect(fs.readFileSync(path.join(folder, 'plan.md'), 'utf8')).toBe('two\n');
});

test('a file that cannot be written fails without leaving a partial one', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'));
  fs.mkdirSync(path.join(folder, 'plan.html'));
  expect(() => writeFilesAtomically(folder, { 'plan.html': '<!doctype html>' })).toThrow();
  expect(fs.readdirSync(folder)).toEqual(['plan.html']);
});

test('a symbolic link planted at one name is refused before any file is written, and never written through', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'));
  const secret = path.join(folder, 'secret');
  fs.writeFileSync(secret, 'keep\n');
  fs.symlinkSync(secret, path.join(folder, 'plan.json'));
  expect(() => writeFilesAtomically(folder, { 'plan.md': 'one\n', 'plan.json': '{}\n' })).toThrow(/symbolic link/);
  expect(fs.readFileSync(secret, 'utf8')).toBe('keep\n');
  expect(fs.existsSync(path.join(folder, 'plan.md'))).toBe(false);
});

test.each([
  ['an empty path', ''],
  ['a file where the folder should be', 'file'],
])('planOutProblem names %s', (_name, given) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'));
  fs.writeFileSync(path.join(folder, 'file'), 'x');
  expect(planOutProblem(given === '' ? '' : path.join(folder, given), ['plan.md'])).toMatch(/expected a folder/);
});
