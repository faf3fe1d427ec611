/**
 * How `oaas compliance-check` and `oaas security-scan` hand out a report:
 * JSON and self-contained HTML files in the output folder, and on stdout the
 * JSON (`--format json`) or the text summary followed by where the files are.
 */
import * as fs from 'fs';
import * as path from 'path';
import { displayPath } from './workspace-path';

export interface ReportOutput<R> {
  /** The output folder (`--out`), created when missing. */
  readonly out: string;
  readonly format: 'text' | 'json';
  /** File names of the JSON and HTML reports inside `out`. */
  readonly files: { readonly json: string; readonly html: string };
  readonly html: (report: R) => string;
  readonly text: (report: R) => string;
}

export function writeReport<R>(report: R, output: ReportOutput<R>): void {
  const out = path.resolve(output.out);
  const json = path.join(out, output.files.json);
  const html = path.join(out, output.files.html);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(html, output.html(report));
  if (output.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${output.text(report)}Reports: ${displayPath(json)}, ${displayPath(html)}\n`);
}
