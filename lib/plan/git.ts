/**
 * The git a plan needs: find the repository of a workspace, resolve a ref to
 * a commit, check it out into a temporary worktree (removed afterwards, also
 * when the work in it fails), and list the code files that differ from it.
 * Plain `git` commands, nothing that changes the user's checkout.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export class GitError extends Error {}

/** Runs git in `cwd`; throws a GitError with git's own message. */
export function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
  } catch (error) {
    const e = error as { stderr?: string; message: string; code?: string };
    if (e.code === 'ENOENT') throw new GitError('git is not installed (or not on PATH)');
    throw new GitError((e.stderr ?? '').trim() || e.message);
  }
}

/** The top folder of the git repository holding `dir`, or undefined when it is not in one. */
export function repositoryOf(dir: string): string | undefined {
  try {
    return fs.realpathSync(git(['rev-parse', '--show-toplevel'], dir).trim());
  } catch {
    return undefined;
  }
}

/** The commit `ref` names in `repo`, or undefined when it names none. */
export function resolveCommit(repo: string, ref: string): string | undefined {
  if (ref.startsWith('-')) return undefined;
  try {
    return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repo).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks `commit` out into a temporary worktree, runs `work` in it, and
 * removes the worktree and its folder whatever happens.
 */
export async function withWorktree<T>(repo: string, commit: string, work: (dir: string) => Promise<T>): Promise<T> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-plan-base-'));
  const dir = path.join(parent, 'checkout');
  let added = false;
  try {
    git(['worktree', 'add', '--detach', '--quiet', dir, commit], repo);
    added = true;
    return await work(dir);
  } finally {
    if (added) {
      try {
        git(['worktree', 'remove', '--force', dir], repo);
      } catch {
        // The folder is removed below; prune forgets a worktree whose folder is gone.
      }
    }
    fs.rmSync(parent, { recursive: true, force: true });
    if (added) {
      try {
        git(['worktree', 'prune'], repo);
      } catch {
        // Nothing left to do: the worktree's folder is gone either way.
      }
    }
  }
}

/**
 * Files under `repo` that differ between `commit` and the working tree
 * (committed, staged, unstaged or untracked), limited to `pathspecs`.
 */
export function changedFiles(repo: string, commit: string, pathspecs: readonly string[]): string[] {
  const tracked = git(['diff', '--name-only', commit, '--', ...pathspecs], repo).split('\n');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '--', ...pathspecs], repo).split('\n');
  return [...new Set([...tracked, ...untracked].map((f) => f.trim()).filter(Boolean))].sort();
}
