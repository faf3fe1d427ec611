/** Temporary git repositories for tests: never this project's repository, which other checkouts share. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Runs git in `cwd` with a fixed identity, returning its output. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=oaas tests', '-c', 'user.email=tests@oaas.example', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A new repository holding a copy of `files` (folder → path inside the repository), committed once. */
export function repositoryWith(files: Record<string, string>): string {
  const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-repo-')));
  gitIn(repo, 'init', '--quiet');
  for (const [source, target] of Object.entries(files)) fs.cpSync(source, path.join(repo, target), { recursive: true });
  commitAll(repo, 'initial');
  return repo;
}

export function commitAll(repo: string, message: string): string {
  gitIn(repo, 'add', '--all');
  gitIn(repo, 'commit', '--quiet', '--allow-empty', '-m', message);
  return gitIn(repo, 'rev-parse', 'HEAD').trim();
}

/** The worktrees git knows of in `repo`. */
export function worktrees(repo: string): string[] {
  return gitIn(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).map((l) => l.slice('worktree '.length));
}
