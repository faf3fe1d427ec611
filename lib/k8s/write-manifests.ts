/**
 * Writes rendered files so that a failure never leaves half an output: every
 * file goes to a staging folder next to the target first, and only a complete
 * staging folder replaces the target (two renames). On any error the previous
 * output stays as it was and the staging folder is removed.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Checks a file key: relative, `/`-separated, without `.`, `..` or empty segments. */
function checkKey(key: string): void {
  const segments = key.split('/');
  if (key.length === 0 || path.isAbsolute(key) || key.includes('\\') || key.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`expected a relative file path like "production/eu-west-1/web/web/kustomization.yaml", got "${key}"`);
  }
}

/**
 * Replaces the folder `dir` with exactly `files` (relative path → text).
 * Everything else in `dir` is removed; folders next to it are not touched.
 */
export function writeManifests(dir: string, files: ReadonlyMap<string, string>): void {
  for (const key of files.keys()) checkKey(key);
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  let previous: string | undefined;
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
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (previous) fs.rmSync(previous, { recursive: true, force: true });
}
