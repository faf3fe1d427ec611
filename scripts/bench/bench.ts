/**
 * The benchmark: for each size, generate the workspace, then time in separate
 * processes `oaas validate`, the product's CDK app (as the CDK CLI runs it:
 * CDK_OUTDIR and CDK_CONTEXT_JSON set, no CLI in between), optionally the
 * CLI itself, and the baseline app with the same resource set and no
 * workspace layer; with CloudFormation validation off and on. A size that
 * fails is reported with its error and the others go on.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Manifest } from 'aws-cdk-lib/cloud-assembly-schema';
import { loadWorkspace } from '../../lib/definition/loader';
import { tenantRegions } from '../../lib/definition/model';
import { RESOURCE_SET_ENV } from './baseline-app';
import { MODEL_ENV } from './constructs-app';
import type { RunResult } from './measure';
import { median, runMeasured } from './measure';
import type { PresetName } from './presets';
import { ENTERPRISE_EXAMPLE, presetTexts, writeWorkspaceFolder } from './presets';
import { compareResourceCounts, readResourceSet, resourceSetCounts } from './resource-set';
import type { AssemblyStats } from './stats';
import { assemblyStats } from './stats';

export type ValidationMode = 'off' | 'on';
export type BaselineRunner = 'bundle' | 'tsx';
export const BASELINE_RUNNERS: readonly BaselineRunner[] = ['bundle', 'tsx'];

/**
 * The command of the baseline app (its resource set comes through the
 * environment), with the Node.js options the product's app runs with, so both
 * run alike (see `nodeOptionsOf`).
 */
export function baselineCommand(root: string, runner: BaselineRunner = 'bundle', nodeOptions: readonly string[] = []): string[] {
  return runner === 'tsx'
    ? [process.execPath, ...nodeOptions, '-r', 'tsx/cjs', path.join(root, 'scripts', 'bench', 'baseline-app.ts')]
    : [process.execPath, ...nodeOptions, path.join(root, 'bin', 'launcher.js'), 'scripts/bench/baseline-main.ts'];
}

/**
 * The Node.js options of a `node` command (`node --max-semi-space-size=32 bin/app.js`):
 * the `--name` or `--name=value` words before the script. The comparison apps
 * get the same, so a runtime setting of the product's app is not counted as its gain.
 */
export function nodeOptionsOf(command: readonly string[]): string[] {
  if (command[0] !== process.execPath) return [];
  const end = command.findIndex((part, i) => i > 0 && !/^--[\w-]+(=\S*)?$/.test(part));
  return command.slice(1, end === -1 ? command.length : end);
}
export const VALIDATION_MODES: readonly ValidationMode[] = ['off', 'on'];

export interface BenchOptions {
  /** Repository root: the working folder of every process, where cdk.json is. */
  readonly root: string;
  readonly sizes: readonly PresetName[];
  readonly runs: number;
  readonly validation: readonly ValidationMode[];
  readonly seed: number;
  /** Also time `cdk synth` through the CDK CLI. */
  readonly cli: boolean;
  /** The product app command; default: the `app` of cdk.json. */
  readonly appCommand?: string;
  /**
   * How the baseline app starts: from a bundle through bin/launcher.js, as the product's
   * default app command does (a plain JavaScript CDK app), or through the tsx require hook.
   * @default 'bundle'
   */
  readonly baselineRunner?: BaselineRunner;
  readonly timeoutMs: number;
  /**
   * The CDK's resources-per-stack check (`@aws-cdk/core:stackResourceLimit`; 0 turns it off), for
   * product, CLI and baseline alike. Default: the CDK's own (500). Off lets a size whose stacks are
   * too big for CloudFormation still be timed; the report lists such templates.
   */
  readonly resourceLimit?: number;
  /** Folder for workspaces and outputs. */
  readonly workDir: string;
  /** Keep each size's workspace and outputs (default: removed once the size is measured, to spare the disk). */
  readonly keepOutputs?: boolean;
  readonly log: (line: string) => void;
}

export interface Series {
  readonly command: string;
  /** Successful runs. */
  readonly runs: number;
  readonly samplesMs: readonly number[];
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  /** Median CPU time (user + system) of the runs. */
  readonly medianCpuMs?: number;
  /** The highest peak RSS of the runs, in MiB. */
  readonly maxRssMb?: number;
  /** Why the series stopped, when a run failed. */
  readonly error?: string;
}

export interface SizeReport {
  readonly size: PresetName;
  readonly workspace: string;
  readonly regions?: number;
  readonly environments?: number;
  readonly tenants?: number;
  readonly projects?: number;
  readonly agents?: number;
  /** Agents times the clusters each runs on (its tenant's regions in every environment): the units of work that grow. */
  readonly agentPlacements?: number;
  readonly loadError?: string;
  readonly validate?: Series;
  readonly product: Partial<Record<ValidationMode, Series>>;
  readonly cli?: Series;
  readonly assembly?: AssemblyStats;
  /**
   * Context lookups the product asked for (manifest `missing`): the CLI would
   * query AWS and run the app again, so the app-alone time is then not the synth's.
   */
  readonly missingContext?: readonly string[];
  readonly baseline: Partial<Record<ValidationMode, Series>>;
  /** Whether the baseline's resources per type and stack equal the product's. */
  readonly baselineCheck?: { readonly matches: boolean; readonly differences: readonly string[] };
  readonly baselineSkipped?: string;
  /** Product median / baseline median, wall time. */
  readonly ratio: Partial<Record<ValidationMode, number>>;
  /** The same for CPU time. */
  readonly ratioCpu?: Partial<Record<ValidationMode, number>>;
  /**
   * The constructs-only app (scripts/bench/constructs-app.ts): the product's stacks from the
   * resolved model as JSON, without the workspace layer (YAML, zod, checks, Kubernetes).
   */
  readonly constructs?: Partial<Record<ValidationMode, Series>>;
  /** Whether its resources per type and stack equal the product's. */
  readonly constructsCheck?: { readonly matches: boolean; readonly differences: readonly string[] };
  /** Product median / constructs-only median, wall time: the workspace layer's overhead. */
  readonly layerRatio?: Partial<Record<ValidationMode, number>>;
}

export interface PerAgent {
  readonly from: PresetName;
  readonly to: PresetName;
  readonly addedAgents: number;
  readonly validateMs?: number;
  readonly product: Partial<Record<ValidationMode, number>>;
  readonly baseline: Partial<Record<ValidationMode, number>>;
  /** Agent placements (agent × cluster) added, and the product's time per added placement (ms). */
  readonly addedPlacements?: number;
  readonly productPerPlacement?: Partial<Record<ValidationMode, number>>;
  /** CloudFormation resources added, and the product's time per added resource (ms). */
  readonly addedResources?: number;
  readonly productPerResource?: Partial<Record<ValidationMode, number>>;
}

/** How much the time per added unit changes from one step between sizes to the next (|b − a| / a, in percent). */
export interface Growth {
  readonly from: string;
  readonly to: string;
  readonly mode: ValidationMode;
  readonly perAgentPct: number;
  readonly perPlacementPct?: number;
  readonly perResourcePct?: number;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly host: { readonly node: string; readonly platform: string; readonly cpus: number; readonly memoryGb: number };
  readonly awsCdkLib: string;
  readonly runs: number;
  readonly seed: number;
  readonly productCommand: string;
  /** The baseline app's command (its resource set comes through the environment). */
  readonly baselineCommand?: string;
  /** The resources-per-stack check, when not the CDK's default (0: off). */
  readonly resourceLimit?: number;
  /** Validation mode of the CLI column, when the CLI was timed. */
  readonly cliValidation?: ValidationMode;
  /** What the product and baseline times are. */
  readonly measures: string;
  readonly sizes: readonly SizeReport[];
  /** Time per added agent between consecutive sizes (by agent count), L → XL among them. */
  readonly perAddedAgent: readonly PerAgent[];
  /** How the time per added unit changes between consecutive steps. */
  readonly growth: readonly Growth[];
  readonly failures: readonly string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Splits a command line on spaces (cdk.json `app` style; no quoting). */
function splitCommand(command: string): string[] {
  const parts = command.trim().split(/\s+/).filter(Boolean);
  return parts[0] === 'node' ? [process.execPath, ...parts.slice(1)] : parts;
}

export const STACK_RESOURCE_LIMIT_CONTEXT = '@aws-cdk/core:stackResourceLimit';

/** The context the CDK CLI passes to an app, with cdk.json's context and `extra`. */
function cliContext(options: BenchOptions, extra: Record<string, unknown>): Record<string, unknown> {
  const cdkJson = readJson<{ context?: Record<string, unknown> }>(path.join(options.root, 'cdk.json'));
  return {
    ...cdkJson.context,
    ...(options.resourceLimit !== undefined ? { [STACK_RESOURCE_LIMIT_CONTEXT]: options.resourceLimit } : {}),
    [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
    [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true,
    [cxapi.ANALYTICS_REPORTING_ENABLED_CONTEXT]: true,
    [cxapi.BUNDLING_STACKS]: ['**'],
    // The product's App records no construct stack traces unless debugging (lib/platform/cdk-app.ts);
    // the baseline and constructs-only apps get the same through their context, so all compare alike.
    [cxapi.DISABLE_METADATA_STACK_TRACE]: true,
    [cxapi.DISABLE_CREATION_STACK_TRACES]: true,
    ...extra,
  };
}

function baseEnv(mode: ValidationMode): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['CDK_VALIDATION', cxapi.OUTDIR_ENV, cxapi.CONTEXT_ENV, RESOURCE_SET_ENV]) delete env[name];
  if (mode === 'off') env.CDK_VALIDATION = 'false';
  return env;
}

/** Version of the installed CDK CLI, which the CLI hands its apps. */
const CLI_VERSION = ((): string | undefined => {
  try {
    return readJson<{ version: string }>(require.resolve('aws-cdk/package.json')).version;
  } catch {
    return undefined;
  }
})();

/** The environment of an app run as the CLI runs it. */
function appEnv(mode: ValidationMode, outdir: string, context: Record<string, unknown>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...baseEnv(mode),
    [cxapi.OUTDIR_ENV]: outdir,
    [cxapi.CONTEXT_ENV]: JSON.stringify(context),
    [cxapi.CLI_ASM_VERSION_ENV]: Manifest.version(),
    ...(CLI_VERSION ? { [cxapi.CLI_VERSION_ENV]: CLI_VERSION } : {}),
    ...extra,
  };
}

/** One line on why a run failed: how it ended, and the first lines of stderr that name an error. */
export function describeFailure(result: RunResult): string {
  const why = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
  // Skip what does not explain: the source line Node echoes under a `file:line` header (minified
  // library code) and its caret line, stack frames, the Node version.
  const raw = result.stderrTail.split('\n').map((l) => l.trimEnd());
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i]!;
    if (/^\S+:\d+$/.test(l)) {
      i += /^[\s^]*$/.test(raw[i + 2] ?? 'x') ? 2 : 1;
      continue;
    }
    if (l.trim() !== '' && l.length <= 2000 && !/^\s+at /.test(l) && !/^Node\.js v/.test(l)) lines.push(l);
  }
  // The first line that names an error (or a CDK error id, «Id») says more than the tail of a stack trace.
  const errorAt = lines.findIndex((l) => /error|exception|«\w+»|fail/i.test(l) && !/^\[WARNING\]/.test(l));
  const shown = (errorAt >= 0 ? lines.slice(errorAt, errorAt + 3) : lines.slice(-3)).join(' | ');
  return `${why}${shown ? `: ${shown.slice(0, 600)}` : ''}`;
}

interface RunSpec {
  readonly command: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Runs before each measured run, not timed (cleaning the output folder). */
  readonly before?: () => void;
}

async function series(label: string, spec: RunSpec, options: BenchOptions): Promise<Series> {
  const samples: number[] = [];
  const cpu: number[] = [];
  let maxRssKb: number | undefined;
  let error: string | undefined;
  for (let i = 0; i < options.runs; i++) {
    spec.before?.();
    const result = await runMeasured(spec.command, { cwd: options.root, env: spec.env, timeoutMs: options.timeoutMs });
    if (!result.ok) {
      error = describeFailure(result);
      options.log(`  ${label}: run ${i + 1} failed (${error.slice(0, 200)})`);
      break;
    }
    samples.push(result.wallMs);
    if (result.cpuMs !== undefined) cpu.push(result.cpuMs);
    if (result.maxRssKb !== undefined) maxRssKb = Math.max(maxRssKb ?? 0, result.maxRssKb);
    const usage = result.cpuMs !== undefined && result.maxRssKb !== undefined ? ` (cpu ${(result.cpuMs / 1000).toFixed(2)} s, ${Math.round(result.maxRssKb / 1024)} MiB)` : '';
    options.log(`  ${label}: run ${i + 1}/${options.runs} ${(result.wallMs / 1000).toFixed(2)} s${usage}`);
  }
  return {
    command: spec.command.map((part) => (part === process.execPath ? 'node' : part)).join(' '),
    runs: samples.length,
    samplesMs: samples.map((s) => Math.round(s)),
    ...(samples.length > 0 ? { medianMs: Math.round(median(samples)), minMs: Math.round(Math.min(...samples)), maxMs: Math.round(Math.max(...samples)) } : {}),
    ...(cpu.length > 0 ? { medianCpuMs: Math.round(median(cpu)) } : {}),
    ...(maxRssKb !== undefined ? { maxRssMb: Math.round(maxRssKb / 1024) } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

const fresh = (dir: string) => () => fs.rmSync(dir, { recursive: true, force: true });

/** The CLI is timed once per size: with validation on (its default) unless only off was asked for. */
const cliMode = (options: BenchOptions): ValidationMode => (options.validation.includes('on') ? 'on' : 'off');

async function benchSize(size: PresetName, options: BenchOptions, productCommand: string[]): Promise<SizeReport> {
  const sizeDir = path.join(options.workDir, size);
  fs.mkdirSync(sizeDir, { recursive: true });
  let workspace = ENTERPRISE_EXAMPLE;
  if (size !== 'M') {
    workspace = path.join(sizeDir, 'workspace');
    writeWorkspaceFolder(workspace, presetTexts(size, options.seed));
  }
  const empty = { size, workspace, product: {}, baseline: {}, ratio: {} };
  const loaded = loadWorkspace(workspace);
  if (!loaded.model) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    return { ...empty, loadError: `${loaded.errorCount} error(s)${first ? `, first: ${first.file}:${first.line} ${first.message}` : ''}` };
  }
  const model = loaded.model;
  const counts = {
    regions: Math.max(...model.environments.map((e) => e.regions.length)),
    environments: model.environments.length,
    tenants: model.tenants.length,
    projects: model.tenants.reduce((sum, t) => sum + t.projects.length, 0),
    agents: model.tenants.reduce((sum, t) => sum + t.agents.length, 0),
    agentPlacements: model.environments.reduce((sum, env) => sum + env.tenants.reduce((n, t) => n + t.agents.length * tenantRegions(env, t).length, 0), 0),
  };
  options.log(`${size}: ${counts.environments} environment(s) × ${counts.regions} region(s), ${counts.tenants} tenants, ${counts.agents} agents (${workspace})`);

  const validate = await series(`${size} validate`, {
    command: [process.execPath, path.join(options.root, 'bin', 'oaas.js'), 'validate', workspace],
    env: baseEnv('on'),
  }, options);

  const product: Partial<Record<ValidationMode, Series>> = {};
  let productOut: string | undefined;
  for (const mode of options.validation) {
    const outdir = path.join(sizeDir, `product-${mode}`);
    product[mode] = await series(`${size} product synth, validation ${mode}`, {
      command: productCommand,
      env: appEnv(mode, outdir, cliContext(options, { workspace })),
      before: fresh(outdir),
    }, options);
    if (product[mode].runs > 0) productOut = outdir;
  }

  let cli: Series | undefined;
  if (options.cli && productOut) {
    const mode = cliMode(options);
    const outdir = path.join(sizeDir, 'cli-out');
    cli = await series(`${size} cdk synth (CLI), validation ${mode}`, {
      command: [
        process.execPath, path.join(options.root, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--no-notices',
        ...(options.appCommand ? ['--app', options.appCommand] : []), '-c', `workspace=${workspace}`,
        ...(options.resourceLimit !== undefined ? ['-c', `${STACK_RESOURCE_LIMIT_CONTEXT}=${options.resourceLimit}`] : []), '-o', outdir,
      ],
      env: { ...baseEnv(mode), CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
      before: fresh(outdir),
    }, options);
  }

  if (!productOut) return { ...empty, ...counts, validate, product, ...(cli ? { cli } : {}), baselineSkipped: 'the product did not synthesize, so there is no resource set to copy' };

  const assembly = assemblyStats(productOut);
  const missing = readJson<{ missing?: Array<{ key: string }> }>(path.join(productOut, 'manifest.json')).missing ?? [];
  const missingContext = missing.map((m) => m.key);
  const set = readResourceSet(productOut);
  const setFile = path.join(sizeDir, 'resource-set.json');
  fs.writeFileSync(setFile, JSON.stringify(set));
  /** Times a comparison app in every mode and checks that its resources are the product's. */
  const compare = async (name: string, command: string[], extraEnv: NodeJS.ProcessEnv) => {
    const runs: Partial<Record<ValidationMode, Series>> = {};
    let lastOut: string | undefined;
    for (const mode of options.validation) {
      const outdir = path.join(sizeDir, `${name}-${mode}`);
      runs[mode] = await series(`${size} ${name} synth, validation ${mode}`, {
        command,
        env: appEnv(mode, outdir, cliContext(options, {}), extraEnv),
        before: fresh(outdir),
      }, options);
      if (runs[mode].runs > 0) lastOut = outdir;
    }
    let check: { matches: boolean; differences: string[] } | undefined;
    if (lastOut) {
      const differences = compareResourceCounts(resourceSetCounts(set), resourceSetCounts(readResourceSet(lastOut)));
      check = { matches: differences.length === 0, differences };
    }
    return { runs, check };
  };
  const nodeOptions = nodeOptionsOf(productCommand);
  const { runs: baseline, check: baselineCheck } = await compare('baseline', baselineCommand(options.root, options.baselineRunner, nodeOptions), { [RESOURCE_SET_ENV]: setFile });
  const modelFile = path.join(sizeDir, 'model.json');
  fs.writeFileSync(modelFile, JSON.stringify(model));
  const { runs: constructs, check: constructsCheck } = await compare(
    'constructs-only', [process.execPath, ...nodeOptions, path.join(options.root, 'bin', 'launcher.js'), CONSTRUCTS_ENTRY], { [MODEL_ENV]: modelFile },
  );
  const ratio: Partial<Record<ValidationMode, number>> = {};
  const ratioCpu: Partial<Record<ValidationMode, number>> = {};
  const layerRatio: Partial<Record<ValidationMode, number>> = {};
  const divide = (p?: number, b?: number) => (p !== undefined && b !== undefined && b > 0 ? Math.round((p / b) * 100) / 100 : undefined);
  for (const mode of options.validation) {
    const wall = divide(product[mode]?.medianMs, baseline[mode]?.medianMs);
    if (wall !== undefined) ratio[mode] = wall;
    const cpu = divide(product[mode]?.medianCpuMs, baseline[mode]?.medianCpuMs);
    if (cpu !== undefined) ratioCpu[mode] = cpu;
    const layer = divide(product[mode]?.medianMs, constructs[mode]?.medianMs);
    if (layer !== undefined) layerRatio[mode] = layer;
  }
  return {
    ...empty, ...counts, validate, product, ...(cli ? { cli } : {}), assembly, ...(missingContext.length > 0 ? { missingContext } : {}),
    baseline, ...(baselineCheck ? { baselineCheck } : {}), ratio, ratioCpu,
    constructs, ...(constructsCheck ? { constructsCheck } : {}), layerRatio,
  };
}

/** Time per added agent between two sizes, from the medians: (t_b − t_a) / (agents_b − agents_a). */
function perAgent(a: SizeReport, b: SizeReport, modes: readonly ValidationMode[]): PerAgent | undefined {
  if (a.agents === undefined || b.agents === undefined || b.agents <= a.agents) return undefined;
  const added = b.agents - a.agents;
  const slope = (x?: number, y?: number) => (x !== undefined && y !== undefined ? Math.round(((y - x) / added) * 100) / 100 : undefined);
  const validateMs = slope(a.validate?.medianMs, b.validate?.medianMs);
  const product: Partial<Record<ValidationMode, number>> = {};
  const baseline: Partial<Record<ValidationMode, number>> = {};
  for (const mode of modes) {
    const p = slope(a.product[mode]?.medianMs, b.product[mode]?.medianMs);
    if (p !== undefined) product[mode] = p;
    const q = slope(a.baseline[mode]?.medianMs, b.baseline[mode]?.medianMs);
    if (q !== undefined) baseline[mode] = q;
  }
  if (validateMs === undefined && Object.keys(product).length === 0 && Object.keys(baseline).length === 0) return undefined;
  // The same step per unit of work: an agent on twice the clusters is twice the resources.
  const per = (units: number | undefined) => {
    if (units === undefined || units <= 0) return undefined;
    const out: Partial<Record<ValidationMode, number>> = {};
    for (const mode of modes) {
      const x = a.product[mode]?.medianMs;
      const y = b.product[mode]?.medianMs;
      if (x !== undefined && y !== undefined) out[mode] = Math.round(((y - x) / units) * 1000) / 1000;
    }
    return out;
  };
  const addedPlacements = a.agentPlacements !== undefined && b.agentPlacements !== undefined ? b.agentPlacements - a.agentPlacements : undefined;
  const addedResources = a.assembly && b.assembly ? b.assembly.resources - a.assembly.resources : undefined;
  const perPlacement = per(addedPlacements);
  const perResource = per(addedResources);
  return {
    from: a.size, to: b.size, addedAgents: added, ...(validateMs !== undefined ? { validateMs } : {}), product, baseline,
    ...(perPlacement ? { addedPlacements, productPerPlacement: perPlacement } : {}),
    ...(perResource ? { addedResources, productPerResource: perResource } : {}),
  };
}

/** Growth between consecutive steps (S→M then M→L, M→L then L→XL, ...): linear growth keeps each near 0%. */
export function growthOf(steps: readonly PerAgent[], modes: readonly ValidationMode[]): Growth[] {
  const pct = (x?: number, y?: number) => (x !== undefined && y !== undefined && x > 0 ? Math.round((Math.abs(y - x) / x) * 100) : undefined);
  const out: Growth[] = [];
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1]!;
    const b = steps[i]!;
    for (const mode of modes) {
      const perAgentPct = pct(a.product[mode], b.product[mode]);
      if (perAgentPct === undefined) continue;
      const perPlacementPct = pct(a.productPerPlacement?.[mode], b.productPerPlacement?.[mode]);
      const perResourcePct = pct(a.productPerResource?.[mode], b.productPerResource?.[mode]);
      out.push({
        from: `${a.from}→${a.to}`, to: `${b.from}→${b.to}`, mode, perAgentPct,
        ...(perPlacementPct !== undefined ? { perPlacementPct } : {}), ...(perResourcePct !== undefined ? { perResourcePct } : {}),
      });
    }
  }
  return out;
}

function failuresOf(size: SizeReport): string[] {
  const out: string[] = [];
  if (size.loadError) out.push(`${size.size}: the workspace does not load: ${size.loadError}`);
  if (size.validate?.error) out.push(`${size.size}: oaas validate failed: ${size.validate.error}`);
  for (const [mode, s] of Object.entries(size.product)) if (s.error) out.push(`${size.size}: product synth (validation ${mode}) failed: ${s.error}`);
  if (size.cli?.error) out.push(`${size.size}: cdk synth (CLI) failed: ${size.cli.error}`);
  for (const [mode, s] of Object.entries(size.baseline)) if (s.error) out.push(`${size.size}: baseline synth (validation ${mode}) failed: ${s.error}`);
  if (size.missingContext) out.push(`${size.size}: the product needs context lookups (${size.missingContext.slice(0, 3).join(', ')}), so synth needs AWS credentials and runs twice under the CLI`);
  for (const [mode, s] of Object.entries(size.constructs ?? {})) if (s.error) out.push(`${size.size}: constructs-only synth (validation ${mode}) failed: ${s.error}`);
  if (size.constructsCheck && !size.constructsCheck.matches) out.push(`${size.size}: the constructs-only app's resources differ from the product's: ${size.constructsCheck.differences.slice(0, 5).join('; ')}`);
  if (size.baselineCheck && !size.baselineCheck.matches) out.push(`${size.size}: the baseline's resources differ from the product's: ${size.baselineCheck.differences.slice(0, 5).join('; ')}`);
  return out;
}

/** The constructs-only app's entry (see ./constructs-app.ts). */
export const CONSTRUCTS_ENTRY = 'scripts/bench/constructs-main.ts';

/** Entry points bin/launcher.js bundles for the benchmark's processes. */
export const BUNDLED_ENTRIES = ['bin/app.ts', 'lib/k8s/manifest-worker-main.ts', 'lib/cli/main.ts', 'scripts/bench/baseline-main.ts', CONSTRUCTS_ENTRY, 'lib/synth-validation/worker-main.ts'];

/**
 * Builds the bundles bin/launcher.js runs (app, CLI, baseline) and warms tsx's transform
 * cache (for a tsx --app or baseline), so the first measured run compiles nothing.
 */
async function warmUp(options: BenchOptions): Promise<void> {
  const build = await runMeasured([process.execPath, path.join(options.root, 'bin', 'launcher.js'), '--build', ...BUNDLED_ENTRIES], {
    cwd: options.root, env: baseEnv('on'), timeoutMs: options.timeoutMs,
  });
  options.log(build.ok ? `bundles: ${(build.wallMs / 1000).toFixed(2)} s` : `bundling failed (${describeFailure(build).slice(0, 200)}); the launcher falls back to tsx`);
  const modules = ['./lib/cli/main.ts', './scripts/bench/baseline.ts', ...(options.appCommand ? [] : ['./lib/platform/platform.ts'])];
  const result = await runMeasured([process.execPath, '-r', 'tsx/cjs', '-e', modules.map((m) => `require(${JSON.stringify(m)})`).join(';')], {
    cwd: options.root, env: baseEnv('on'), timeoutMs: options.timeoutMs,
  });
  options.log(result.ok ? `warm-up: ${(result.wallMs / 1000).toFixed(2)} s` : `warm-up failed (${describeFailure(result).slice(0, 200)}); measuring anyway`);
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  if (options.runs < 1) throw new Error('runBench: expected at least one run');
  const cdkJson = readJson<{ app?: string }>(path.join(options.root, 'cdk.json'));
  const productCommandLine = options.appCommand ?? cdkJson.app;
  if (!productCommandLine) throw new Error(`${options.root}/cdk.json: expected an "app" command`);
  const productCommand = splitCommand(productCommandLine);
  const startedAt = new Date().toISOString();
  await warmUp(options);
  const sizes: SizeReport[] = [];
  for (const size of options.sizes) {
    try {
      sizes.push(await benchSize(size, options, productCommand));
    } catch (error) {
      sizes.push({ size, workspace: '', product: {}, baseline: {}, ratio: {}, loadError: `the benchmark itself failed: ${(error as Error).message}` });
    } finally {
      if (!options.keepOutputs) fs.rmSync(path.join(options.workDir, size), { recursive: true, force: true });
    }
  }
  const byAgents = sizes.filter((s) => s.agents !== undefined).sort((a, b) => a.agents! - b.agents!);
  const perAddedAgent = byAgents.slice(1).map((b, i) => perAgent(byAgents[i]!, b, options.validation)).filter((p): p is PerAgent => p !== undefined);
  const libVersion = readJson<{ version: string }>(path.join(options.root, 'node_modules', 'aws-cdk-lib', 'package.json')).version;
  return {
    startedAt,
    host: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    awsCdkLib: libVersion,
    runs: options.runs,
    seed: options.seed,
    productCommand: productCommandLine,
    baselineCommand: baselineCommand(options.root, options.baselineRunner, nodeOptionsOf(productCommand)).map((part) => (part === process.execPath ? 'node' : path.isAbsolute(part) ? path.relative(options.root, part) : part)).join(' '),
    ...(options.resourceLimit !== undefined ? { resourceLimit: options.resourceLimit } : {}),
    ...(options.cli ? { cliValidation: cliMode(options) } : {}),
    measures: 'Wall time of one process, median of the runs. Product and baseline: the CDK app alone, run as the CDK CLI runs it '
      + '(CDK_OUTDIR and CDK_CONTEXT_JSON with cdk.json\'s context), without the CLI\'s own start-up; the CLI column is `cdk synth` end to end. '
      + 'In brackets: median CPU time (user + system, seconds), which other load on the machine barely moves. '
      + 'Peak memory: the highest maximum RSS of the runs (GNU time). '
      + 'Baseline: the same resources as bare L1 constructs, run with the product command\'s Node.js options. Constructs only: the product\'s own stacks built from the resolved model (JSON), '
      + 'without reading YAML, zod, the definition checks or the Kubernetes manifests; the layer ratio is product / constructs only.',
    sizes,
    perAddedAgent,
    growth: growthOf(perAddedAgent, options.validation),
    failures: sizes.flatMap(failuresOf),
  };
}

const seconds = (ms?: number) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const kib = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`);

function cell(series: Series | undefined): string {
  if (!series) return '–';
  if (series.medianMs === undefined) return 'failed';
  const cpu = series.medianCpuMs !== undefined ? ` (${(series.medianCpuMs / 1000).toFixed(2)})` : '';
  return `${seconds(series.medianMs)}${cpu}${series.error ? ' then failed' : ''}`;
}

/** The report as Markdown: one table of the sizes, then per-agent figures and problems. */
export function formatMarkdown(report: BenchReport): string {
  const modes = VALIDATION_MODES.filter((m) => report.sizes.some((s) => s.product[m] || s.baseline[m]));
  const header = [
    'Size', 'Envs × regions', 'Tenants', 'Agents', 'validate',
    ...modes.flatMap((m) => [`Product (val. ${m})`, `Baseline (val. ${m})`, `Ratio (${m})`, `Constructs only (val. ${m})`, `Layer ratio (${m})`]),
    report.cliValidation ? `CLI synth (val. ${report.cliValidation})` : 'CLI synth', 'Peak RSS product / baseline', 'Stacks', 'Largest stack', 'Output',
  ];
  const rows = report.sizes.map((s) => {
    const rss = (group: Partial<Record<ValidationMode, Series>>) => {
      const values = Object.values(group).map((x) => x.maxRssMb).filter((x): x is number => x !== undefined);
      return values.length > 0 ? `${Math.max(...values)} MiB` : '–';
    };
    const largest = s.assembly ? `${s.assembly.largestStack.name}: ${s.assembly.largestStack.resources} resources, ${kib(s.assembly.largestStack.bytes)}` : '–';
    return [
      s.size,
      s.environments !== undefined ? `${s.environments} × ${s.regions}` : '–',
      String(s.tenants ?? '–'),
      String(s.agents ?? '–'),
      s.loadError ? 'invalid' : cell(s.validate),
      ...modes.flatMap((m) => [
        cell(s.product[m]), s.baselineSkipped ? 'n/a' : cell(s.baseline[m]), s.ratio[m] !== undefined ? `${s.ratio[m]}×${s.ratioCpu?.[m] !== undefined ? ` (${s.ratioCpu[m]}×)` : ''}` : '–',
        cell(s.constructs?.[m]), s.layerRatio?.[m] !== undefined ? `${s.layerRatio[m]}×` : '–',
      ]),
      cell(s.cli),
      `${rss(s.product)} / ${rss(s.baseline)}`,
      s.assembly ? `${s.assembly.stacks}${s.assembly.nestedStacks ? ` (+${s.assembly.nestedStacks} nested)` : ''}` : '–',
      largest,
      s.assembly ? kib(s.assembly.outputBytes) : '–',
    ];
  });
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    `Benchmark of ${report.startedAt}: ${report.runs} run(s) per figure, seed ${report.seed}, Node ${report.host.node}, ${report.host.cpus} CPU(s), aws-cdk-lib ${report.awsCdkLib}.`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    report.measures,
    ...(report.baselineCommand ? ['', `Product: \`${report.productCommand}\`; baseline: \`${report.baselineCommand}\`.`] : []),
    ...(report.resourceLimit !== undefined
      ? ['', report.resourceLimit === 0
        ? 'The CDK\'s resources-per-stack check was off (--resource-limit off): templates may exceed what CloudFormation deploys; see below.'
        : `The CDK's resources-per-stack check was set to ${report.resourceLimit}.`]
      : []),
  ];
  const perSize = report.sizes.filter((s) => s.agents && (s.validate?.medianMs !== undefined || Object.values(s.product).some((x) => x.medianMs !== undefined)));
  if (perSize.length > 0) {
    out.push('', 'Time per agent (median / agents):');
    for (const s of perSize) {
      const parts = [
        ...(s.validate?.medianMs !== undefined ? [`validate ${(s.validate.medianMs / s.agents!).toFixed(2)} ms`] : []),
        ...modes.flatMap((m) => (s.product[m]?.medianMs !== undefined ? [`product (val. ${m}) ${(s.product[m].medianMs / s.agents!).toFixed(2)} ms`] : [])),
      ];
      out.push(`- ${s.size}: ${parts.join(', ')}`);
    }
  }
  if (report.perAddedAgent.length > 0) out.push('', 'Time per added agent between sizes, (t_b − t_a) / (agents_b − agents_a); the sizes also differ in tenants, regions and environments, which these figures include:');
  for (const p of report.perAddedAgent) {
    const parts = [
      ...(p.validateMs !== undefined ? [`validate ${p.validateMs} ms`] : []),
      ...modes.flatMap((m) => (p.product[m] !== undefined ? [`product (val. ${m}) ${p.product[m]} ms`] : [])),
      ...modes.flatMap((m) => (p.baseline[m] !== undefined ? [`baseline (val. ${m}) ${p.baseline[m]} ms`] : [])),
      ...modes.flatMap((m) => (p.productPerPlacement?.[m] !== undefined ? [`product (val. ${m}) per added agent placement ${p.productPerPlacement[m]} ms (${p.addedPlacements} more)`] : [])),
      ...modes.flatMap((m) => (p.productPerResource?.[m] !== undefined ? [`product (val. ${m}) per added resource ${p.productPerResource[m]} ms (${p.addedResources} more)`] : [])),
    ];
    out.push(`- ${p.from} → ${p.to} (${p.addedAgents} more agents): ${parts.join(', ')}`);
  }
  if (report.growth.length > 0) {
    out.push('', 'Growth of the product\'s time per added unit from one step to the next (linear growth: near 0%; the target is at most 30%):');
    for (const g of report.growth) {
      const parts = [
        `per agent ${g.perAgentPct}%`,
        ...(g.perPlacementPct !== undefined ? [`per agent placement ${g.perPlacementPct}%`] : []),
        ...(g.perResourcePct !== undefined ? [`per resource ${g.perResourcePct}%`] : []),
      ];
      out.push(`- ${g.from} vs ${g.to} (val. ${g.mode}): ${parts.join(', ')}`);
    }
  }
  const limits = report.sizes.flatMap((s) => (s.assembly?.overLimits ?? []).map((l) => `${s.size}: ${l}`));
  if (limits.length > 0) out.push('', 'Beyond CloudFormation quotas:', ...limits.map((l) => `- ${l}`));
  const skipped = report.sizes.filter((s) => s.baselineSkipped).map((s) => `- ${s.size}: baseline skipped: ${s.baselineSkipped}`);
  if (report.failures.length > 0 || skipped.length > 0) out.push('', 'Problems:', ...report.failures.map((f) => `- ${f}`), ...skipped);
  return `${out.join('\n')}\n`;
}
