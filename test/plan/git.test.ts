/** The git a plan runs: temporary worktrees, removed whatever happens, and the files that differ from a commit. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { changedFiles, repositoryOf, resolveCommit, withWorktree } from '../../lib/plan/git';
import { commitAll, repositoryWith, worktrees } from '../helpers/git';

describe('git', () => {
  let repo: string;
  let first: string;
  beforeAll(() => {
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'src-'));
    fs.writeFileSync(path.join(source, 'a.txt'), 'one\n');
    repo = repositoryWith({ [source]: 'files' });
    first = resolveCommit(repo, 'HEAD')!;
  });

  test('finds the repository and resolves refs to commits', () => {
    expect(repositoryOf(path.join(repo, 'files'))).toBe(repo);
    expect(repositoryOf(path.dirname(repo))).toBeUndefined();
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(resolveCommit(repo, 'main')).toBe(first);
    expect(resolveCommit(repo, 'no-such-branch')).toBeUndefined();
    expect(resolveCommit(repo, '--help')).toBeUndefined();
  });

  test('checks a commit out into a temporary worktree and removes it afterwards', async () => {
    fs.writeFileSync(path.join(repo, 'files', 'a.txt'), 'two\n');
    commitAll(repo, 'second');
    let seen = '';
    const result = await withWorktree(repo, first, (dir) => {
      seen = dir;
      expect(worktrees(repo)).toHaveLength(2);
      return Promise.resolve(fs.readFileSync(path.join(dir, 'files', 'a.txt'), 'utf8'));
    });
    expect(result).toBe('one\n');
    expect(worktrees(repo)).toEqual([repo]);
    expect(fs.existsSync(seen)).toBe(false);
  });

  test('removes the worktree when the work fails too', async () => {
    let seen = '';
    await expect(withWorktree(repo, first, (dir) => {
      seen = dir;
      fs.writeFileSync(path.join(dir, 'scratch.txt'), 'left behind?');
      return Promise.reject(new Error('synth failed'));
    })).rejects.toThrow('synth failed');
    expect(worktrees(repo)).toEqual([repo]);
    expect(fs.existsSync(path.dirname(seen))).toBe(false);
  });

  test('lists files that differ from a commit: committed, modified and untracked, within the pathspecs', () => {
    fs.writeFileSync(path.join(repo, 'files', 'new.txt'), 'untracked\n');
    fs.writeFileSync(path.join(repo, 'notes.md'), 'left out\n');
    expect(changedFiles(repo, first, ['.', ':(exclude,glob)**/*.md'])).toEqual(['files/a.txt', 'files/new.txt']);
    expect(changedFiles(repo, 'HEAD', ['files'])).toEqual(['files/new.txt']);
  });
});
