/**
 * A parsed YAML file that remembers where every value came from, so any
 * diagnostic can point at a line and column.
 *
 * Parsing is linear in the size of the text: repeated keys are found with a
 * set per mapping (the yaml package's own check compares every key with every
 * earlier one), and nesting deeper than `MAX_NESTING` is refused before the
 * recursive parser sees it.
 */
import { LineCounter, YAMLParseError, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { printable } from './diagnostics/printable';

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

/** How deeply collections may nest in a workspace file; the deepest schema path is about ten. */
export const MAX_NESTING = 64;

/**
 * The offset of the first line nested deeper than `limit`, or undefined.
 * Nesting is counted as the yaml parser would recurse: one level per
 * indentation step, per compact "- " or "? " on a line, and per open "[" or "{".
 * Block scalars (`|`, `>`) and comments are skipped; quoted text is not
 * looked into for brackets.
 */
export function excessiveNesting(text: string, limit = MAX_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let blockScalarIndent: number | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const indent = line.length - line.trimStart().length;
    const content = line.slice(indent);
    if (blockScalarIndent !== undefined) {
      if (content === '' || indent > blockScalarIndent) continue;
      blockScalarIndent = undefined;
    }
    if (content === '' || content.startsWith('#')) continue;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    let compact = 0;
    while ('-?:'.includes(content[compact * 2] ?? 'x') && (content[compact * 2 + 1] ?? ' ') === ' ') compact++;
    let quote: string | undefined;
    for (let i = 0; i < content.length; i++) {
      const c = content[i]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === '\'') {
        quote = c;
      } else if (c === '#' && (i === 0 || content[i - 1] === ' ')) {
        break;
      } else if (c === '[' || c === '{') {
        flow++;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      }
      if (indents.length + compact + flow > limit) return start;
    }
    if (indents.length + compact > limit) return start;
    if (flow === 0 && /(^|[ :-])[|>][-+0-9]*( +#.*)?$/.test(content)) blockScalarIndent = indent;
  }
  return undefined;
}

/** Reports repeated keys as the yaml package does (DUPLICATE_KEY at the repeated key), in linear time. */
function findDuplicateKeys(document: Document): void {
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        // JavaScript property names: `1` and "1" are one key once converted.
        const name = String(pair.key.value);
        if (seen.has(name)) {
          const range = pair.key.range ?? [0, 0];
          document.errors.push(new YAMLParseError([range[0], range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen.add(name);
      }
    },
  });
}

/** Parses YAML text, keeping positions. Duplicate keys are parse errors. */
export function parseSource(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const deep = excessiveNesting(text);
  if (deep !== undefined) {
    // The text is not parsed at all: an empty document carries the one error.
    const document = parseDocument('', { lineCounter });
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    document.errors.push(new YAMLParseError([deep, deep + 1], 'RESOURCE_EXHAUSTION', `expected at most ${MAX_NESTING} levels of nesting`));
    return { file, text, document, lineCounter };
  }
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  if (document.errors.length === 0) findDuplicateKeys(document);
  return { file, text, document, lineCounter };
}

/** Longest key segment shown in a path; longer ones are cut. */
const MAX_SEGMENT = 64;

/** Formats a path as users read it: `environments[0].regions[1].vpc_cidr`. Keys are escaped and cut to length. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
    } else {
      const key = printable(part, MAX_SEGMENT);
      out += out === '' ? key : `.${key}`;
    }
  }
  return out === '' ? '(root)' : out;
}

function position(source: SourceFile, offset: number): SourceLocation {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/** The pairs of each mapping by key, built on first use: locating many problems in a large mapping stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key)) {
        const name = String(item.key.value);
        if (!index.has(name)) index.set(name, item);
      }
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
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
      const pair = pairOf(node, String(part));
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

/** The index of the first of `items` (in source order) whose range ends at or after `offset`, by binary search. */
function firstEndingAfter<T>(items: readonly T[], end: (item: T) => number | undefined, offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((end(items[mid]!) ?? -1) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
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
      const pairEnd = (item: Pair) => (item.value as Node | null)?.range?.[1] ?? (item.key as Node | null)?.range?.[1];
      const index = firstEndingAfter(node.items, pairEnd, offset);
      const pair = node.items[index];
      // Keys with spaces come from text the parser could not split; stop before them.
      if (!pair || !within((pair.key as Node | null)?.range?.[0], pairEnd(pair)) || !isScalar(pair.key) || /\s/.test(String(pair.key.value))) break;
      path.push(String(pair.key.value));
      node = pair.value;
    } else if (isSeq(node)) {
      const itemEnd = (item: unknown) => (item as Node | null)?.range?.[1];
      const index = firstEndingAfter(node.items, itemEnd, offset);
      const item = node.items[index];
      if (!within((item as Node | null)?.range?.[0], itemEnd(item))) break;
      path.push(index);
      node = item;
    } else {
      break;
    }
  }
  return path;
}
