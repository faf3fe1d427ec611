/**
 * What every cross-file check shares: how it reports a problem, how it finds
 * a name used twice, and the agents of the workspace as the checks see them.
 */
import type { SourceFile, YamlPath } from '../source';
import { formatPath } from '../source';
import { CODES } from '../diagnostics';

/** Options of a report: its severity (default error) and whether it points at the key rather than the value. */
export interface ReportOptions {
  readonly severity?: 'error' | 'warning';
  readonly pointAtKey?: boolean;
}

/** Reports one problem at `path` of `source`. */
export type Report = (source: SourceFile, path: YamlPath, code: string, message: string, hint: string, options?: ReportOptions) => void;

/** A "did you mean" hint for `word` among `candidates` (see diagnostics/suggestions.ts); `noun` names what they are. */
export type Suggest = (word: string, candidates: readonly string[], noun: string) => string;

/** What every check is given besides the files. */
export interface CheckContext {
  readonly report: Report;
  readonly suggest: Suggest;
}

/** An agent as the checks see it: where it is written and what it belongs to. */
export interface AgentSite {
  readonly tenant: string;
  readonly project: string;
  readonly name: string;
  readonly source: SourceFile;
  readonly path: YamlPath;
  readonly egress?: readonly string[];
  readonly maxReplicas?: number;
  readonly cpu?: number;
}

/** Appends to a list in a map (linear, unlike spreading the list each time). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Agents grouped by tenant, built once so per-tenant checks stay linear in the number of agents. */
export function groupByTenant(agents: readonly AgentSite[]): Map<string, AgentSite[]> {
  const map = new Map<string, AgentSite[]>();
  for (const agent of agents) pushTo(map, agent.tenant, agent);
  return map;
}

/** Reports every name that appears twice in `items`, at its second occurrence. */
export function unique<T>(items: readonly T[], name: (item: T) => string, at: (item: T, index: number) => [SourceFile, YamlPath], what: string, report: Report): void {
  const seen = new Map<string, [SourceFile, YamlPath]>();
  items.forEach((item, index) => {
    const key = name(item);
    const first = seen.get(key);
    const [source, path] = at(item, index);
    if (first) {
      const [firstSource, firstPath] = first;
      report(source, path, CODES.duplicateName, `expected a unique ${what} name, got "${key}" again`,
        `"${key}" is already used at ${firstSource.file} ${formatPath(firstPath)}; rename or remove one of them.`);
    } else {
      seen.set(key, [source, path]);
    }
  });
}
