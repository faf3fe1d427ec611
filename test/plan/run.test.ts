/**
 * A git base synthesized with its own code: this project's files at HEAD
 * committed in a repository of their own (so this repository and its
 * worktrees are never touched, and a shallow CI clone works as well),
 * whose commit's app runs in a child process as the CDK CLI runs it. Its
 * output must equal the in-process synth of the same definition: the plan
 * finds no change.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadWorkspace } from '../../lib/definition/loader';
import { resolveBase } from '../../lib/plan/base';
import { PlanInputError } from '../../lib/plan/errors';
import { runPlan } from '../../lib/plan/run';
import { commitAll, gitIn, worktrees } from '../helpers/git';

const ROOT = path.resolve(__dirname, '..', '..');

describe('runPlan with a git base synthesized by its own code', () => {
  let clone: string;
  beforeAll(() => {
    clone = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-clone-')));
    const archive = path.join(os.tmpdir(), 'head.tar');
    gitIn(ROOT, 'archive', '--format=tar', '-o', archive, 'HEAD');
    execFileSync('tar', ['-xf', archive, '-C', clone]);
    gitIn(clone, 'init', '--quiet');
    commitAll(clone, 'this project at HEAD');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  });

  test('HEAD of a clean checkout, run by its own app, plans no change against the in-process synth', async () => {
    const workspaceDir = path.join(clone, 'examples', 'starter');
    const model = loadWorkspace(workspaceDir).model!;
    const plan = await runPlan(model, {
      workspaceDir, workspaceLabel: 'examples/starter', base: resolveBase(['HEAD'], workspaceDir), projectRoot: clone, baseCode: 'own', compliance: false,
    });
    expect(plan.compared.notes).toEqual([expect.stringMatching(/^The base \(HEAD, [0-9a-f]{12}\) was synthesized with its own code\.$/)]);
    expect(plan.compared).toMatchObject({ templates: true, manifests: true });
    expect(plan.changes).toEqual([]);
    expect(worktrees(clone)).toEqual([clone]);
  });

  test('own code is refused for a workspace outside the project\'s repository', async () => {
    const workspaceDir = path.join(clone, 'examples', 'starter');
    const model = loadWorkspace(workspaceDir).model!;
    await expect(runPlan(model, {
      workspaceDir, workspaceLabel: 'w', base: resolveBase(['HEAD'], workspaceDir), projectRoot: ROOT, baseCode: 'own', compliance: false,
    })).rejects.toThrow(PlanInputError);
  });
});
