/**
 * Writes a generated workspace folder.
 *
 *   node -r tsx/cjs scripts/generate-workspace.ts <S|M|L|XL> --out <folder> [--seed N] [--force]
 *   node -r tsx/cjs scripts/generate-workspace.ts --tenants N --agents N --regions N --environments N --out <folder> [--seed N] [--force]
 *
 * M copies examples/enterprise. --force replaces an earlier generated
 * workspace in <folder>. The result is checked with the loader before it is written.
 */
import * as path from 'path';
import { parseArgs } from 'util';
import { loadWorkspaceTexts } from '../lib/definition/loader';
import { generateWorkspace } from './bench/generate';
import type { WorkspaceTextMap } from './bench/generate';
import { DEFAULT_SEED, PRESET_NAMES, isPresetName, presetTexts, writeWorkspaceFolder } from './bench/presets';
import { parseCommandLine } from './bench/command-line';

const USAGE = 'usage: generate-workspace.ts <S|M|L|XL> | --tenants N --agents N --regions N --environments N  --out <folder> [--seed N] [--force]';

function fail(message: string): never {
  process.stderr.write(`generate-workspace: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function whole(name: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < 0) fail(`expected --${name} to be a whole number, got ${text === undefined ? 'nothing' : `"${text}"`}`);
  return value;
}

/** The options, parsed strictly (see `parseCommandLine`). */
function parseOptions() {
  return parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      tenants: { type: 'string' },
      agents: { type: 'string' },
      regions: { type: 'string' },
      environments: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
}

function main(): number {
  const { values, positionals } = parseCommandLine(parseOptions, fail);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) fail('expected --out <folder>');
  const seed = whole('seed', values.seed);
  const custom = ['tenants', 'agents', 'regions', 'environments'] as const;
  let texts: WorkspaceTextMap;
  let what: string;
  if (positionals.length > 0) {
    const preset = positionals[0]!.toUpperCase();
    if (positionals.length > 1 || !isPresetName(preset)) fail(`expected one preset of ${PRESET_NAMES.join(', ')}, got "${positionals.join(' ')}"`);
    if (custom.some((name) => values[name] !== undefined)) fail('give either a preset or --tenants/--agents/--regions/--environments, not both');
    texts = presetTexts(preset, seed);
    what = `preset ${preset}`;
  } else {
    const missing = custom.filter((name) => values[name] === undefined);
    if (missing.length > 0) fail(`expected a preset, or all of --tenants, --agents, --regions and --environments (missing ${missing.map((m) => `--${m}`).join(', ')})`);
    const options = { seed, tenants: whole('tenants', values.tenants), agents: whole('agents', values.agents), regions: whole('regions', values.regions), environments: whole('environments', values.environments) };
    try {
      texts = generateWorkspace(options);
    } catch (error) {
      fail((error as Error).message);
    }
    what = `${options.environments} environment(s) × ${options.regions} region(s), ${options.tenants} tenants, ${options.agents} agents`;
  }
  const result = loadWorkspaceTexts(texts);
  if (result.errorCount > 0) {
    const first = result.diagnostics.find((d) => d.severity === 'error');
    process.stderr.write(`generate-workspace: the generated workspace does not load (${result.errorCount} error(s)); first: ${first?.file}:${first?.line} ${first?.message}\n`);
    return 1;
  }
  const out = path.resolve(values.out);
  try {
    writeWorkspaceFolder(out, texts, { replace: values.force });
  } catch (error) {
    fail((error as Error).message);
  }
  process.stdout.write(`${out}: ${what}, seed ${seed}: ${Object.keys(texts).length} files, ${result.warningCount} warning(s)\n`);
  return 0;
}

process.exit(main());
