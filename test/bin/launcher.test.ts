/**
 * bin/launcher.js: bundles a TypeScript entry into build/, reuses the bundle
 * only while nothing it was built from changed, and falls back to tsx. Each
 * test runs a copy of the launcher in a small project of its own, in a child
 * process, as `node bin/app.js` and `node bin/oaas.js` do.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const repo = path.resolve(__dirname, '..', '..');
let project: string;

function write(file: string, text: string): void {
  const full = path.join(project, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

/** Runs `node bin/launcher.js <args>` in the project. */
function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env };
  for (const name of ['CDK_DEBUG', 'OAAS_NO_BUNDLE', 'NODE_OPTIONS']) delete base[name];
  const result = spawnSync(process.execPath, [path.join(project, 'bin', 'launcher.js'), ...args], { cwd: project, env: { ...base, ...env }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the entry and parses the JSON line it prints. */
function runEntry(env: NodeJS.ProcessEnv = {}, args: string[] = []): Record<string, unknown> {
  const result = run(['src/entry.ts', ...args], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const bundle = () => path.join(project, 'build', 'src.entry.js');
const inode = (file: string) => fs.statSync(file).ino;

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-launcher-'));
  fs.mkdirSync(path.join(project, 'bin'));
  fs.copyFileSync(path.join(repo, 'bin', 'launcher.js'), path.join(project, 'bin', 'launcher.js'));
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  write('tsconfig.json', '{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true } }\n');
  write('src/dep.ts', "export const value: string = 'one';\n");
  write('src/lib/index.ts', "export const from = 'lib/index.ts';\n");
  write('src/entry.ts', [
    "import { value } from './dep';",
    "import { from } from './lib';",
    'console.log(JSON.stringify({ value, from, dir: __dirname, file: __filename, argv: process.argv.slice(2), stack: new Error().stack }));',
    '',
  ].join('\n'));
});

afterEach(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

test('builds on the first run, with the sources\' own __dirname and the arguments passed on', () => {
  const out = runEntry({}, ['--flag', 'x']);
  expect(out).toMatchObject({ value: 'one', from: 'lib/index.ts', dir: path.join(project, 'src'), file: path.join(project, 'src', 'entry.ts'), argv: ['--flag', 'x'] });
  expect(fs.existsSync(bundle())).toBe(true);
  // Packages are not bundled.
  expect(fs.readFileSync(bundle(), 'utf8')).not.toContain('esbuild');
});

test('reuses a fresh bundle without rebuilding it', () => {
  runEntry();
  const before = inode(bundle());
  runEntry();
  expect(inode(bundle())).toBe(before);
});

test('rebuilds after a change that keeps the size and the modification time', () => {
  // A whole second, so that setting it again restores it exactly (as cp -p or tar would).
  const dep = path.join(project, 'src', 'dep.ts');
  fs.utimesSync(dep, 1_700_000_000, 1_700_000_000);
  runEntry();
  fs.writeFileSync(dep, "export const value: string = 'two';\n");
  fs.utimesSync(dep, 1_700_000_000, 1_700_000_000);
  expect(fs.statSync(dep).mtimeMs).toBe(1_700_000_000_000);
  expect(runEntry().value).toBe('two');
});

test('rebuilds when a new file changes what an import resolves to', () => {
  expect(runEntry().from).toBe('lib/index.ts');
  write('src/lib.ts', "export const from = 'lib.ts';\n");
  expect(runEntry().from).toBe('lib.ts');
});

test('rebuilds when the bundle is not the one its stamp describes', () => {
  runEntry();
  fs.writeFileSync(`${bundle()}.new`, 'console.log(JSON.stringify({ value: "stale" }));\n');
  fs.renameSync(`${bundle()}.new`, bundle());
  expect(runEntry().value).toBe('one');
});

test('--build only builds, once', () => {
  expect(run(['--build', 'src/entry.ts'])).toMatchObject({ code: 0, stdout: '' });
  const built = inode(bundle());
  expect(run(['--build', 'src/entry.ts']).code).toBe(0);
  expect(inode(bundle())).toBe(built);
});

test('stack traces point into the bundle, and at the sources only when debugging', () => {
  expect(runEntry().stack).toContain(path.join('build', 'src.entry.js'));
  expect(runEntry({ CDK_DEBUG: 'true' }).stack).toContain(path.join(project, 'src', 'entry.ts'));
  expect(runEntry({}, ['--debug']).stack).toContain(path.join(project, 'src', 'entry.ts'));
});

test('OAAS_NO_BUNDLE runs the sources with tsx and builds nothing', () => {
  expect(runEntry({ OAAS_NO_BUNDLE: '1' })).toMatchObject({ value: 'one', dir: path.join(project, 'src') });
  expect(fs.existsSync(path.join(project, 'build'))).toBe(false);
});

test('a source that does not compile fails as it does under tsx, and a fixed one runs', () => {
  write('src/dep.ts', 'export const value: string = ;\n');
  const broken = run(['src/entry.ts']);
  expect(broken.code).not.toBe(0);
  expect(broken.stderr).toMatch(/dep\.ts/);
  write('src/dep.ts', "export const value: string = 'fixed';\n");
  expect(runEntry().value).toBe('fixed');
});

test('the product\'s entries bundle with their packages left external', () => {
  // The real launcher and build folder, as `npx cdk synth` and `node bin/oaas.js` use them.
  const result = spawnSync(process.execPath, [path.join(repo, 'bin', 'launcher.js'), '--build', 'bin/app.ts', 'lib/cli/main.ts'], { cwd: repo, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const app = fs.readFileSync(path.join(repo, 'build', 'bin.app.js'), 'utf8');
  expect(app).toContain('require("aws-cdk-lib")');
  expect(app).not.toMatch(/aws-cdk-lib\/core\/lib\/stack\.js/);
  const stamp = JSON.parse(fs.readFileSync(path.join(repo, 'build', 'bin.app.stamp.json'), 'utf8')) as { inputs: Record<string, unknown> };
  expect(Object.keys(stamp.inputs)).toEqual(expect.arrayContaining(['bin/app.ts', 'lib/k8s/render.ts', 'tsconfig.json', 'bin/launcher.js']));
});
