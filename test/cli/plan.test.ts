/**
 * `oaas plan` through the command line (main, in process), on a copy of the
 * starter workspace committed in a temporary repository: against HEAD of a
 * clean checkout it finds nothing, twice to the byte; edits in the working
 * tree show as changes with approval required; saved outputs work as a base;
 * bad input exits 2 and leaves no worktree behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { platformApp } from '../../lib/platform/cdk-app';
import { buildPlatform } from '../../lib/platform/platform';
import { loadWorkspace } from '../../lib/definition/loader';
import type { Plan } from '../../lib/plan/types';
import { commitAll, gitIn, repositoryWith, worktrees } from '../helpers/git';
import { EXAMPLES, OPS_TENANT } from '../helpers/workspace';

interface Run { code: number; stdout: string; stderr: string }

async function oaas(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'oaas', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

describe('oaas plan', () => {
  let repo: string;
  let workspace: string;
  const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'plan-out-'));

  beforeAll(() => {
    repo = repositoryWith({ [path.join(EXAMPLES, 'starter')]: 'workspace' });
    workspace = path.join(repo, 'workspace');
  });

  test('against HEAD of a clean checkout reports no changes and exits 0; two runs write the same JSON bytes', async () => {
    const [first, second] = [out(), out()];
    const a = await oaas('plan', workspace, '--base', 'HEAD', '--no-compliance', '--format', 'json', '--out', first);
    const b = await oaas('plan', workspace, '--base', 'HEAD', '--no-compliance', '--format', 'json', '--out', second);
    expect(a.code).toBe(0);
    const plan = JSON.parse(a.stdout) as Plan;
    expect(plan.summary).toEqual({ changes: 0, byRisk: { high: 0, medium: 0, low: 0 }, approvalRequired: false, exitCode: 0 });
    expect(plan.compared).toMatchObject({ templates: true, manifests: true });
    expect(plan.compared.notes).toEqual([expect.stringMatching(/^The base \(HEAD, [0-9a-f]{12}\) was synthesized from its definition with this checkout's code\.$/)]);
    expect(plan.definitionChanges).toEqual([]);
    expect(b.stdout).toBe(a.stdout);
    expect(fs.readFileSync(path.join(first, 'plan.json'))).toEqual(fs.readFileSync(path.join(second, 'plan.json')));
    expect(fs.readdirSync(first).sort()).toEqual(['plan.html', 'plan.json', 'plan.md']);
    expect(a.stderr).toMatch(/^Plan: .*plan\.md, .*plan\.json, .*plan\.html\n$/);
    expect(worktrees(repo)).toEqual([repo]);
  });

  test('edits in the working tree are planned against HEAD: a new tenant needs approval (exit 3), the Markdown says who', async () => {
    const web = path.join(workspace, 'tenants', 'web.yml');
    const original = fs.readFileSync(web, 'utf8');
    fs.writeFileSync(path.join(workspace, 'tenants', 'ops.yml'), OPS_TENANT);
    fs.writeFileSync(web, original.replace('reviewer:1.2.0', 'reviewer:1.3.0'));
    try {
      const folder = out();
      const run = await oaas('plan', workspace, '--base', 'HEAD', '--no-compliance', '--out', folder);
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^## oaas plan: \d+ changes, approval required\n/);
      expect(run.stdout).toContain('1. `business_approval`: Tenant Administrator (ops); criteria `business_justification`; timeout 48 hours');
      expect(run.stdout).toContain('| update Deployment web/reviewer | tenant web, agent reviewer (dev/eu-west-1/web/web/manifests.yaml) | `tenants/web.yml:10 projects[0].agents[0].image` | `agent-updated` |');
      const plan = JSON.parse(fs.readFileSync(path.join(folder, 'plan.json'), 'utf8')) as Plan;
      expect(plan.tenants.map((t) => [t.id, t.status])).toEqual([['ops', 'new'], ['web', 'changed']]);
      expect(fs.readFileSync(path.join(folder, 'plan.md'), 'utf8')).toBe(run.stdout);
      expect(fs.readFileSync(path.join(folder, 'plan.html'), 'utf8')).toMatch(/^<!doctype html>/);
    } finally {
      fs.rmSync(path.join(workspace, 'tenants', 'ops.yml'));
      fs.writeFileSync(web, original);
    }
  });

  test('a saved cdk.out and rendered manifests work as the base, read as they are', async () => {
    const saved = out();
    const model = loadWorkspace(workspace).model!;
    const app = platformApp({ outdir: path.join(saved, 'cdk.out') });
    buildPlatform(app, model);
    app.synth();
    const rendered = await oaas('render', workspace, '--out', path.join(saved, 'k8s'));
    expect(rendered.code).toBe(0);
    const run = await oaas('plan', workspace, '--base', path.join(saved, 'cdk.out'), '--base', path.join(saved, 'k8s'), '--no-compliance', '--format', 'json', '--out', out());
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    expect(plan.base.kind).toBe('folder');
    expect(plan.summary.changes).toBe(0);
    expect(plan.compared).toEqual({ templates: true, manifests: true, notes: [] });
  });

  test('a base commit whose definition is invalid exits 2, says where, and leaves no worktree', async () => {
    const data = path.join(workspace, 'tenants', 'data.yml');
    const original = fs.readFileSync(data, 'utf8');
    fs.writeFileSync(data, original.replace('storage_quota: 200Gi', 'storage_quota: lots'));
    const broken = commitAll(repo, 'broken quota');
    fs.writeFileSync(data, original);
    try {
      const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('oaas-plan-'));
      const run = await oaas('plan', workspace, '--base', broken.slice(0, 10), '--no-compliance', '--out', out());
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`--base ${broken.slice(0, 10)}: the workspace definition at that commit is invalid (1 error(s)):`);
      expect(run.stderr).toMatch(/workspace\/tenants\/data\.yml:\d+:\d+ error OAAS104 resource_limits\.storage_quota: expected a size/);
      expect(run.stderr).toMatch(/Nothing was planned\.\n$/);
      expect(worktrees(repo)).toEqual([repo]);
      expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('oaas-plan-'))).toEqual(before);
    } finally {
      gitIn(repo, 'reset', '--quiet', '--hard', 'HEAD~1');
    }
  });

  test.each([
    ['no base', [], /--base: expected a saved cdk\.out .* got none/],
    ['an unknown ref', ['--base', 'no-such-branch'], /has no commit named "no-such-branch"/],
    ['an unknown environment', ['--base', 'HEAD', '--env', 'nowhere'], /expected --env to name an environment, got "nowhere"/],
  ])('%s exits 2 with what was expected', async (_name, args, message) => {
    const run = await oaas('plan', workspace, ...args, '--no-compliance', '--out', out());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('an invalid workspace exits 2 with its diagnostics', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'broken-'));
    fs.cpSync(workspace, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'context.yml'), 'defaults: [');
    const run = await oaas('plan', broken, '--base', 'HEAD', '--out', out());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/context\.yml:\d+:\d+ error OAAS003/);
    expect(run.stderr).toMatch(/Nothing was planned\.\n$/);
  });

  test('is a registered command whose help documents the exit codes', async () => {
    const run = await oaas('plan', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: oaas plan [options] [workspace]');
    expect(run.stdout).toContain('Exit codes: 0 no change above low risk, 3 approval required (a medium or high risk change), 2 invalid input, 1 internal error.');
  });
});
