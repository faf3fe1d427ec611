/**
 * `oaas validate` as users run it: the real bin/oaas.js in a child process,
 * checking exit codes, where output goes and what it looks like.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'oaas.js');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function oaas(...args: string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Node and commander stack frames look like "    at fn (file:line:col)". */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** A copy of examples/starter in a temporary folder, with edits applied. */
function brokenStarter(edits: Record<string, (text: string) => string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-validate-'));
  fs.cpSync(path.join(root, 'examples', 'starter'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(dir, file);
    const before = fs.readFileSync(full, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    fs.writeFileSync(full, after);
  }
  return dir;
}

describe('oaas validate', () => {
  const temporary: string[] = [];
  afterAll(() => {
    for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a valid workspace exits 0 with a one-screen summary on stdout', () => {
    const run = oaas('validate', 'examples/starter');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines[0]).toBe('examples/starter: valid (0 warning(s))');
    expect(run.stdout).toMatch(/organization {2}starter/);
    expect(run.stdout).toMatch(/environment {3}dev +account 222222222222 {2}regions eu-west-1 {2}tenants 2 {2}agents 3 {2}budget \$1,500\/month {2}DR 1d RTO, 12h RPO/);
    expect(run.stdout).toMatch(/tenants {7}2 \(2 projects, 3 agents\)/);
    expect(run.stdout).toMatch(/frameworks {4}gdpr, iso_27001/);
  });

  test('a broken workspace exits 2 and lists every error as file:line:col on stderr, without a stack trace', () => {
    const dir = brokenStarter({
      'tenants/web.yml': (t) => t.replace('team: web', 'teem: web'),
      'governance.yml': (t) => t.replace('daily: "$50"', 'daily: "€50"'),
    });
    temporary.push(dir);
    const run = oaas('validate', dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${path.join(dir, 'governance.yml')}:77:10 error OAAS104 budgets.daily: expected an amount in US dollars`);
    expect(run.stderr).toContain('hint: Only US dollars are supported');
    expect(run.stderr).toContain(`${path.join(dir, 'tenants', 'web.yml')}:4:1 error OAAS101 teem: expected a known key at the top of the file, got unknown key "teem"`);
    expect(run.stderr).toContain('hint: Did you mean "team"?');
    expect(run.stderr).toMatch(/: 2 error\(s\), 0 warning\(s\)\. Nothing was generated\.\n$/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  test('the README\'s diagnostics sample is what `oaas validate examples/broken` prints, and it exits 2', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const sample = /```\n\$ node bin\/oaas\.js validate examples\/broken\n([^]*?)```/.exec(readme);
    expect(sample).not.toBeNull();
    const run = oaas('validate', 'examples/broken');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(sample![1]);
  });

  test('--format json puts errors and warnings with their locations on stdout', () => {
    const dir = brokenStarter({
      'workspace.yml': (t) => t.replace('eu-west-1b]', 'eu-west-2b]'),
      'context.yml': (t) => t.replace('compute_quota: 200 CPU hours/month', 'compute_quota: 20000 CPU hours/month'),
    });
    temporary.push(dir);
    const run = oaas('validate', dir, '--format', 'json');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { valid: boolean; errors: unknown[]; warnings: unknown[]; summary: unknown };
    expect(report.valid).toBe(false);
    expect(report.summary).toBeNull();
    expect(report.errors).toEqual([{
      severity: 'error',
      code: 'OAAS301',
      file: 'workspace.yml',
      line: 16,
      column: 42,
      path: 'environments[0].regions[0].availability_zones[1]',
      message: 'expected an availability zone of eu-west-1, got "eu-west-2b"',
      hint: 'Zones of eu-west-1 are named eu-west-1a, eu-west-1b, ...',
    }]);
    expect(report.warnings).toEqual([expect.objectContaining({
      severity: 'warning', code: 'OAAS305', file: 'workspace.yml', line: 26, column: 9, path: 'environments[0].cluster.node_pools',
      message: expect.any(String), hint: expect.any(String),
    })]);
  });

  test('--format json of a valid workspace carries the summary', () => {
    const run = oaas('validate', 'examples/starter', '--format', 'json');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { valid: boolean; errors: unknown[]; summary: { tenants: number; agents: number } };
    expect(report).toMatchObject({ valid: true, errors: [], warnings: [], summary: { organization: 'starter', tenants: 2, projects: 2, agents: 3 } });
  });

  test('a folder that does not exist is one error, not one per file', () => {
    const missing = path.join(os.tmpdir(), 'oaas-no-such-workspace');
    const run = oaas('validate', missing);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n').filter((l) => / error OAAS/.test(l))).toEqual([
      `${missing}:1:1 error OAAS001 (root): expected a workspace folder at ${missing}, found none`,
    ]);
  });

  test('an unknown option exits non-zero with usage and no stack trace', () => {
    const run = oaas('validate', '--frobnicate', 'examples/starter');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("unknown option '--frobnicate'");
    expect(run.stderr).toContain('Usage: oaas validate');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toBe('');
  });
});
