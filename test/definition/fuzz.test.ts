/**
 * Seeded fuzzing of the loader: random edits of the enterprise example must
 * end in a model or in located diagnostics, never in an exception. The PRNG
 * is seeded, so a failure names a mutation that reproduces on every run.
 */
import { isNode, isScalar, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLSeq } from 'yaml';
import { loadWorkspaceTexts } from '../../lib/definition/loader';
import type { LoadResult, SourceCache } from '../../lib/definition/loader';
import { exampleTexts } from '../helpers/workspace';

const SEED = 0x0a5a5;
const MUTATIONS = 520;

/** mulberry32: small, fast and good enough to pick mutations. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Texts = Record<string, string>;

interface Random {
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** Values of other types (and awkward values of the right type) to put where a scalar was. */
const REPLACEMENTS: readonly unknown[] = [
  42, -1, 0, 3.5, 1e21, true, false, null, '', 'lots', '$1,000', '€5', '1TB', '500gb', '30', '7 months', '99.9%', '150%',
  'latest', 'Ireland', 'eu-west-9', '10.0.0.0/33', '0.0.0.0/0', '999999999999', '12345', 'UPPER_case', 'a'.repeat(80),
  '../../etc/passwd', '${HOME}', 'null', '~', 'NaN', [], {}, ['x'], { unexpected: 1 },
];

const GARBAGE = ['{', '}', '[', ']', ':', ': ', '- ', '&', '*', '!', '|', '>', '\'', '"', '#', '\t', '%', '@', '`', ',', '\u0000', '\ufeff', '😀', '\n', '\n  ', '---\n', '? '];

/** Counts the nodes of one kind, then lets `change` act on the nth. */
function onNth(doc: Document, kind: 'Pair' | 'Scalar' | 'Seq' | 'Map', random: Random, change: (node: unknown, parent: unknown) => symbol | void | Node | Pair): boolean {
  let count = 0;
  visit(doc, { [kind]: () => { count++; } });
  if (count === 0) return false;
  const target = random.int(count);
  let seen = 0;
  visit(doc, {
    [kind]: (_key: unknown, node: unknown, path: readonly unknown[]) => {
      if (seen++ !== target) return undefined;
      const result = change(node, path[path.length - 1]);
      return result ?? visit.BREAK;
    },
  });
  return true;
}

type Mutation = (texts: Texts, random: Random) => string;

/** The plain value of a node, to copy it into another place or document. */
const plain = (value: unknown): unknown => (isNode(value) ? value.toJSON() : value);

function viaDocument(texts: Texts, random: Random, edit: (doc: Document) => string): string {
  const file = random.pick(Object.keys(texts));
  const doc = parseDocument(texts[file]!);
  if (doc.errors.length > 0) return `${file}: skipped (already invalid)`;
  const what = edit(doc);
  texts[file] = doc.toString();
  return `${file}: ${what}`;
}

const mutations: Record<string, Mutation> = {
  deleteKey: (texts, random) => viaDocument(texts, random, (doc) => {
    let key = '';
    onNth(doc, 'Pair', random, (pair) => {
      key = String((pair as Pair).key);
      return visit.REMOVE;
    });
    return `delete key ${key}`;
  }),
  changeScalarType: (texts, random) => viaDocument(texts, random, (doc) => {
    const replacement = random.pick(REPLACEMENTS);
    let before = '';
    onNth(doc, 'Scalar', random, (scalar) => {
      before = String((scalar as Scalar).value);
      return doc.createNode(replacement);
    });
    return `scalar ${JSON.stringify(before)} → ${JSON.stringify(replacement)}`;
  }),
  duplicateListItem: (texts, random) => viaDocument(texts, random, (doc) => {
    onNth(doc, 'Seq', random, (seq) => {
      const items = (seq as YAMLSeq).items;
      if (items.length > 0) items.push(doc.createNode(plain(items[random.int(items.length)])));
    });
    return 'duplicate a list item';
  }),
  emptyList: (texts, random) => viaDocument(texts, random, (doc) => {
    onNth(doc, 'Seq', random, (seq) => {
      (seq as YAMLSeq).items = [];
    });
    return 'empty a list';
  }),
  renameKey: (texts, random) => viaDocument(texts, random, (doc) => {
    let change = '';
    onNth(doc, 'Pair', random, (pair) => {
      const p = pair as Pair<Scalar, unknown>;
      if (!isScalar(p.key)) return;
      const key = String(p.key.value);
      const renamed = random.pick([
        `${key}s`, key.slice(0, -1), key.toUpperCase(), key.replace(/_/g, '-'), `${key.slice(1)}${key[0] ?? ''}`, 'x-unknown',
      ]);
      change = `${key} → ${renamed}`;
      p.key = doc.createNode(renamed);
    });
    return `rename key ${change}`;
  }),
  mapToScalar: (texts, random) => viaDocument(texts, random, (doc) => {
    onNth(doc, 'Map', random, () => doc.createNode(random.pick(['on', 7, ['a', 'b']])));
    return 'replace a mapping';
  }),
  swapValuesBetweenFiles: (texts, random) => {
    const files = Object.keys(texts);
    const a = random.pick(files);
    const b = random.pick(files.filter((f) => f !== a));
    const docA = parseDocument(texts[a]!);
    const docB = parseDocument(texts[b]!);
    if (docA.errors.length > 0 || docB.errors.length > 0) return `${a} ⇄ ${b}: skipped (already invalid)`;
    let pairA: Pair | undefined;
    let pairB: Pair | undefined;
    onNth(docA, 'Pair', random, (pair) => {
      pairA = pair as Pair;
    });
    onNth(docB, 'Pair', random, (pair) => {
      pairB = pair as Pair;
    });
    if (!pairA || !pairB) return `${a} ⇄ ${b}: skipped (no keys)`;
    const valueA = plain(pairA.value);
    pairA.value = docA.createNode(plain(pairB.value));
    pairB.value = docB.createNode(valueA);
    texts[a] = docA.toString();
    texts[b] = docB.toString();
    return `${a} ⇄ ${b}: swap values`;
  },
  truncateFile: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    const at = random.int(texts[file]!.length + 1);
    texts[file] = texts[file]!.slice(0, at);
    return `${file}: truncate at ${at}`;
  },
  insertGarbage: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    const text = texts[file]!;
    const at = random.int(text.length + 1);
    const garbage = Array.from({ length: 1 + random.int(3) }, () => random.pick(GARBAGE)).join('');
    texts[file] = text.slice(0, at) + garbage + text.slice(at);
    return `${file}: insert ${JSON.stringify(garbage)} at ${at}`;
  },
  deleteLine: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    const lines = texts[file]!.split('\n');
    const at = random.int(lines.length);
    lines.splice(at, 1);
    texts[file] = lines.join('\n');
    return `${file}: delete line ${at + 1}`;
  },
  duplicateLine: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    const lines = texts[file]!.split('\n');
    const at = random.int(lines.length);
    lines.splice(at, 0, lines[at] ?? '');
    texts[file] = lines.join('\n');
    return `${file}: duplicate line ${at + 1}`;
  },
  shiftIndent: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    const lines = texts[file]!.split('\n');
    const at = random.int(lines.length);
    lines[at] = random.int(2) === 0 ? `  ${lines[at] ?? ''}` : (lines[at] ?? '').replace(/^ {1,2}/, '');
    texts[file] = lines.join('\n');
    return `${file}: shift indentation of line ${at + 1}`;
  },
  deleteFile: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    delete texts[file];
    return `${file}: delete the file`;
  },
  emptyFile: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    texts[file] = random.pick(['', '\n', '# nothing here\n', '---\n', 'null\n', '[]\n', '42\n']);
    return `${file}: empty the file`;
  },
};

/** What is wrong with a result, as readable strings; empty when it is well-formed. */
function problemsOf(result: LoadResult, texts: Texts): string[] {
  const problems: string[] = [];
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.model) {
    if (errors.length > 0) problems.push(`a model next to ${errors.length} error(s)`);
  } else if (errors.length === 0 || result.errorCount !== errors.length) {
    problems.push(`no model but ${errors.length} error(s) listed and errorCount ${result.errorCount}`);
  }
  for (const d of result.diagnostics) {
    const where = `${d.file}:${d.line}:${d.column} ${d.code} ${d.path}`;
    if (typeof d.file !== 'string' || d.file === '') problems.push(`${where}: no file`);
    if (!Number.isInteger(d.line) || d.line < 1) problems.push(`${where}: line ${d.line}`);
    if (!Number.isInteger(d.column) || d.column < 1) problems.push(`${where}: column ${d.column}`);
    const text = texts[d.file];
    if (text !== undefined && d.line > text.split('\n').length) problems.push(`${where}: line beyond the end of the file`);
    if (!d.path) problems.push(`${where}: no path`);
    if (!d.message || /undefined|\[object Object\]/.test(d.message)) problems.push(`${where}: message ${JSON.stringify(d.message)}`);
    if (!d.hint || /undefined|\[object Object\]/.test(d.hint)) problems.push(`${where}: hint ${JSON.stringify(d.hint)}`);
    if (!/^OAAS\d{3}$/.test(d.code)) problems.push(`${where}: code`);
    if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`${where}: severity ${String(d.severity)}`);
  }
  return problems;
}

describe('fuzzing the enterprise example', () => {
  const original = exampleTexts('enterprise');
  // The unchanged files of each mutation are parsed once: the loader reuses their parse from this cache.
  const sources: SourceCache = new Map();
  const baseline = loadWorkspaceTexts(original, '.', [], sources);
  const unchanged = new Set(sources.keys());
  const load = (texts: Texts): LoadResult => {
    const result = loadWorkspaceTexts(texts, '.', [], sources);
    for (const key of sources.keys()) if (!unchanged.has(key)) sources.delete(key);
    return result;
  };

  test('starts from a valid workspace', () => {
    expect(baseline.model).toBeDefined();
    expect(unchanged.size).toBe(Object.keys(original).length);
  });

  test(`${MUTATIONS} seeded random mutations each end in a model or in located errors, never an exception`, () => {
    const next = prng(SEED);
    const random: Random = {
      int: (n) => Math.floor(next() * n),
      pick: (items) => items[Math.floor(next() * items.length)]!,
    };
    const names = Object.keys(mutations);
    const failures: string[] = [];
    const used: Record<string, number> = {};
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const texts: Texts = { ...original };
      const name = names[i % names.length]!;
      // Most cases get one mutation; every fourth gets a second, to combine problems.
      const steps = i % 4 === 3 ? [name, random.pick(names)] : [name];
      const done: string[] = [];
      try {
        for (const step of steps) {
          done.push(`${step}(${mutations[step]!(texts, random)})`);
          used[step] = (used[step] ?? 0) + 1;
        }
        const result = load(texts);
        if (result.model) valid++;
        else invalid++;
        for (const problem of problemsOf(result, texts)) failures.push(`#${i} ${done.join(' + ')}: ${problem}`);
      } catch (error) {
        failures.push(`#${i} ${done.join(' + ')}: threw ${(error as Error).stack ?? String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    // The run really exercised both outcomes and every kind of mutation.
    expect(valid + invalid).toBe(MUTATIONS);
    expect(invalid).toBeGreaterThan(MUTATIONS / 2);
    expect(valid).toBeGreaterThan(0);
    for (const name of names) expect(used[name]).toBeGreaterThanOrEqual(Math.floor(MUTATIONS / names.length));
  });

  test('the same seed gives the same mutations', () => {
    const run = () => {
      const next = prng(SEED);
      const random: Random = { int: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)]! };
      const texts: Texts = { ...original };
      return [mutations.insertGarbage!(texts, random), mutations.renameKey!(texts, random), mutations.changeScalarType!(texts, random)];
    };
    expect(run()).toEqual(run());
  });
});
