/** What `--base` names: saved outputs by what they hold, or a git ref; anything else is refused with what was expected. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveBase } from '../../lib/plan/base';
import { PlanInputError } from '../../lib/plan/errors';
import { EXAMPLES } from '../helpers/workspace';
import { repositoryWith } from '../helpers/git';

describe('resolveBase', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bases-')));
  const make = (relative: string, file?: string) => {
    const full = path.join(dir, relative);
    fs.mkdirSync(full, { recursive: true });
    if (file) fs.writeFileSync(path.join(full, file), '{}');
    return full;
  };
  const assembly = make('saved/cdk.out', 'manifest.json');
  const manifests = make('saved/dist/k8s/dev/eu-west-1/web/web', 'manifests.yaml');
  const outsideGit = make('outside-git');

  test('a cloud assembly, a manifests folder, or a folder holding both', () => {
    expect(resolveBase([assembly], outsideGit)).toEqual({ kind: 'folder', assembly, label: assembly });
    expect(resolveBase([path.join(dir, 'saved/dist/k8s')], outsideGit)).toEqual({ kind: 'folder', manifests: path.join(dir, 'saved/dist/k8s'), label: path.join(dir, 'saved/dist/k8s') });
    expect(resolveBase(['saved'], outsideGit, dir)).toEqual({ kind: 'folder', assembly, manifests: path.join(dir, 'saved/dist/k8s'), label: 'saved' });
    expect(resolveBase(['saved/cdk.out', 'saved/dist/k8s'], outsideGit, dir)).toMatchObject({ assembly, manifests: path.join(dir, 'saved/dist/k8s'), label: 'saved/cdk.out + saved/dist/k8s' });
    expect(manifests).toContain('web');
  });

  test('a git ref of the workspace\'s repository', () => {
    const repo = repositoryWith({ [path.join(EXAMPLES, 'starter')]: 'workspace' });
    expect(resolveBase(['HEAD'], path.join(repo, 'workspace'))).toEqual({ kind: 'git', repo, ref: 'HEAD', commit: expect.stringMatching(/^[0-9a-f]{40}$/), label: 'HEAD' });
    expect(() => resolveBase(['no-such-branch'], path.join(repo, 'workspace'))).toThrow(/has no commit named "no-such-branch"/);
  });

  test.each([
    ['nothing', [], /--base: expected a saved cdk.out .* got none/],
    ['a ref outside any repository', ['main'], /--base main: expected .*; there is no such folder, and the workspace .* is not in a git repository/],
    ['a workspace definition', [path.join(EXAMPLES, 'starter')], /got a workspace definition\. Synthesize it first/],
    ['a file', [path.join(assembly, 'manifest.json')], /got a file/],
    ['an empty folder', [make('empty')], /holds neither manifest.json nor rendered YAML manifests/],
    ['two cloud assemblies', [assembly, assembly], /a second cloud assembly; give at most one of each/],
    ['a missing folder next to a real one', [assembly, 'missing'], /--base missing: .*there is no such folder/],
  ])('refuses %s', (_name, values, message) => {
    expect(() => resolveBase(values, outsideGit, dir)).toThrow(PlanInputError);
    expect(() => resolveBase(values, outsideGit, dir)).toThrow(message);
  });
});
