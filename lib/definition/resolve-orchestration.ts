/**
 * `orchestration-rules.yml` → `OrchestrationModel`: every agent reference
 * (`tenant/agent`, or a bare name only one tenant uses) resolved to its agent,
 * fan-out targets resolved to projects, patterns sorted by name. The checks
 * have reported missing and ambiguous references before this runs; a model
 * built in code that still has one fails here with the reference named.
 */
import type {
  AgentRefModel, FanoutTargetModel, OrchestrationModel, OrchestrationPatternModel, ProjectRefModel, TenantModel,
} from './model';
import type { OrchestrationFile } from './schema/orchestration';

type Patterns = OrchestrationFile['orchestration_patterns'];

/** Resolves agent references against the tenants' agents. */
function agentResolver(tenants: readonly TenantModel[]): (ref: string, pattern: string) => AgentRefModel {
  const agents = tenants.flatMap((t) => t.agents);
  return (ref, pattern) => {
    const [tenant, name] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
    const found = agents.filter((a) => a.name === name && (tenant === undefined || a.tenant === tenant));
    if (found.length !== 1) {
      throw new Error(`orchestration pattern "${pattern}": expected "${ref}" to name ${found.length === 0 ? 'an agent of a tenant' : 'one agent; qualify it as tenant/agent'}, `
        + `got ${found.length === 0 ? 'none' : found.map((a) => `${a.tenant}/${a.name}`).join(', ')}`);
    }
    const agent = found[0]!;
    return { ref: `${agent.tenant}/${agent.name}`, tenant: agent.tenant, agent: agent.name, project: agent.project, namespace: agent.namespace };
  };
}

function fanoutTarget(target: Patterns['fanout'][number]['target']): FanoutTargetModel {
  return typeof target === 'string' ? { kind: target } : { kind: 'tenants', tenants: [...target.tenants] };
}

/** The projects a fan-out target reaches, by tenant then project. */
function targetProjects(target: FanoutTargetModel, tenants: readonly TenantModel[]): ProjectRefModel[] {
  return tenants
    .filter((t) => target.kind !== 'tenants' || target.tenants.includes(t.id))
    .flatMap((t) => t.projects.filter((p) => target.kind !== 'all_production_projects' || p.production))
    .map((p) => ({ tenant: p.tenant, project: p.name, namespace: p.namespace }))
    .sort((a, b) => (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : a.project < b.project ? -1 : a.project > b.project ? 1 : 0));
}

const description = (p: { description?: string | undefined }) => (p.description !== undefined ? { description: p.description } : {});

export function resolveOrchestration(file: OrchestrationFile, tenants: readonly TenantModel[]): OrchestrationModel {
  const agent = agentResolver(tenants);
  const p = file.orchestration_patterns;
  const patterns: OrchestrationPatternModel[] = [
    ...p.sequential.map((s): OrchestrationPatternModel => ({
      kind: 'sequential', name: s.name, ...description(s),
      steps: s.steps.map((step) => ({ name: step.name, agent: agent(step.agent, s.name), timeoutSeconds: step.timeout })),
    })),
    ...p.parallel.map((s): OrchestrationPatternModel => ({
      kind: 'parallel', name: s.name, ...description(s),
      groups: s.groups.map((g) => ({ name: g.name, agents: g.agents.map((a) => agent(a, s.name)) })),
      maxParallel: s.max_parallel,
      timeoutSeconds: s.timeout,
    })),
    ...p.fanout.map((s): OrchestrationPatternModel => {
      const target = fanoutTarget(s.target);
      return {
        kind: 'fanout', name: s.name, ...description(s),
        target,
        projects: targetProjects(target, tenants),
        agent: agent(s.agent, s.name),
        collectResults: s.collect_results,
        ...(s.aggregation !== undefined ? { aggregation: s.aggregation } : {}),
        maxParallel: s.max_parallel,
      };
    }),
    ...p.pipeline.map((s): OrchestrationPatternModel => ({
      kind: 'pipeline', name: s.name, ...description(s),
      stages: s.stages.map((st) => ({ name: st.name, agent: agent(st.agent, s.name), timeoutSeconds: st.timeout, checkpoint: st.checkpoint })),
    })),
    ...p.mapreduce.map((s): OrchestrationPatternModel => ({
      kind: 'mapreduce', name: s.name, ...description(s),
      mapper: agent(s.mapper, s.name),
      reducer: agent(s.reducer, s.name),
      partitions: s.partitions,
      maxParallel: s.max_parallel,
      timeoutSeconds: s.timeout,
    })),
    ...p.circuit_breaker.map((s): OrchestrationPatternModel => ({
      kind: 'circuit_breaker', name: s.name, ...description(s),
      agent: agent(s.agent, s.name),
      failureThreshold: s.failure_threshold,
      resetTimeoutSeconds: s.reset_timeout,
      halfOpenMaxCalls: s.half_open_max_calls,
      ...(s.fallback !== undefined ? { fallback: agent(s.fallback, s.name) } : {}),
    })),
  ];
  return { patterns: patterns.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}
