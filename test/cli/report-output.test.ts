/** How the compliance and security reports are written (lib/cli/report-output.ts), and the commands' check before they synthesize. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPORT_FILES, runComplianceCheckCommand } from '../../lib/cli/compliance-check';
import { reportOutProblem, writeReport } from '../../lib/cli/report-output';
import { runSecurityScanCommand, SCAN_FILES } from '../../lib/cli/security-scan';
import type { CapturedOutput } from '../helpers/output';
import { captureOutput } from '../helpers/output';
import { EXAMPLES } from '../helpers/workspace';

let root: string;
let output: CapturedOutput;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-report-'));
  output = captureOutput();
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(root, { recursive: true, force: true });
});

const reportOutput = (out: string) => ({ out, format: 'text' as const, files: REPORT_FILES, html: (r: { n: number }) => `<p>${r.n}</p>`, text: (r: { n: number }) => `n=${r.n}\n` });

test('writes both files through a rename and replaces regular files', () => {
  const out = path.join(root, 'reports');
  expect(writeReport({ n: 1 }, reportOutput(out))).toBeUndefined();
  expect(writeReport({ n: 2 }, reportOutput(out))).toBeUndefined();
  expect(fs.readdirSync(out).sort()).toEqual([REPORT_FILES.html, REPORT_FILES.json].sort());
  expect(JSON.parse(fs.readFileSync(path.join(out, REPORT_FILES.json), 'utf8'))).toEqual({ n: 2 });
  expect(output.stdout).toContain('n=2\nReports: ');
});

/** What a repository can ship at a report's path. */
const planted: Array<[string, (out: string) => void, RegExp]> = [
  ['a symbolic link at the JSON report', (out) => { fs.mkdirSync(out); fs.symlinkSync(path.join(root, 'victim'), path.join(out, REPORT_FILES.json)); }, /compliance-report\.json, got a symbolic link/],
  ['a symbolic link at the HTML report', (out) => { fs.mkdirSync(out); fs.symlinkSync(path.join(root, 'victim'), path.join(out, REPORT_FILES.html)); }, /compliance-report\.html, got a symbolic link/],
  ['a FIFO at the JSON report', (out) => { fs.mkdirSync(out); execFileSync('mkfifo', [path.join(out, REPORT_FILES.json)]); }, /got a special file/],
  ['a folder at the JSON report', (out) => fs.mkdirSync(path.join(out, REPORT_FILES.json), { recursive: true }), /got a folder/],
  ['the report folder as a symbolic link', (out) => { fs.mkdirSync(path.join(root, 'elsewhere')); fs.symlinkSync(path.join(root, 'elsewhere'), out); }, /expected a folder at .*reports, got a symbolic link/],
];

describe('a link or special file at a report\'s path is refused, never written through', () => {
  test.each(planted)('%s', (_name, plant, message) => {
    fs.writeFileSync(path.join(root, 'victim'), 'precious');
    const out = path.join(root, 'reports');
    plant(out);
    expect(reportOutProblem(out, REPORT_FILES)).toMatch(message);
    expect(writeReport({ n: 1 }, reportOutput(out))).toMatch(message);
    expect(fs.readFileSync(path.join(root, 'victim'), 'utf8')).toBe('precious');
    expect(output.stdout).toBe('');
  });

  test('an empty --out is refused', () => {
    expect(reportOutProblem('', REPORT_FILES)).toMatch(/--out "": expected a folder for the reports, got an empty path/);
  });
});

describe('the commands check the report paths before they read or synthesize anything (exit 2)', () => {
  test.each([
    ['compliance-check', () => runComplianceCheckCommand(path.join(EXAMPLES, 'starter'), { framework: 'all', out: path.join(root, 'reports'), format: 'json' }), REPORT_FILES.json, 'Nothing was checked.'],
    ['security-scan', () => runSecurityScanCommand(path.join(EXAMPLES, 'starter'), { out: path.join(root, 'reports'), format: 'json' }), SCAN_FILES.json, 'Nothing was scanned.'],
  ])('%s', (_name, run, file, nothing) => {
    fs.writeFileSync(path.join(root, 'victim'), 'precious');
    fs.mkdirSync(path.join(root, 'reports'));
    fs.symlinkSync(path.join(root, 'victim'), path.join(root, 'reports', file));
    expect(run()).toBe(2);
    expect(output.stderr).toMatch(new RegExp(`--out ".*reports": expected a regular file or nothing at .*${file.replace('.', '\\.')}, got a symbolic link`));
    expect(output.stderr).toContain(nothing);
    expect(fs.readFileSync(path.join(root, 'victim'), 'utf8')).toBe('precious');
  });
});
