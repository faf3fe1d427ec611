/**
 * A parsed YAML file that remembers where every value came from, so any
 * diagnostic can point at a line and column.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';

/** A path into a YAML document: keys and sequence indices. */
export type YamlPath = ReadonlyArray<string | number>;

export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

export interface SourceFile {
  /** Path relative to the workspace folder, with "/" separators, as shown to users. */
  readonly file: string;
  readonly text: string;
  readonly document: Document;
  readonly lineCounter: LineCounter;
}

/** Parses YAML text, keeping positions. Duplicate keys are parse errors. */
export function parseSource(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  return { file, text, document, lineCounter };
}

/** Formats a path as users read it: `environments[0].regions[1].vpc_cidr`. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}

function position(source: SourceFile, offset: number): SourceLocation {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Finds where `path` is written. With `key: true` it points at the key of the
 * last segment (for unknown keys); a path that does not exist points at the
 * deepest part that does (for missing keys, the map that should hold it).
 */
export function locate(source: SourceFile, path: YamlPath, options: { key?: boolean } = {}): SourceLocation {
  let node: unknown = source.document.contents;
  let last: SourceLocation = { line: 1, column: 1 };
  const rangeOf = (n: unknown): SourceLocation | undefined => {
    const range = (n as Node | null)?.range;
    return range ? position(source, range[0]) : undefined;
  };
  last = rangeOf(node) ?? last;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) return last;
      const keyLocation = rangeOf(pair.key);
      if (i === path.length - 1 && options.key && keyLocation) return keyLocation;
      node = pair.value;
      last = rangeOf(node) ?? keyLocation ?? last;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (item === undefined) return last;
      node = item;
      last = rangeOf(node) ?? last;
    } else {
      return last;
    }
  }
  return last;
}

/**
 * The path of the deepest value written around `offset`, for problems found
 * by position only (YAML syntax errors). Keys count as part of their value, so
 * a repeated key yields the path of that key.
 */
export function pathAt(source: SourceFile, offset: number): YamlPath {
  const path: Array<string | number> = [];
  const within = (start: number | undefined, end: number | undefined) => start !== undefined && end !== undefined && start <= offset && offset <= end;
  let node: unknown = source.document.contents;
  for (let guard = 0; guard < 1000; guard++) {
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const keyRange = (item.key as Node | null)?.range;
        const valueRange = (item.value as Node | null)?.range;
        return within(keyRange?.[0], valueRange?.[1] ?? keyRange?.[1]);
      });
      // Keys with spaces come from text the parser could not split; stop before them.
      if (!pair || !isScalar(pair.key) || /\s/.test(String(pair.key.value))) break;
      path.push(String(pair.key.value));
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within((item as Node | null)?.range?.[0], (item as Node | null)?.range?.[1]));
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
    } else {
      break;
    }
  }
  return path;
}
