/** The plan's files are written whole or not at all: a temporary file renamed into place. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFilesAtomically } from '../../lib/plan/write-files';

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
