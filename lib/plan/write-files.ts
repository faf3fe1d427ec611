/**
 * Writing the plan's files with the project's safe writer (lib/fs): every
 * target is checked before anything is written, so a link, folder or special
 * file planted at one name leaves the others untouched, and each file goes
 * through a temporary file and a rename, so no reader sees half a report.
 */
import * as path from 'path';
import { fileTargetProblem, folderTargetProblem, writeFileSafely } from '../fs/write-file';

/** Why `files` cannot be written into `folder`, or undefined when they can. */
export function planOutProblem(folder: string, names: readonly string[]): string | undefined {
  if (folder.trim() === '') return 'expected a folder for the plan, got an empty path. Give a folder such as reports.';
  const resolved = path.resolve(folder);
  return folderTargetProblem(resolved) ?? names.map((name) => fileTargetProblem(path.join(resolved, name))).find((p) => p !== undefined);
}

/** Writes `files` (name → text) into `folder`, creating it when missing. Returns the paths written. */
export function writeFilesAtomically(folder: string, files: Readonly<Record<string, string>>): string[] {
  const problem = planOutProblem(folder, Object.keys(files));
  if (problem) throw new Error(problem);
  return Object.keys(files).map((name) => {
    const target = path.join(path.resolve(folder), name);
    writeFileSafely(target, files[name]!);
    return target;
  });
}
