/**
 * The layers of eslint.layers.cjs, seen from the import graph: no cycle
 * between folders or files (type-only imports included, which the lint rule's
 * resolver also follows), every folder of lib/ and constructs/ in a layer, the
 * transitional exceptions still needed, and docs/architecture.md in step.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

interface Layering {
  readonly LAYERS: ReadonlyArray<{ readonly name: string; readonly paths: readonly string[] }>;
  readonly TRANSITIONAL: ReadonlyArray<{ readonly from: string; readonly to: string; readonly why: string }>;
  readonly TRANSITIONAL_CYCLES: ReadonlyArray<readonly string[]>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the lint configuration's own CommonJS data
const { LAYERS, TRANSITIONAL, TRANSITIONAL_CYCLES } = require('../eslint.layers.cjs') as Layering;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(path.join(ROOT, dir))) return [];
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The repository file a relative import names, or undefined for packages and files outside the sources. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.join(path.posix.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile());
}

/** file → the repository files it imports (values and types alike). */
function importGraph(): Map<string, Set<string>> {
  const files = ['lib', 'constructs', 'bin', 'scripts'].flatMap(sourceFiles);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    graph.set(file, new Set(importedFiles.flatMap((i) => resolveImport(file, i.fileName) ?? [])));
  }
  return graph;
}

/** Strongly connected components of more than one node (Tarjan), each sorted. */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The folder a file counts in: `lib/<folder>`, `constructs/<folder>`, `scripts/<folder>`, or `bin`/`scripts` itself. */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0]!;
}

const graph = importGraph();
const isTransitional = (from: string, to: string) => TRANSITIONAL.some((t) => t.from === from && t.to === to);

test('no cycle between files, type-only imports included, besides the transitional ones', () => {
  expect(cycles(graph)).toEqual(TRANSITIONAL_CYCLES.map((c) => [...c].sort()));
});

test('no cycle between folders, type-only imports included, once the transitional imports are gone', () => {
  const folders = new Map<string, Set<string>>();
  for (const [file, imports] of graph) {
    const from = folderOf(file);
    const targets = folders.get(from) ?? new Set<string>();
    folders.set(from, targets);
    for (const imported of imports) if (folderOf(imported) !== from && !isTransitional(file, imported)) targets.add(folderOf(imported));
  }
  expect(cycles(folders)).toEqual([]);
});

test('each transitional import against the layers is still there (delete the entry with the import)', () => {
  const gone = TRANSITIONAL.filter((t) => !graph.get(t.from)?.has(t.to)).map((t) => `${t.from} → ${t.to}`);
  expect(gone).toEqual([]);
});

test('every folder of lib/ and constructs/ belongs to a layer, and to one only', () => {
  const paths = LAYERS.flatMap((l) => l.paths);
  expect(new Set(paths).size).toBe(paths.length);
  const folders = ['lib', 'constructs'].flatMap((dir) => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory()).map((e) => `${dir}/${e.name}`));
  const layerOf = (folder: string) => paths.filter((p) => folder === p || folder.startsWith(`${p}/`));
  expect(folders.filter((f) => layerOf(f).length !== 1)).toEqual([]);
});

test('docs/architecture.md lists the layers of the lint rule, in its order, with their folders', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| (\d+) \| ([^|]+?) \| ([^|]+?) \|/gm)].map((m) => ({
    name: m[2]!.trim(),
    paths: [...m[3]!.matchAll(/`([^`]+)`/g)].map((p) => p[1]!.replace(/\/$/, '')),
  }));
  expect(rows).toEqual(LAYERS.map((l) => ({ name: l.name, paths: [...l.paths] })));
});
