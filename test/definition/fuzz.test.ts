/**
 * Seeded fuzzing of the loader: random edits of the enterprise example, and
 * hostile inputs of every class of issue 23 (long values and keys, alias
 * bombs, deep nesting, JavaScript property names as keys, control
 * characters, many entries, special files and links), must each end in a
 * model or in located diagnostics, never in an exception, a hang or an
 * exhausted heap: every input is loaded on a worker thread with a memory limit
 * and a generous hang guard (test/helpers/bounded-loader.ts). Output locations
 * are fuzzed too: none that is not the tool's own is ever replaced. The PRNG
 * is seeded, so a failure names a case that reproduces on every run.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isNode, isScalar, parseDocument, visit } from 'yaml';
import type { Pair, Scalar, YAMLSeq } from 'yaml';
import { renderOutProblem } from '../../lib/cli/render';
import { reportOutProblem } from '../../lib/cli/report-output';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT, PACKAGE_ROOT } from '../../lib/fs/output-folder';
import { writeManifests } from '../../lib/k8s/write-manifests';
import { BoundedLoader } from '../helpers/bounded-loader';
import type { BoundedAnswer } from '../helpers/bounded-loader';
import type { Mutation, Random, Texts } from '../helpers/hostile';
import { copyFolder, HOSTILE_FILES, HOSTILE_VALUES, onNth, random as seeded, viaDocument } from '../helpers/hostile';
import { EXAMPLES, exampleTexts } from '../helpers/workspace';

const SEED = 0x0a5a5;
const MUTATIONS = 520;

/** Values of other types (and awkward values of the right type) to put where a scalar was. */
const REPLACEMENTS: readonly unknown[] = [
  42, -1, 0, 3.5, 1e21, true, false, null, '', 'lots', '$1,000', '€5', '1TB', '500gb', '30', '7 months', '99.9%', '150%',
  'latest', 'Ireland', 'eu-west-9', '10.0.0.0/33', '0.0.0.0/0', '999999999999', '12345', 'UPPER_case', 'a'.repeat(80),
  '../../etc/passwd', '${HOME}', 'null', '~', 'NaN', [], {}, ['x'], { unexpected: 1 },
];

const GARBAGE = ['{', '}', '[', ']', ':', ': ', '- ', '&', '*', '!', '|', '>', '\'', '"', '#', '\t', '%', '@', '`', ',', '\u0000', '\ufeff', '😀', '\n', '\n  ', '---\n', '? '];


/** The plain value of a node, to copy it into another place or document. */
const plain = (value: unknown): unknown => (isNode(value) ? value.toJSON() : value);
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

/** A failure line for an answer with problems. */
const failures = (label: string, answer: BoundedAnswer) => answer.problems.map((p) => `${label}: ${p}`);

let loader: BoundedLoader;
beforeAll(() => { loader = new BoundedLoader(); });
afterAll(() => loader.close());

describe('fuzzing the enterprise example', () => {
  const original = exampleTexts('enterprise');

  test('starts from a valid workspace', async () => {
    const answer = await loader.load({ texts: original, cache: true });
    expect(answer).toMatchObject({ valid: true, problems: [] });
  });

  test(`${MUTATIONS} seeded random mutations each end in a model or in located errors, never an exception`, async () => {
    const random = seeded(SEED);
    const names = Object.keys(mutations);
    const found: string[] = [];
    const used: Record<string, number> = {};
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const texts: Texts = { ...original };
      const name = names[i % names.length]!;
      // Most cases get one mutation; every fourth gets a second, to combine problems.
      const steps = i % 4 === 3 ? [name, random.pick(names)] : [name];
      const done: string[] = [];
      for (const step of steps) {
        done.push(`${step}(${mutations[step]!(texts, random)})`);
        used[step] = (used[step] ?? 0) + 1;
      }
      const answer = await loader.load({ texts, cache: true });
      if (answer.valid) valid++;
      else invalid++;
      found.push(...failures(`#${i} ${done.join(' + ')}`, answer));
    }
    expect(found).toEqual([]);
    // The run really exercised both outcomes and every kind of mutation.
    expect(valid + invalid).toBe(MUTATIONS);
    expect(invalid).toBeGreaterThan(MUTATIONS / 2);
    expect(valid).toBeGreaterThan(0);
    for (const name of names) expect(used[name]).toBeGreaterThanOrEqual(Math.floor(MUTATIONS / names.length));
  });

  test('the same seed gives the same mutations', () => {
    const run = () => {
      const random = seeded(SEED);
      const texts: Texts = { ...original };
      return [mutations.insertGarbage!(texts, random), mutations.renameKey!(texts, random), mutations.changeScalarType!(texts, random)];
    };
    expect(run()).toEqual(run());
  });
});

describe('hostile values: every class of input that once hung, exhausted memory or crashed the loader', () => {
  /** Cases per generator: each loads in about a second or less now; before, one long value could take minutes. */
  const CASES: Readonly<Record<string, number>> = { manyEntries: 4 };
  const original = exampleTexts('enterprise');

  test.each(Object.keys(HOSTILE_VALUES))('%s', async (name) => {
    const random = seeded(SEED + name.length * 7919 + name.charCodeAt(0));
    const found: string[] = [];
    const codes = new Set<string>();
    for (let i = 0; i < (CASES[name] ?? 12); i++) {
      const texts: Texts = { ...original };
      const done = HOSTILE_VALUES[name]!(texts, random);
      const answer = await loader.load({ texts });
      found.push(...failures(`${name} #${i} (${done})`, answer));
      for (const code of answer.codes) codes.add(code);
    }
    expect(found).toEqual([]);
    // Each generator produced problems the loader located, not only accepted inputs.
    expect(codes.size).toBeGreaterThan(0);
  });
});

describe('hostile files: special files and links in the workspace folder', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-hostile-files-'));
    outside = path.join(root, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.yml'), 'tenant_id: TOPSECRET-first-line\n');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each(Object.keys(HOSTILE_FILES))('%s', async (name) => {
    const random = seeded(SEED + name.length * 104729 + name.charCodeAt(0));
    const found: string[] = [];
    for (let i = 0; i < 3; i++) {
      const dir = path.join(root, `${name}-${i}`);
      copyFolder(path.join(EXAMPLES, 'enterprise'), dir);
      const done = HOSTILE_FILES[name]!(dir, random, outside);
      const answer = await loader.load({ folder: dir });
      found.push(...failures(`${name} #${i} (${done})`, answer));
      if (answer.valid && name !== 'manyFiles') found.push(`${name} #${i} (${done}): accepted`);
      // Every planted file is located as such (many small files are only many tenants).
      if (name !== 'manyFiles' && !answer.codes.some((c) => ['OAAS001', 'OAAS002', 'OAAS005'].includes(c))) {
        found.push(`${name} #${i} (${done}): no file diagnostic, got ${answer.codes.join(', ')}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('nothing of a file outside the workspace reaches a diagnostic', async () => {
    const dir = path.join(root, 'leak');
    copyFolder(path.join(EXAMPLES, 'starter'), dir);
    fs.symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, 'tenants', 'secret.yml'));
    fs.rmSync(path.join(dir, 'workspace.yml'));
    fs.symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, 'workspace.yml'));
    const { loadWorkspace } = await import('../../lib/definition/loader');
    const result = loadWorkspace(dir);
    expect(JSON.stringify(result.diagnostics)).not.toContain('TOPSECRET');
    expect(result.diagnostics.filter((d) => d.code === 'OAAS005').map((d) => d.file).sort()).toEqual(['tenants/secret.yml', 'workspace.yml']);
  });
});

describe('output locations: nothing the tool did not write is ever replaced', () => {
  let root: string;
  beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-fuzz-out-')); });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Every entry under `dir`, not following links. */
  const listing = (dir: string, prefix = ''): string[] => {
    const out: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const name = `${prefix}${entry.name}`;
      out.push(name);
      if (entry.isDirectory()) out.push(...listing(path.join(dir, entry.name), `${name}/`));
    }
    return out.sort();
  };

  /** A place to render to: how to make it, and whether oaas may replace it. */
  type Place = (dir: string, random: Random) => { out: string; allowed: boolean; what: string };
  const places: Place[] = [
    () => ({ out: '', allowed: false, what: 'an empty path' }),
    (_dir, random) => ({ out: random.pick(['.', './', './/.', process.cwd()]), allowed: false, what: 'the working directory' }),
    (_dir, random) => {
      const up = 1 + random.int(3);
      return { out: random.pick([Array.from({ length: up }, () => '..').join('/'), path.resolve(process.cwd(), ...Array.from({ length: up }, () => '..'))]), allowed: false, what: `${up} folder(s) up` };
    },
    () => ({ out: PACKAGE_ROOT, allowed: false, what: 'the project root' }),
    (dir) => ({ out: path.join(dir, 'workspace'), allowed: false, what: 'the workspace' }),
    (dir) => ({ out: dir, allowed: false, what: 'a folder holding the workspace' }),
    (dir, random) => {
      const out = path.join(dir, 'foreign');
      fs.mkdirSync(path.join(out, 'sub'), { recursive: true });
      fs.writeFileSync(path.join(out, random.pick(['notes.txt', 'sub/deep.txt', '.hidden', 'kustomization.yaml'].slice(0, 1 + random.int(4)))), 'mine');
      if (fs.readdirSync(path.join(out, 'sub')).length === 0) fs.rmdirSync(path.join(out, 'sub'));
      return { out, allowed: false, what: 'a folder with files of its own' };
    },
    (dir) => {
      const out = path.join(dir, 'file');
      fs.writeFileSync(out, 'mine');
      return { out, allowed: false, what: 'a file' };
    },
    (dir, random) => {
      const out = path.join(dir, 'link');
      const target = random.pick([path.join(dir, 'workspace'), root, '/']);
      fs.symlinkSync(target, out);
      return { out, allowed: false, what: `a link to ${target === '/' ? '/' : 'a folder'}` };
    },
    (dir) => {
      const out = path.join(dir, 'marker-folder');
      fs.mkdirSync(path.join(out, OUTPUT_MARKER), { recursive: true });
      fs.writeFileSync(path.join(out, 'mine.txt'), 'mine');
      return { out, allowed: false, what: 'a folder whose marker is a folder' };
    },
    (dir) => ({ out: path.join(dir, 'new', 'k8s'), allowed: true, what: 'a new folder' }),
    (dir) => {
      const out = path.join(dir, 'empty');
      fs.mkdirSync(out);
      return { out, allowed: true, what: 'an empty folder' };
    },
    (dir) => {
      const out = path.join(dir, 'ours');
      fs.mkdirSync(path.join(out, 'dev'), { recursive: true });
      fs.writeFileSync(path.join(out, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
      fs.writeFileSync(path.join(out, 'dev', 'old.yaml'), 'old');
      return { out, allowed: true, what: 'a folder oaas wrote' };
    },
  ];

  test('120 seeded render targets: refused ones are left exactly as they were, allowed ones are replaced', () => {
    const random = seeded(SEED);
    const found: string[] = [];
    const cwdBefore = fs.readdirSync(process.cwd()).sort();
    for (let i = 0; i < 120; i++) {
      const dir = path.join(root, `case-${i}`);
      copyFolder(path.join(EXAMPLES, 'starter'), path.join(dir, 'workspace'));
      const place = places[i % places.length]!(dir, random);
      const env = random.int(2) === 0 ? 'dev' : undefined;
      const before = listing(root);
      const problem = renderOutProblem(place.out, path.join(dir, 'workspace'), env);
      if (place.allowed !== (problem === undefined)) found.push(`#${i} ${place.what} (${JSON.stringify(place.out)}${env ? `, --env ${env}` : ''}): ${problem ?? 'allowed'}`);
      if (problem) {
        // Writing anyway must still refuse, before anything moves.
        const target = env ? path.join(path.resolve(place.out), env) : path.resolve(place.out);
        try {
          writeManifests(target, new Map([['a.yaml', 'a']]), { root: path.resolve(place.out) });
          found.push(`#${i} ${place.what}: written despite ${problem}`);
        } catch {
          // Refused, as it should be.
        }
        if (JSON.stringify(listing(root)) !== JSON.stringify(before)) found.push(`#${i} ${place.what}: files changed`);
      }
    }
    expect(found).toEqual([]);
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
  });

  test('report paths: a link, folder or special file at a report is refused', () => {
    const random = seeded(SEED + 1);
    const found: string[] = [];
    const files = { json: 'report.json', html: 'report.html' };
    for (let i = 0; i < 40; i++) {
      const out = path.join(root, `reports-${i}`);
      fs.mkdirSync(out);
      const file = path.join(out, random.pick([files.json, files.html]));
      const kind = random.pick(['link', 'dangling', 'folder', 'regular', 'none']);
      if (kind === 'link') fs.symlinkSync(path.join(root, 'victim'), file);
      if (kind === 'dangling') fs.symlinkSync(path.join(root, 'nowhere'), file);
      if (kind === 'folder') fs.mkdirSync(file);
      if (kind === 'regular') fs.writeFileSync(file, 'old');
      const problem = reportOutProblem(out, files);
      const allowed = kind === 'regular' || kind === 'none';
      if (allowed !== (problem === undefined)) found.push(`#${i} ${kind} at ${path.basename(file)}: ${problem ?? 'allowed'}`);
    }
    expect(found).toEqual([]);
  });
});
