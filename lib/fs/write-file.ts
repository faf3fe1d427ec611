/**
 * Writing one file without following whatever sits at its path: the text goes
 * to a new temporary file in the same folder, which is then renamed over the
 * target. A symbolic link, folder or special file at the target is refused
 * rather than replaced, and a link is never written through (a repository can
 * ship `reports/compliance-report.json -> ~/.ssh/config`).
 */
import * as fs from 'fs';
import * as path from 'path';

/** Raised for a target that is not a regular file (or nothing); its message says what was found. */
export class UnsafeTargetError extends Error {}

/** What is at `target` when it is not `wanted` (or nothing), in words; undefined when it may be used. */
function targetProblem(target: string, wanted: 'file' | 'folder'): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `expected a usable path at ${target}, got ${code ?? 'an error'}`;
  }
  if (wanted === 'file' ? stat.isFile() : stat.isDirectory()) return undefined;
  const kind = stat.isSymbolicLink() ? 'a symbolic link' : stat.isDirectory() ? 'a folder' : stat.isFile() ? 'a file' : 'a special file (device, FIFO or socket)';
  return wanted === 'file'
    ? `expected a regular file or nothing at ${target}, got ${kind}; oaas does not write through or over it. Remove it, or give another folder.`
    : `expected a folder at ${target}, got ${kind}. Give another folder.`;
}

/** Why `file` may not be written, or undefined when it may: nothing is there, or a regular file. */
export function fileTargetProblem(file: string): string | undefined {
  return targetProblem(file, 'file');
}

/** Why `folder` cannot hold written files, or undefined when it can: nothing is there yet, or a real folder. */
export function folderTargetProblem(folder: string): string | undefined {
  return targetProblem(folder, 'folder');
}

/**
 * Writes `text` to `file` through a temporary file and a rename; creates the
 * folder when missing. Throws `UnsafeTargetError` for a link, folder or special
 * file at the target or a folder that is not one.
 */
export function writeFileSafely(file: string, text: string | Uint8Array): void {
  const folder = path.dirname(path.resolve(file));
  const folderProblem = folderTargetProblem(folder);
  if (folderProblem) throw new UnsafeTargetError(folderProblem);
  const problem = fileTargetProblem(file);
  if (problem) throw new UnsafeTargetError(problem);
  fs.mkdirSync(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  // `wx`: fails if anything (a planted link included) already has the temporary name.
  fs.writeFileSync(temporary, text, { flag: 'wx', mode: 0o644 });
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
