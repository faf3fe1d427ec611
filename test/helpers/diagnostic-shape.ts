/** What a well-formed load result looks like: the fuzz tests check every result against it. */
import type { LoadResult } from '../../lib/definition/loader';

/** Longest message or hint the loader prints (see lib/definition/diagnostics/printable.ts). */
const MAX_TEXT = 2000;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** What is wrong with a result, as readable strings; empty when it is well-formed. */
export function problemsOf(result: LoadResult, texts: Readonly<Record<string, string>> = {}): string[] {
  const problems: string[] = [];
  const lines = new Map<string, number>();
  const linesOf = (file: string): number | undefined => {
    const text = texts[file];
    if (text === undefined) return undefined;
    if (!lines.has(file)) lines.set(file, text.split('\n').length);
    return lines.get(file);
  };
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.model) {
    if (errors.length > 0) problems.push(`a model next to ${errors.length} error(s)`);
  } else if (errors.length === 0 || result.errorCount !== errors.length) {
    problems.push(`no model but ${errors.length} error(s) listed and errorCount ${result.errorCount}`);
  }
  for (const d of result.diagnostics) {
    const where = `${d.file.slice(0, 80)}:${d.line}:${d.column} ${d.code} ${d.path.slice(0, 80)}`;
    if (typeof d.file !== 'string' || d.file === '') problems.push(`${where}: no file`);
    if (!Number.isInteger(d.line) || d.line < 1) problems.push(`${where}: line ${d.line}`);
    if (!Number.isInteger(d.column) || d.column < 1) problems.push(`${where}: column ${d.column}`);
    const count = linesOf(d.file);
    if (count !== undefined && d.line > count) problems.push(`${where}: line beyond the end of the file`);
    if (!d.path) problems.push(`${where}: no path`);
    if (!d.message || /undefined|\[object Object\]/.test(d.message)) problems.push(`${where}: message ${JSON.stringify(d.message.slice(0, 200))}`);
    if (!d.hint || /undefined|\[object Object\]/.test(d.hint)) problems.push(`${where}: hint ${JSON.stringify(d.hint.slice(0, 200))}`);
    if (!/^OAAS\d{3}$/.test(d.code)) problems.push(`${where}: code`);
    if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`${where}: severity ${String(d.severity)}`);
    for (const field of ['file', 'path', 'message', 'hint'] as const) {
      if (UNSAFE.test(d[field])) problems.push(`${where}: ${field} holds a control character or invisible mark`);
      if (d[field].length > MAX_TEXT) problems.push(`${where}: ${field} of ${d[field].length} characters`);
    }
  }
  return problems;
}
