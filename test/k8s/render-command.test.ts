/** `oaas render` (lib/cli/render.ts). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { registerRender } from '../../lib/cli/render';
import * as checks from '../../lib/k8s/checks';
import type { CapturedOutput } from '../helpers/output';
import { captureOutput } from '../helpers/output';
import { EXAMPLES, exampleTexts } from '../helpers/workspace';

let root: string;
let output: CapturedOutput;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-render-'));
  output = captureOutput();
});
afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});

async function render(...args: string[]): Promise<number> {
  const program = new Command('oaas').exitOverride();
  registerRender(program);
  process.exitCode = undefined;
  await program.parseAsync(['render', ...args], { from: 'user' });
  return Number(process.exitCode ?? 0);
}

/** Writes a copy of the starter workspace with `change` applied to its texts. */
function workspace(change: (texts: Record<string, string>) => void): string {
  const texts = exampleTexts('starter');
  change(texts);
  const dir = path.join(root, 'workspace');
  for (const [file, text] of Object.entries(texts)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

test('renders the starter workspace, writes the folders and prints a summary', async () => {
  const out = path.join(root, 'dist', 'k8s');
  expect(await render(path.join(EXAMPLES, 'starter'), '--out', out, '--repo-url', 'https://git.acme.example/k8s.git', '--revision', 'release')).toBe(0);
  expect(fs.readFileSync(path.join(out, 'dev/eu-west-1/data/data/manifests.yaml'), 'utf8')).toContain('image: ghcr.io/starter/analyst:2.0.3');
  const appSet = fs.readFileSync(path.join(out, 'dev/eu-west-1/argocd/applicationset-oaas-tenants.yaml'), 'utf8');
  expect(appSet).toContain('repoURL: https://git.acme.example/k8s.git');
  expect(appSet).toContain('revision: release');
  expect(output.stdout).toMatch(/rendered 10 files in 5 folders to /);
  expect(output.stdout).toMatch(/dev\s+eu-west-1\s+2 tenants\s+2 namespaces\s+3 agents\s+40 objects\s+3 Argo CD objects/);
  expect(output.stderr).toBe('');
});

test('with --env only that environment\'s folder is replaced', async () => {
  const out = path.join(root, 'k8s');
  expect(await render(path.join(EXAMPLES, 'starter'), '--out', out)).toBe(0);
  fs.mkdirSync(path.join(out, 'other'), { recursive: true });
  fs.writeFileSync(path.join(out, 'other', 'keep.yaml'), 'kept');
  fs.writeFileSync(path.join(out, 'dev', 'stale.yaml'), 'stale');
  expect(await render(path.join(EXAMPLES, 'starter'), '--env', 'dev', '--out', out)).toBe(0);
  expect(fs.readFileSync(path.join(out, 'other', 'keep.yaml'), 'utf8')).toBe('kept');
  expect(fs.existsSync(path.join(out, 'dev', 'stale.yaml'))).toBe(false);
  expect(fs.existsSync(path.join(out, 'dev', 'eu-west-1', 'web', 'kustomization.yaml'))).toBe(true);
});

test('an unknown --env is invalid input, and nothing is written', async () => {
  const out = path.join(root, 'k8s');
  expect(await render(path.join(EXAMPLES, 'starter'), '--env', 'prod', '--out', out)).toBe(2);
  expect(output.stderr).toContain('expected --env to name an environment, got "prod" (known: dev)');
  expect(fs.existsSync(out)).toBe(false);
});

test('an invalid workspace prints its diagnostics, exits 2 and writes nothing', async () => {
  const dir = workspace((texts) => { texts['tenants/web.yml'] = texts['tenants/web.yml']!.replace('team: web', 'team: nobody'); });
  const out = path.join(root, 'k8s');
  expect(await render(dir, '--out', out)).toBe(2);
  expect(output.stderr).toMatch(/tenants\/web\.yml:\d+:\d+ .*"nobody"/);
  expect(output.stderr).toContain('Nothing was rendered.');
  expect(fs.existsSync(out)).toBe(false);
});

test('egress into another tenant\'s closed namespace is refused by the definition, before anything is rendered', async () => {
  // The web tenant declares egress into the data tenant's namespace, which admits no other tenant.
  const dir = workspace((texts) => {
    texts['tenants/web.yml'] = texts['tenants/web.yml']!
      .replace('projects:', 'endpoints:\n  data-api: { namespace: data, ports: [8080] }\nprojects:')
      .replace('image: ghcr.io/starter/reviewer:1.2.0', 'image: ghcr.io/starter/reviewer:1.2.0\n        egress: [model-apis, data-api]');
  });
  const out = path.join(root, 'k8s');
  expect(await render(dir, '--out', out)).toBe(2);
  expect(output.stderr).toMatch(/tenants\/web\.yml:\d+:\d+ error OAAS308 endpoints\.data-api\.namespace: expected a namespace of this tenant or one another tenant opened to others, got "data" of tenant "data"/);
  expect(fs.existsSync(out)).toBe(false);
});

test('manifests that fail a check are reported, exit 1, and nothing is written', async () => {
  // A valid definition renders manifests that pass; a violation here stands for a defect of the charts.
  jest.spyOn(checks, 'clusterViolations').mockReturnValue([{ rule: 'ISO-NETWORK', object: 'NetworkPolicy web/reviewer-egress', message: 'sends egress to namespace data of tenant data, which does not admit other tenants' }]);
  const out = path.join(root, 'k8s');
  expect(await render(path.join(EXAMPLES, 'starter'), '--out', out)).toBe(1);
  expect(output.stderr).toContain('NetworkPolicy web/reviewer-egress: [ISO-NETWORK] sends egress to namespace data of tenant data, which does not admit other tenants');
  expect(output.stderr).toContain('Nothing was written.');
  expect(fs.existsSync(out)).toBe(false);
});

describe('what render refuses to replace: exit 2 before anything is read, moved or written', () => {
  /** Every entry under `dir` (not following links), to compare before and after. */
  const listing = (dir: string): string[] => fs.readdirSync(dir, { recursive: true }).map(String).sort();

  test.each([
    ['an empty path', () => '', /--out "": expected an output folder, got an empty path/],
    ['the working directory', () => '.', /expected an output folder of its own, got the working directory/],
    ['a parent of the working directory', () => '..', /got a folder that holds the working directory/],
    ['the workspace folder', () => path.join(root, 'workspace'), /got the workspace folder/],
    ['a folder holding the workspace', () => root, /got a folder that holds the workspace folder/],
    ['a folder with files oaas did not write', () => { fs.mkdirSync(path.join(root, 'mine')); fs.writeFileSync(path.join(root, 'mine', 'notes.txt'), 'x'); return path.join(root, 'mine'); }, /a folder oaas wrote \(with its \.oaas-output file\), an empty folder or a new one, got a folder with 1 other entry \("notes\.txt"\)/],
    ['a file', () => { fs.writeFileSync(path.join(root, 'file.txt'), 'x'); return path.join(root, 'file.txt'); }, /expected a folder, got a file/],
    ['a symbolic link', () => { fs.mkdirSync(path.join(root, 'real')); fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link')); return path.join(root, 'link'); }, /expected a folder, got a symbolic link/],
  ])('%s', async (_name, given, message) => {
    const dir = workspace(() => undefined);
    const out = given();
    const before = { root: listing(root), cwd: fs.readdirSync(process.cwd()).sort() };
    expect(await render(dir, '--out', out)).toBe(2);
    expect(output.stderr).toMatch(message);
    expect(output.stderr).toContain('Nothing was rendered.');
    expect(output.stdout).toBe('');
    expect(listing(root)).toEqual(before.root);
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(before.cwd);
  });

  test('an environment\'s folder inside a foreign folder is refused', async () => {
    const out = path.join(root, 'k8s');
    fs.mkdirSync(path.join(out, 'dev'), { recursive: true });
    fs.writeFileSync(path.join(out, 'dev', 'mine.txt'), 'x');
    expect(await render(path.join(EXAMPLES, 'starter'), '--env', 'dev', '--out', out)).toBe(2);
    expect(output.stderr).toMatch(/--out ".*k8s": expected a folder oaas wrote .* got a folder with 1 other entry \("dev"\)/);
    expect(fs.readdirSync(out)).toEqual(['dev']);
  });
});
