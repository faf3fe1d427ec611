/**
 * The agents orchestration-rules.yml names: `tenant/agent`, or a bare name only
 * one tenant uses; unique pattern names; fan-out tenants that exist.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { OrchestrationFile } from '../schema/orchestration';
import type { YamlPath } from '../source';
import type { AgentSite, CheckContext } from './report';
import { pushTo, unique } from './report';

/** Resolves `tenant/agent` or a bare name; reports missing and ambiguous references. */
export function checkOrchestration(files: WorkspaceFiles, agents: readonly AgentSite[], { report, suggest }: CheckContext): void {
  const orchestration = files.orchestration;
  if (!orchestration) return;
  const { source, data } = orchestration;
  const qualified = new Set(agents.map((a) => `${a.tenant}/${a.name}`));
  const byName = new Map<string, string[]>();
  for (const a of agents) pushTo(byName, a.name, a.tenant);
  const ref = (value: string, path: YamlPath) => {
    if (value.includes('/')) {
      if (!qualified.has(value) && !files.incomplete) {
        report(source, path, CODES.danglingReference, `expected an agent declared under tenants/, got "${value}"`, suggest(value, [...qualified], 'agent'));
      }
      return;
    }
    const owners = byName.get(value);
    if (!owners) {
      if (!files.incomplete) report(source, path, CODES.danglingReference, `expected an agent declared under tenants/, got "${value}"`, suggest(value, [...byName.keys()], 'agent'));
    } else if (owners.length > 1) {
      report(source, path, CODES.ambiguousReference, `expected an agent name that only one tenant uses, got "${value}" (tenants ${owners.join(', ')})`,
        `Qualify it: "${owners[0]}/${value}".`);
    }
  };
  const patterns = data.orchestration_patterns;
  const all: Array<{ name: string; path: YamlPath }> = [];
  const kinds = Object.keys(patterns) as Array<keyof OrchestrationFile['orchestration_patterns']>;
  for (const kind of kinds) patterns[kind].forEach((p, i) => all.push({ name: p.name, path: ['orchestration_patterns', kind, i, 'name'] }));
  unique(all, (p) => p.name, (p) => [source, p.path], 'pattern', report);
  const base = (kind: string, i: number): YamlPath => ['orchestration_patterns', kind, i];
  patterns.sequential.forEach((p, i) => p.steps.forEach((s, j) => ref(s.agent, [...base('sequential', i), 'steps', j, 'agent'])));
  patterns.parallel.forEach((p, i) => p.groups.forEach((g, j) => g.agents.forEach((a, k) => ref(a, [...base('parallel', i), 'groups', j, 'agents', k]))));
  patterns.fanout.forEach((p, i) => {
    ref(p.agent, [...base('fanout', i), 'agent']);
    if (typeof p.target === 'object') {
      const tenants = files.tenants.map((t) => t.data.tenant_id);
      p.target.tenants.forEach((t, j) => {
        if (!tenants.includes(t) && !files.incomplete) report(source, [...base('fanout', i), 'target', 'tenants', j], CODES.danglingReference, `expected a tenant id, got "${t}"`, suggest(t, tenants, 'tenant'));
      });
    }
  });
  patterns.pipeline.forEach((p, i) => p.stages.forEach((s, j) => ref(s.agent, [...base('pipeline', i), 'stages', j, 'agent'])));
  patterns.mapreduce.forEach((p, i) => {
    ref(p.mapper, [...base('mapreduce', i), 'mapper']);
    ref(p.reducer, [...base('mapreduce', i), 'reducer']);
  });
  patterns.circuit_breaker.forEach((p, i) => {
    ref(p.agent, [...base('circuit_breaker', i), 'agent']);
    if (p.fallback) ref(p.fallback, [...base('circuit_breaker', i), 'fallback']);
  });
}
