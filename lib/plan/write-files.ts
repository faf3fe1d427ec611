/**
 * Writing the plan's files: each to a temporary file in the same folder,
 * then renamed over the old one, so a reader (or a failed run) never sees a
 * half-written report. One small function, so the project's shared report
 * writer can take its place.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Writes `files` (name → text) into `folder`, creating it when missing. Returns the paths written. */
export function writeFilesAtomically(folder: string, files: Readonly<Record<string, string>>): string[] {
  fs.mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const name of Object.keys(files)) {
    const target = path.join(folder, name);
    const temporary = path.join(folder, `.${name}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(temporary, files[name]!);
      fs.renameSync(temporary, target);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
    written.push(target);
  }
  return written;
}
