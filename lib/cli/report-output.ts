/**
 * How `oaas compliance-check` and `oaas security-scan` hand out a report:
 * JSON and self-contained HTML files in the output folder, and on stdout the
 * JSON (`--format json`) or the text summary followed by where the files are.
 * Each file is written to a temporary file and renamed into place; a symbolic
 * link, folder or special file at a report's path (or a link as the folder) is
 * refused, never written through (lib/fs/write-file.ts).
 */
import * as path from 'path';
import { fileTargetProblem, folderTargetProblem, UnsafeTargetError, writeFileSafely } from '../fs/write-file';
import { displayPath } from './workspace-path';

/** File names of the JSON and HTML reports inside the output folder. */
export interface ReportFiles {
  readonly json: string;
  readonly html: string;
}

export interface ReportOutput<R> {
  /** The output folder (`--out`), created when missing. */
  readonly out: string;
  readonly format: 'text' | 'json';
  readonly files: ReportFiles;
  readonly html: (report: R) => string;
  readonly text: (report: R) => string;
}

/**
 * Why the reports cannot be written to `out`, as one line for `--out`, or
 * undefined when they can. Commands check it before they synthesize anything.
 */
export function reportOutProblem(out: string, files: ReportFiles): string | undefined {
  if (out.trim() === '') return `--out "": expected a folder for the reports, got an empty path. Give a folder such as reports.`;
  const folder = path.resolve(out);
  const problem = folderTargetProblem(folder) ?? fileTargetProblem(path.join(folder, files.json)) ?? fileTargetProblem(path.join(folder, files.html));
  return problem === undefined ? undefined : `--out ${JSON.stringify(out)}: ${problem}`;
}

/**
 * Writes the two report files and prints the report. Returns the problem, as
 * `reportOutProblem` words it, when a target changed into something that may
 * not be written since it was checked; nothing is printed then.
 */
export function writeReport<R>(report: R, output: ReportOutput<R>): string | undefined {
  const out = path.resolve(output.out);
  const json = path.join(out, output.files.json);
  const html = path.join(out, output.files.html);
  try {
    writeFileSafely(json, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSafely(html, output.html(report));
  } catch (error) {
    if (error instanceof UnsafeTargetError) return `--out ${JSON.stringify(output.out)}: ${error.message}`;
    throw error;
  }
  if (output.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${output.text(report)}Reports: ${displayPath(json)}, ${displayPath(html)}\n`);
  return undefined;
}
