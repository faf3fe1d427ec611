/**
 * From a change back to the definition: which file and key caused it.
 *
 * When the base's definition is known (a git base), the keys that differ
 * between the two definitions are found first, list items matched by their
 * name so an added agent is one key, not a shifted list. A change is then
 * traced to the changed keys of the files it depends on: a tenant's change to
 * its tenant and project files (the agent's own keys first), then to the
 * shared files (`context.yml` defaults, `governance.yml` roles, ...); a
 * platform layer's change to the keys that layer is built from. When no key
 * changed, the code did. When the base's definition is unknown (a saved
 * output), a change is traced to the key that declares what it belongs to.
 */
import { formatPath, locate, parseSource } from '../definition/source';
import type { SourceFile, YamlPath } from '../definition/source';
import { arr } from './private/json';
import type { ChangeOwner, DefinitionRef, DefinitionTrace, PlatformLayer } from './types';

/** Files every tenant and layer shares. */
const SHARED_FILES = ['workspace.yml', 'governance.yml', 'orchestration-rules.yml', 'context.yml'] as const;

/** The keys each platform layer is built from; `E` stands for the environment's index. */
const LAYER_KEYS: Readonly<Record<PlatformLayer, ReadonlyArray<{ readonly file: string; readonly path: readonly string[] }>>> = {
  guardrails: [{ file: 'workspace.yml', path: ['environments', 'E', 'data_residency'] }, { file: 'workspace.yml', path: ['environments', 'E', 'organizational_unit'] }, { file: 'workspace.yml', path: ['organization'] }],
  budgets: [{ file: 'governance.yml', path: ['budgets'] }, { file: 'workspace.yml', path: ['environments', 'E', 'budgets'] }],
  security: [{ file: 'workspace.yml', path: ['security'] }, { file: 'governance.yml', path: ['compliance'] }],
  network: [{ file: 'workspace.yml', path: ['environments', 'E', 'regions'] }, { file: 'workspace.yml', path: ['environments', 'E', 'high_availability'] }],
  cluster: [{ file: 'workspace.yml', path: ['environments', 'E', 'cluster'] }, { file: 'governance.yml', path: ['roles'] }, { file: 'workspace.yml', path: ['security'] }],
  audit: [{ file: 'governance.yml', path: ['audit'] }, { file: 'workspace.yml', path: ['environments', 'E', 'disaster_recovery'] }, { file: 'workspace.yml', path: ['environments', 'E', 'regions'] }],
  gitops: [{ file: 'workspace.yml', path: ['environments', 'E', 'cluster'] }],
  other: [{ file: 'workspace.yml', path: [] }],
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

interface ParsedFile {
  readonly source: SourceFile;
  readonly data: unknown;
}

function parseAll(texts: Readonly<Record<string, string>>): Map<string, ParsedFile> {
  const out = new Map<string, ParsedFile>();
  for (const file of Object.keys(texts).sort()) {
    const source = parseSource(file, texts[file]!);
    out.set(file, { source, data: source.document.errors.length > 0 ? undefined : source.document.toJS() as unknown });
  }
  return out;
}

/** The key list items are matched by: agents and projects by `name`, regions by `region`, stages by `stage`. */
function itemKey(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  for (const k of ['name', 'region', 'stage', 'tenant_id']) {
    const v = item[k];
    if (typeof v === 'string') return `${k}=${v}`;
  }
  return undefined;
}

interface KeyChange {
  readonly path: YamlPath;
  /** Where to point: the path in the new version, or in the old one for a removed key. */
  readonly side: 'head' | 'base';
}

/** Keys that differ between two parsed files, as paths. */
function changedKeys(before: unknown, after: unknown, path: Array<string | number> = []): KeyChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (after === undefined) return [{ path, side: 'base' }];
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().flatMap((k) => changedKeys(before[k], after[k], [...path, k]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const [old, now]: [unknown[], unknown[]] = [before, after];
    const keyed = [...old, ...now].every((i) => itemKey(i) !== undefined);
    if (keyed) {
      const oldIndex = new Map(before.map((item, i) => [itemKey(item)!, i]));
      const newIndex = new Map(after.map((item, i) => [itemKey(item)!, i]));
      const out: KeyChange[] = [];
      after.forEach((item, i) => {
        const j = oldIndex.get(itemKey(item)!);
        out.push(...(j === undefined ? [{ path: [...path, i], side: 'head' as const }] : changedKeys(before[j], item, [...path, i])));
      });
      before.forEach((item, j) => {
        if (!newIndex.has(itemKey(item)!)) out.push({ path: [...path, j], side: 'base' });
      });
      return out;
    }
    if (before.length === after.length) return before.flatMap((item, i) => changedKeys(item, after[i], [...path, i]));
  }
  return [{ path, side: 'head' }];
}

function refAt(file: ParsedFile, path: YamlPath, removed = false): DefinitionRef & { removed?: true } {
  const { line, column } = locate(file.source, path, { key: path.length > 0 });
  return { file: file.source.file, path: formatPath(path), line, column, ...(removed ? { removed: true as const } : {}) };
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const part of path) {
    if (typeof part === 'number') node = Array.isArray(node) ? node[part] as unknown : undefined;
    else node = isObject(node) ? node[part] : undefined;
  }
  return node;
}

const startsWith = (path: YamlPath, prefix: YamlPath) => prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/** A definition change with its raw path, to filter by prefix. */
interface ChangedRef {
  readonly file: string;
  readonly path: YamlPath;
  readonly ref: DefinitionRef;
  /** The key's values as text (the new ones; the old ones for a removed key), to match against a change's values. */
  readonly values: readonly string[];
}

/** Every scalar of a value, as text. */
export function leafTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) leafTexts(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) leafTexts(v, out);
  else if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  return out;
}

/**
 * Whether a definition value shows in a change's values: equal to one, or
 * (when long enough not to match by chance) inside one, as a prefix inside
 * an ARN. Booleans and one-character values say nothing.
 */
function valueShows(value: string, evidence: readonly string[]): boolean {
  if (value.length < 2 || value === 'true' || value === 'false') return false;
  return evidence.some((e) => e === value || (value.length >= 6 && e.includes(value)));
}

/** Where the keys of one or two versions of a workspace definition are, and which of them changed. */
export class DefinitionIndex {
  private readonly head: Map<string, ParsedFile>;
  private readonly base?: Map<string, ParsedFile>;
  private readonly changes: ChangedRef[] = [];

  /**
   * @param headTexts the new version's files, by path relative to the workspace
   * @param baseTexts the base's files; undefined when the base's definition is unknown
   */
  constructor(headTexts: Readonly<Record<string, string>>, baseTexts?: Readonly<Record<string, string>>) {
    this.head = parseAll(headTexts);
    if (baseTexts) {
      this.base = parseAll(baseTexts);
      for (const file of [...new Set([...this.head.keys(), ...this.base.keys()])].sort()) {
        const now = this.head.get(file);
        const old = this.base.get(file);
        for (const change of changedKeys(old?.data, now?.data)) {
          const parsed = change.side === 'head' ? now : old;
          if (!parsed) continue;
          this.changes.push({ file, path: change.path, ref: refAt(parsed, change.path, change.side === 'base'), values: leafTexts(valueAt(parsed.data, change.path)) });
        }
      }
    }
  }

  /** True when the base's definition is known, so changed keys can be told. */
  get knowsBase(): boolean {
    return this.base !== undefined;
  }

  /** Every changed key, in file and position order. */
  get changedRefs(): DefinitionRef[] {
    return this.changes.map((c) => c.ref);
  }

  private *files(): Generator<[string, ParsedFile, 'head' | 'base']> {
    for (const [file, parsed] of this.head) yield [file, parsed, 'head'];
    for (const [file, parsed] of this.base ?? []) if (!this.head.has(file)) yield [file, parsed, 'base'];
  }

  /** The files of a tenant: its tenant file and its project files. */
  tenantFiles(tenant: string): string[] {
    const out: string[] = [];
    for (const [file, parsed] of this.files()) {
      if (file.startsWith('tenants/') && isObject(parsed.data) && parsed.data.tenant_id === tenant) out.push(file);
    }
    return out.sort();
  }

  /** Where a tenant is declared (`tenant_id` of its tenant file). */
  tenantRef(tenant: string): DefinitionRef | undefined {
    for (const [file, parsed, side] of this.files()) {
      if (file.startsWith('tenants/') && isObject(parsed.data) && parsed.data.tenant_id === tenant && parsed.data.project === undefined) {
        return refAt(parsed, ['tenant_id'], side === 'base');
      }
    }
    return undefined;
  }

  /** Where an agent is declared, and its path, in its tenant or project file. */
  agentPath(tenant: string, agent: string): { file: string; path: YamlPath; ref: DefinitionRef } | undefined {
    for (const [file, parsed, side] of this.files()) {
      if (!file.startsWith('tenants/') || !isObject(parsed.data) || parsed.data.tenant_id !== tenant) continue;
      const projects: Array<{ project: unknown; path: YamlPath }> = parsed.data.project !== undefined
        ? [{ project: parsed.data.project, path: ['project'] }]
        : arr(parsed.data.projects).map((project, i) => ({ project, path: ['projects', i] }));
      for (const { project, path } of projects) {
        const agents = isObject(project) && Array.isArray(project.agents) ? project.agents : [];
        const index = agents.findIndex((a) => isObject(a) && a.name === agent);
        if (index >= 0) {
          const agentPath = [...path, 'agents', index];
          return { file, path: agentPath, ref: refAt(parsed, agentPath, side === 'base') };
        }
      }
    }
    return undefined;
  }

  /** Index of an environment in workspace.yml's list. */
  private environmentIndex(environment: string | undefined): number | undefined {
    const data = this.head.get('workspace.yml')?.data;
    const list = isObject(data) && Array.isArray(data.environments) ? data.environments : [];
    const index = list.findIndex((e) => isObject(e) && e.name === environment);
    return index >= 0 ? index : undefined;
  }

  /** The keys a platform layer is built from, in the environment's entry where the key is per environment. */
  layerKeys(layer: PlatformLayer, environment?: string): Array<{ file: string; path: YamlPath }> {
    const index = this.environmentIndex(environment);
    return LAYER_KEYS[layer].flatMap(({ file, path }) => {
      if (path.includes('E') && index === undefined) return [{ file, path: path.slice(0, path.indexOf('E')) }];
      return [{ file, path: path.map((p) => (p === 'E' ? index! : p)) }];
    });
  }

  /** Located refs of keys that exist in the new version. */
  private located(keys: ReadonlyArray<{ file: string; path: YamlPath }>): DefinitionRef[] {
    const out: DefinitionRef[] = [];
    for (const { file, path } of keys) {
      const parsed = this.head.get(file);
      if (parsed && valueAt(parsed.data, path) !== undefined) out.push(refAt(parsed, path));
    }
    return dedupe(out);
  }

  private changedUnder(keys: ReadonlyArray<{ file: string; path: YamlPath }>): ChangedRef[] {
    return this.changes.filter((c) => keys.some((k) => k.file === c.file && (startsWith(c.path, k.path) || startsWith(k.path, c.path))));
  }

  private changedIn(files: readonly string[], keep: (c: ChangedRef) => boolean = () => true): ChangedRef[] {
    return this.changes.filter((c) => files.includes(c.file) && keep(c));
  }

  /** Whether `path` of a tenant or project file lies inside one of its agents. */
  private isAgentPath(file: string, path: YamlPath): boolean {
    if (!file.startsWith('tenants/')) return false;
    const agentsAt = path[0] === 'project' ? 1 : path[0] === 'projects' ? 2 : -1;
    return agentsAt > 0 && path[agentsAt] === 'agents' && path.length > agentsAt + 1;
  }

  /**
   * What in the definition is behind a change of `owner` in `environment`.
   * The candidates, nearest first: for an agent its own keys, then its
   * tenant's keys that are no other agent's, then the shared files; for a
   * tenant its files, then the shared files; for a platform layer the keys it
   * is built from, then the shared files. Among all of them, keys whose values
   * show in the change's own values (`evidence`: the old and new values of its
   * properties) are the cause; otherwise the nearest candidates that changed.
   * `codeFiles`: code files that differ from the base, when known.
   */
  trace(owner: ChangeOwner, environment: string | undefined, codeFiles: readonly string[] = [], evidence: readonly string[] = []): DefinitionTrace {
    let tiers: ChangedRef[][] = [];
    let owned: DefinitionRef[] = [];
    if (owner.kind === 'tenant') {
      const agent = owner.agent !== undefined ? this.agentPath(owner.tenant, owner.agent) : undefined;
      const tenantRef = this.tenantRef(owner.tenant);
      owned = agent ? [agent.ref] : tenantRef ? [tenantRef] : [];
      const files = this.tenantFiles(owner.tenant);
      tiers = agent
        ? [this.changedUnder([{ file: agent.file, path: agent.path }]), this.changedIn(files, (c) => !this.isAgentPath(c.file, c.path)), this.changedIn(SHARED_FILES)]
        : [this.changedIn(files), this.changedIn(SHARED_FILES)];
    } else {
      const keys = this.layerKeys(owner.layer, environment);
      owned = this.located(keys);
      tiers = [this.changedUnder(keys), this.changedIn(SHARED_FILES)];
    }
    const shown = tiers.flat().filter((c) => c.values.some((v) => valueShows(v, evidence)));
    const changed = shown.length > 0 ? shown : tiers.find((t) => t.length > 0) ?? [];
    if (changed.length > 0) return { basis: 'changed', refs: dedupe(changed.map((c) => c.ref)) };
    if (this.knowsBase && codeFiles.length > 0) return { basis: 'code', refs: owned, codeFiles: [...codeFiles] };
    return { basis: 'owner', refs: owned };
  }
}

function dedupe(refs: readonly DefinitionRef[]): DefinitionRef[] {
  const seen = new Set<string>();
  const out: DefinitionRef[] = [];
  for (const r of refs) {
    const key = `${r.file}\0${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
