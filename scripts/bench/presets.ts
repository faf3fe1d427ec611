/**
 * The benchmark sizes and writing generated workspaces to disk.
 * S, L and XL are generated; M is the enterprise example as it is.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readWorkspaceFolder } from '../../lib/definition/loader';
import type { GenerateOptions, WorkspaceTextMap } from './generate';
import { generateWorkspace } from './generate';

export const PRESET_NAMES = ['S', 'M', 'L', 'XL'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export type SizeOptions = Omit<GenerateOptions, 'seed'>;

/** The generated sizes. */
export const GENERATED_PRESETS: Readonly<Record<Exclude<PresetName, 'M'>, SizeOptions>> = {
  S: { regions: 1, environments: 1, tenants: 5, agents: 10 },
  L: { regions: 3, environments: 2, tenants: 200, agents: 1000 },
  XL: { regions: 6, environments: 2, tenants: 500, agents: 3000 },
};

/** The M size: the default enterprise example folder, used as is. */
export const ENTERPRISE_EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'enterprise');

export const DEFAULT_SEED = 1;

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** The files of a preset: generated for S, L and XL, read from examples/enterprise for M. */
export function presetTexts(name: PresetName, seed = DEFAULT_SEED): WorkspaceTextMap {
  if (name === 'M') {
    const { texts, diagnostics } = readWorkspaceFolder(ENTERPRISE_EXAMPLE);
    if (diagnostics.length > 0) throw new Error(`${ENTERPRISE_EXAMPLE}: ${diagnostics.map((d) => d.message).join('; ')}`);
    return texts;
  }
  return generateWorkspace({ seed, ...GENERATED_PRESETS[name] });
}

/**
 * Writes a workspace folder. The folder must be absent or empty, or hold a
 * workspace (a workspace.yml) when `replace` is set, in which case it is
 * emptied first so no stale tenant file survives.
 */
export function writeWorkspaceFolder(dir: string, texts: WorkspaceTextMap, options: { replace?: boolean } = {}): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    if (!options.replace) throw new Error(`${dir}: expected an empty or missing folder; pass --force to replace a generated workspace`);
    if (!fs.existsSync(path.join(dir, 'workspace.yml'))) throw new Error(`${dir}: refusing to replace a folder that holds no workspace.yml`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(texts)) {
    const target = path.join(dir, ...file.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}
