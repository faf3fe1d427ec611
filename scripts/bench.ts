/**
 * `npm run bench -- [--sizes S,M,L,XL] [--runs 5] [--json out.json] [--validation on|off|both]`
 *
 * Times `oaas validate`, the product's CDK app and a plain aws-cdk-lib
 * baseline with the same resources on generated workspaces (see
 * scripts/bench/bench.ts), prints a Markdown table and optionally writes the
 * figures as JSON. Other options:
 *   --seed N          seed of the generated workspaces (default 1)
 *   --cli on|off      also time `cdk synth` through the CDK CLI (default on)
 *   --app "<cmd>"     product app command (default: cdk.json's app)
 *   --baseline bundle|tsx   how the baseline app starts: from a bundle like the product's
 *                     default app (default), or through the tsx require hook
 *   --timeout S       seconds before one process is killed (default 1800)
 *   --resource-limit N|off   the CDK's resources-per-stack check (default: the CDK's 500);
 *                     off times sizes whose stacks are too big to deploy, and lists those stacks
 *   --keep            keep the work folder (workspaces, outputs)
 *   --strict          exit with code 1 when a measurement failed
 *   -h, --help        this text
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import type { ValidationMode } from './bench/bench';
import { BASELINE_RUNNERS, formatMarkdown, runBench } from './bench/bench';
import type { PresetName } from './bench/presets';
import { DEFAULT_SEED, PRESET_NAMES, isPresetName } from './bench/presets';
import { parseCommandLine } from './bench/command-line';

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function whole(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) fail(`expected --${name} to be a whole number of at least ${min}, got "${text}"`);
  return value;
}

/** The options, parsed strictly (see `parseCommandLine`). */
function parseOptions() {
  return parseArgs({
    options: {
      sizes: { type: 'string', default: PRESET_NAMES.join(',') },
      runs: { type: 'string', default: '5' },
      json: { type: 'string' },
      validation: { type: 'string', default: 'both' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      cli: { type: 'string', default: 'on' },
      app: { type: 'string' },
      baseline: { type: 'string', default: 'bundle' },
      timeout: { type: 'string', default: '1800' },
      'resource-limit': { type: 'string' },
      keep: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
}

async function main(): Promise<number> {
  const { values } = parseCommandLine(parseOptions, fail);
  if (values.help) {
    // The usage is this file's opening comment.
    const usage = fs.readFileSync(__filename, 'utf8').match(/^\/\*\*([\s\S]*?)\*\//)?.[1] ?? '';
    process.stdout.write(`${usage.split('\n').map((l) => l.replace(/^ \* ?/, '')).join('\n').trim()}\n`);
    return 0;
  }
  const sizes = values.sizes.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const unknown = sizes.filter((s) => !isPresetName(s));
  if (sizes.length === 0 || unknown.length > 0) fail(`expected --sizes from ${PRESET_NAMES.join(', ')}, got "${values.sizes}"`);
  const validation: ValidationMode[] = values.validation === 'both' ? ['off', 'on'] : values.validation === 'on' || values.validation === 'off' ? [values.validation] : fail(`expected --validation on, off or both, got "${values.validation}"`);
  if (values.cli !== 'on' && values.cli !== 'off') fail(`expected --cli on or off, got "${values.cli}"`);
  const baselineRunner = BASELINE_RUNNERS.find((r) => r === values.baseline) ?? fail(`expected --baseline ${BASELINE_RUNNERS.join(' or ')}, got "${values.baseline}"`);
  const limitText = values['resource-limit'];
  const resourceLimit = limitText === undefined ? undefined : limitText === 'off' ? 0 : whole('resource-limit', limitText, 1);
  const root = path.resolve(__dirname, '..');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-bench-'));
  try {
    const report = await runBench({
      root,
      sizes: sizes as PresetName[],
      runs: whole('runs', values.runs, 1),
      validation,
      seed: whole('seed', values.seed, 0),
      cli: values.cli === 'on',
      ...(values.app ? { appCommand: values.app } : {}),
      baselineRunner,
      timeoutMs: whole('timeout', values.timeout, 1) * 1000,
      ...(resourceLimit !== undefined ? { resourceLimit } : {}),
      workDir,
      keepOutputs: values.keep,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`\n${formatMarkdown(report)}`);
    if (values.json) {
      fs.writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
      process.stderr.write(`figures written to ${values.json}\n`);
    }
    return values.strict && report.failures.length > 0 ? 1 : 0;
  } finally {
    if (values.keep) process.stderr.write(`work folder kept: ${workDir}\n`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
