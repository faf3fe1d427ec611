/**
 * Generators of hostile workspaces for the fuzz tests: seeded, so a failure
 * names a case that reproduces on every run. Each generator edits in-memory
 * texts (or a folder on disk) the way an attacker or a careless user would,
 * one class of issue 23 each: long values and keys, alias bombs, deep nesting,
 * JavaScript's own property names as keys, control characters, many entries,
 * and special files.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isPair, isScalar, parseDocument, visit, YAMLSeq } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap } from 'yaml';

/** mulberry32: small, fast and good enough to pick mutations. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function random(seed: number): Random {
  const next = prng(seed);
  return { int: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)]! };
}

export type Texts = Record<string, string>;

/** Counts the nodes of one kind, then lets `change` act on the nth. */
export function onNth(doc: Document, kind: 'Pair' | 'Scalar' | 'Seq' | 'Map', random: Random, change: (node: unknown, parent: unknown) => symbol | void | Node | Pair): boolean {
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

/** Edits one random file through the yaml Document API; returns what was done. */
export function viaDocument(texts: Texts, random: Random, edit: (doc: Document) => string): string {
  const file = random.pick(Object.keys(texts));
  const doc = parseDocument(texts[file]!);
  if (doc.errors.length > 0) return `${file}: skipped (already invalid)`;
  const what = edit(doc);
  texts[file] = doc.toString({ lineWidth: 0 });
  return `${file}: ${what}`;
}

/** A mutation of in-memory texts; returns what it did, to name a failing case. */
export type Mutation = (texts: Texts, random: Random) => string;

/**
 * Long values shaped to make backtracking patterns work hard: every shape was
 * slow (minutes at 1 MB) in some field's pattern before the length limits and
 * the linear patterns.
 */
export const LONG_SHAPES: Readonly<Record<string, (n: number) => string>> = {
  plain: (n) => 'a'.repeat(n),
  email: (n) => 'a@'.repeat(n / 2),
  dottedEmail: (n) => `${'a.'.repeat(n / 2)}@`,
  image: (n) => `${'a/'.repeat(n / 2)}:`,
  imageParts: (n) => `${'a.a-'.repeat(n / 4)}!`,
  rate: (n) => `1 ${'a '.repeat(n / 2)}x`,
  price: (n) => `$1${' pe'.repeat(n / 3)}`,
  recovery: (n) => `1h${' '.repeat(n)}x RTO`,
  money: (n) => '1,'.repeat(n / 2),
  digits: (n) => '9'.repeat(n),
  blanks: (n) => `${' '.repeat(n)}x`,
  escapes: (n) => '\u202e\u001b[2J'.repeat(n / 6),
  name: (n) => `${'a-'.repeat(n / 2)}a`,
};

/** Sizes of long values: small enough to pass, at the field limits, far beyond them, and beyond a file's limit. */
export const LONG_SIZES = [300, 3_000, 60_000, 900_000, 1_200_000];

const CONTROL = ['\u0000', '\u001b[31m', '\u009b2J', '\u202e', '\u2028', '\r', '\n', '\u200b', '\ufeff', '\u0007', '\t'];

/** Property names every JavaScript object has, and the one that sets its prototype. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];

const randomScalar = (doc: Document, random: Random, replace: (scalar: Scalar) => unknown): string => {
  let before = '';
  onNth(doc, 'Scalar', random, (scalar) => {
    before = String((scalar as Scalar).value).slice(0, 30);
    const value = replace(scalar as Scalar);
    return isScalar(value) || value instanceof YAMLSeq ? value as Node : doc.createNode(value);
  });
  return before;
};

export const HOSTILE_VALUES: Readonly<Record<string, Mutation>> = {
  longValue: (texts, random) => viaDocument(texts, random, (doc) => {
    const shape = random.pick(Object.keys(LONG_SHAPES));
    const size = random.pick(LONG_SIZES);
    const before = randomScalar(doc, random, () => LONG_SHAPES[shape]!(size));
    return `scalar ${JSON.stringify(before)} → ${shape} × ${size}`;
  }),
  longKey: (texts, random) => viaDocument(texts, random, (doc) => {
    const size = random.pick(LONG_SIZES.slice(0, 4));
    onNth(doc, 'Map', random, (map) => {
      (map as YAMLMap).items.push(doc.createPair(LONG_SHAPES[random.pick(['plain', 'escapes', 'name'])]!(size), 'x'));
    });
    return `a key of ${size} characters`;
  }),
  aliasBomb: (texts, random) => viaDocument(texts, random, (doc) => {
    const big = doc.createNode(LONG_SHAPES[random.pick(Object.keys(LONG_SHAPES))]!(100_000));
    big.anchor = 'big';
    const list = new YAMLSeq();
    list.items = [big, ...Array.from({ length: 50 }, () => doc.createAlias(big, 'big'))];
    randomScalar(doc, random, () => list);
    return 'a 100 KB anchor referenced 50 times';
  }),
  deepNesting: (texts, random) => {
    const file = random.pick(Object.keys(texts));
    const kind = random.pick(['block', 'flow', 'compact', 'flowMap']);
    const depth = random.pick([60, 70, 500, kind === 'block' ? 1_000 : 20_000]);
    const nested = kind === 'block'
      ? Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n') + ' 1'
      : kind === 'flow' ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : kind === 'compact' ? `\n ${'- '.repeat(depth)}x`
          : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    texts[file] = `${texts[file]!}\ndeep_value:${kind === 'block' || kind === 'compact' ? '\n' : ' '}${nested}\n`;
    return `${file}: ${kind} nesting ${depth} deep`;
  },
  prototypeKey: (texts, random) => viaDocument(texts, random, (doc) => {
    const key = random.pick(PROTOTYPE_KEYS);
    let where = '';
    onNth(doc, 'Map', random, (map) => {
      const items = (map as YAMLMap).items;
      const sibling = items[random.int(items.length)];
      const value = sibling && isPair(sibling) ? (sibling.value as Node | null)?.toJSON?.() ?? null : 'x';
      items.push(doc.createPair(key, value));
      where = sibling && isPair(sibling) ? `next to ${String(sibling.key)}` : 'in an empty mapping';
    });
    return `key ${key} ${where}`;
  }),
  prototypeName: (texts, random) => viaDocument(texts, random, (doc) => {
    const name = random.pick(['constructor', 'toString', '__proto__', 'hasOwnProperty']);
    let before = '';
    // A map key renamed, or a value (a reference) replaced, by a JavaScript property name.
    if (random.int(2) === 0) {
      onNth(doc, 'Pair', random, (pair) => {
        const p = pair as Pair<Scalar, unknown>;
        if (!isScalar(p.key)) return;
        before = String(p.key.value);
        p.key = doc.createNode(name);
      });
      return `key ${before} → ${name}`;
    }
    before = randomScalar(doc, random, () => name);
    return `scalar ${JSON.stringify(before)} → ${name}`;
  }),
  controlCharacters: (texts, random) => {
    const character = random.pick(CONTROL);
    if (random.int(4) === 0) {
      // In a file name: it is shown in every diagnostic of the file.
      const file = random.pick(Object.keys(texts).filter((f) => f.startsWith('tenants/')));
      const renamed = file.replace(/([^/]+)$/, `x${character}$1`);
      texts[renamed] = texts[file]!;
      delete texts[file];
      return `${file} renamed with ${JSON.stringify(character)}`;
    }
    return viaDocument(texts, random, (doc) => {
      if (random.int(2) === 0) {
        let before = '';
        onNth(doc, 'Pair', random, (pair) => {
          const p = pair as Pair<Scalar, unknown>;
          if (!isScalar(p.key)) return;
          before = String(p.key.value);
          p.key = doc.createNode(`${before}${character}`);
        });
        return `key ${before} + ${JSON.stringify(character)}`;
      }
      const before = randomScalar(doc, random, (scalar) => `${String(scalar.value)}${character}tail`);
      return `scalar ${JSON.stringify(before)} + ${JSON.stringify(character)}`;
    });
  },
  manyEntries: (texts, random) => {
    const count = random.pick([2_000, 10_000]);
    const names = Array.from({ length: count }, (_, i) => `n${i.toString(36)}x`);
    const edits: Array<[string, (doc: Document) => void]> = [
      ['governance.yml', (doc) => doc.setIn(['budgets', 'per_team'], Object.fromEntries(names.map((n) => [n, '$1'])))],
      ['governance.yml', (doc) => doc.setIn(['change_management', 'approval_matrix', 'low_risk'], names.map((n) => `${n}_role`))],
      ['orchestration-rules.yml', (doc) => doc.setIn(['orchestration_patterns', 'sequential'], [{ name: 'many', steps: names.map((n) => ({ name: n, agent: `${n}-agent`, timeout: '1s' })) }])],
      ['tenants/web.yml', (doc) => doc.setIn(['roles'], Object.fromEntries(names.map((n) => [`${n}_role`, [`oaas:web:${n}`]])))],
      ['workspace.yml', (doc) => doc.setIn(['environments', 0, 'cluster', 'node_pools', 0, 'labels'], Object.fromEntries(names.map((n) => [`example.com/${n}`, n])))],
      ['tenants/web.yml', (doc) => doc.setIn(['projects', 0, 'agents'], names.map((n) => ({ name: `a${n}`, image: 'ghcr.io/x/y:1.0.0' })))],
    ];
    const [file, edit] = random.pick(edits);
    const doc = parseDocument(texts[file]!);
    edit(doc);
    texts[file] = doc.toString({ lineWidth: 0 });
    return `${file}: ${count} entries`;
  },
  lookAlike: (texts, random) => viaDocument(texts, random, (doc) => {
    const before = randomScalar(doc, random, (scalar) => String(scalar.value).replace(/a/, '\u0430').replace(/e/, '\u0435'));
    return `scalar ${JSON.stringify(before)} with Cyrillic look-alikes`;
  }),
};

/** A folder edit that plants something hostile; returns what it did. */
export type FolderMutation = (dir: string, random: Random, outside: string) => string;

const anyFile = (dir: string, random: Random): string => {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  return random.pick(files.sort());
};

/** Special files and links, as a repository could ship them: each must become a located diagnostic, never a hang, a crash or a leak. */
export const HOSTILE_FILES: Readonly<Record<string, FolderMutation>> = {
  fifo: (dir, random) => {
    const file = anyFile(dir, random);
    fs.rmSync(file);
    execFileSync('mkfifo', [file]);
    return `${path.relative(dir, file)} is a FIFO`;
  },
  device: (dir, random) => {
    const file = anyFile(dir, random);
    fs.rmSync(file);
    fs.symlinkSync(random.pick(['/dev/zero', '/dev/urandom', '/dev/null']), file);
    return `${path.relative(dir, file)} links to a device`;
  },
  secretOutside: (dir, random, outside) => {
    const file = anyFile(dir, random);
    fs.rmSync(file);
    fs.symlinkSync(path.join(outside, 'secret.yml'), file);
    return `${path.relative(dir, file)} links to a file outside the workspace`;
  },
  tenantsToRoot: (dir, random, outside) => {
    fs.rmSync(path.join(dir, 'tenants'), { recursive: true });
    fs.symlinkSync(random.pick(['/', outside, path.dirname(dir)]), path.join(dir, 'tenants'));
    return 'tenants links outside the workspace';
  },
  tenantsFile: (dir) => {
    fs.rmSync(path.join(dir, 'tenants'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'tenants'), 'tenant_id: web\n');
    return 'tenants is a file';
  },
  linkLoop: (dir, random) => {
    fs.symlinkSync(random.pick(['.', '..', '../tenants']), path.join(dir, 'tenants', 'loop'));
    return 'a link loop under tenants';
  },
  danglingLink: (dir, random) => {
    const file = anyFile(dir, random);
    fs.rmSync(file);
    fs.symlinkSync(path.join(dir, 'nowhere.yml'), file);
    return `${path.relative(dir, file)} is a dangling link`;
  },
  folderNamedYaml: (dir) => {
    fs.mkdirSync(path.join(dir, 'tenants', 'folder.yml'));
    fs.rmSync(path.join(dir, 'context.yml'));
    fs.mkdirSync(path.join(dir, 'context.yml'));
    return 'folders named like YAML files';
  },
  deepFolders: (dir) => {
    const deep = path.join(dir, 'tenants', ...Array.from({ length: 12 }, (_, i) => `d${i}`));
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'x.yml'), 'tenant_id: x\n');
    return '12 folders below tenants/';
  },
  longPath: (dir) => {
    // A name over the file system's limit of 255 bytes: ENAMETOOLONG when read.
    fs.symlinkSync('x'.repeat(300), path.join(dir, 'tenants', 'long.yml'));
    return 'a link whose target name is too long';
  },
  largeFile: (dir) => {
    fs.writeFileSync(path.join(dir, 'tenants', 'large.yml'), `description: ${'x'.repeat(2 * 1024 * 1024)}\n`);
    return 'a 2 MB tenant file';
  },
  manyFiles: (dir) => {
    for (let i = 0; i < 2_000; i++) fs.writeFileSync(path.join(dir, 'tenants', `t${i}.yml`), `tenant_id: t${i}\nteam: nobody\n`);
    return '2,000 tenant files';
  },
};

/** Copies a folder (files only; the examples hold no links). */
export function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyFolder(source, path.join(to, entry.name));
    else fs.copyFileSync(source, path.join(to, entry.name));
  }
}
