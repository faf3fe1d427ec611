/**
 * Writes rendered files so that a failure never leaves half an output: every
 * file goes to a staging folder next to the target first, and only a complete
 * staging folder replaces the target (two renames). On any error the previous
 * output stays as it was and the staging folder is removed.
 *
 * Only an output folder of oaas is ever replaced: one that holds the
 * `OUTPUT_MARKER` file (which every output gets), an empty one or a new one
 * (see lib/fs/output-folder.ts). Anything else is refused before a file is written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT, isMarkedOutput, outputFolderProblem } from '../fs/output-folder';
import { UnsafeTargetError, writeFileSafely } from '../fs/write-file';

/** Checks a file key: relative, `/`-separated, without `.`, `..` or empty segments. */
function checkKey(key: string): void {
  const segments = key.split('/');
  if (key.length === 0 || path.isAbsolute(key) || key.includes('\\') || key.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`expected a relative file path like "production/eu-west-1/web/web/kustomization.yaml", got "${key}"`);
  }
}

/** Files written to a staging folder next to their target, not yet in place. */
export interface StagedManifests {
  /** The folder the files will replace. */
  readonly target: string;
  /** The output folder that holds the marker: the target, or the folder of which it is one environment. */
  readonly root: string;
  /** The staging folder holding them. */
  readonly staging: string;
  /** How many files were written. */
  readonly files: number;
}

/** Where staged files go: `dir`, inside the output folder `root` (default: `dir` itself). */
export interface StageOptions {
  /**
   * The output folder that `dir` is part of (one environment's folder of a
   * render), which carries the marker for it.
   * @default dir
   */
  readonly root?: string;
}

/** Throws when `target` (in the output folder `root`) is not an output folder oaas may replace. */
function checkOutputFolder(target: string, root: string): void {
  const problem = outputFolderProblem(root) ?? (target === root ? undefined : outputFolderProblem(target, { inside: root }));
  if (problem) throw new UnsafeTargetError(`${target}: expected ${problem.expected}. ${problem.hint}`);
}

/**
 * Writes `files` (relative path → text) to a new staging folder next to `dir`.
 * Nothing in `dir` changes until `commitManifests`; `discardManifests` removes
 * the staging folder instead. On an error the staging folder is removed.
 * Throws `UnsafeTargetError` before writing anything when `dir` may not be
 * replaced (see the file comment).
 */
export function stageManifests(dir: string, files: ReadonlyMap<string, string>, options: StageOptions = {}): StagedManifests {
  for (const key of files.keys()) checkKey(key);
  if (files.has(OUTPUT_MARKER)) throw new Error(`expected rendered files, got one named ${OUTPUT_MARKER}, which marks the output folder`);
  const target = path.resolve(dir);
  const root = path.resolve(options.root ?? dir);
  checkOutputFolder(target, root);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  // One environment's folder: the output folder around it (new or empty, as checked) is marked now.
  if (target !== root && !isMarkedOutput(root)) writeFileSafely(path.join(root, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
  removeAbandonedStaging(parent, target);
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  try {
    const folders = new Set<string>();
    for (const key of [...files.keys()].sort()) {
      const file = path.join(staging, ...key.split('/'));
      const folder = path.dirname(file);
      // One mkdir per folder rather than per file: thousands of files share a few hundred folders.
      if (!folders.has(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      fs.writeFileSync(file, files.get(key)!, { encoding: 'utf8', flag: 'wx' });
    }
    if (target === root) fs.writeFileSync(path.join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { target, root, staging, files: files.size };
}

/** A staging folder this old belongs to no running synth: one that was killed mid-way. */
export const ABANDONED_STAGING_MS = 60 * 60 * 1000;

/**
 * Removes the staging folders (and `.previous` folders) of `target` that a
 * killed run left behind, once they are an hour old; younger ones may belong
 * to a run still in progress.
 */
function removeAbandonedStaging(parent: string, target: string, now = Date.now()): void {
  const prefix = `.${path.basename(target)}.staging-`;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(parent, name);
    try {
      if (now - fs.statSync(full).mtimeMs > ABANDONED_STAGING_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by its own run.
    }
  }
}

/** Replaces the target folder with the staged one (two renames); on an error the previous output stays. */
export function commitManifests(staged: StagedManifests): void {
  const { target, root, staging } = staged;
  let previous: string | undefined;
  try {
    // Checked again: the folder may have changed since it was staged.
    checkOutputFolder(target, root);
    if (fs.existsSync(target)) {
      previous = `${staging}.previous`;
      fs.renameSync(target, previous);
    }
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      if (previous) fs.renameSync(previous, target);
      previous = undefined;
      throw error;
    }
  } catch (error) {
    discardManifests(staged);
    throw error;
  }
  if (previous) fs.rmSync(previous, { recursive: true, force: true });
}

/** Removes a staging folder that will not be committed. */
export function discardManifests(staged: StagedManifests): void {
  fs.rmSync(staged.staging, { recursive: true, force: true });
}

/**
 * Replaces the folder `dir` with exactly `files` (relative path → text) and,
 * when `dir` is the output folder itself, its marker. Everything else in
 * `dir` is removed; folders next to it are not touched.
 */
export function writeManifests(dir: string, files: ReadonlyMap<string, string>, options: StageOptions = {}): void {
  commitManifests(stageManifests(dir, files, options));
}
