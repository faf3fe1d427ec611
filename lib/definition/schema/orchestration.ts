/**
 * `orchestration-rules.yml`: the six orchestration patterns of the
 * enterprise-workspace seed. Where the seed writes prose ("1. Static analysis
 * (30s timeout)"), each step is a structured `{ name, agent, timeout }`.
 * Agents are referenced as `tenant/agent`, or by bare name when only one
 * tenant has an agent of that name.
 */
import { z } from 'zod';
import { count, duration, identifier, k8sName, msg, plainText, text, TEXT_LIMITS } from './primitives';
import { PATTERN_KINDS } from '../model/orchestration';
import type { PatternKind } from '../model/orchestration';

/** A reference to an agent: `tenant/agent` or a bare agent name. */
export const agentRef = text('an agent reference like "platform/security-auditor"', 'platform/security-auditor', 127)
  .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: msg('an agent reference like "platform/security-auditor"', 'Write tenant/agent, or the agent name alone when it is unique.'),
  })
  .meta({ description: 'An agent: "tenant/agent", or the bare agent name when unique.' });

const description = plainText(TEXT_LIMITS.paragraph, { multiline: true }).optional().meta({ description: 'What the pattern is for, as in the seed.' });

/** The name of a step, group or stage, as people read it. */
const label = plainText(TEXT_LIMITS.short).min(1);

const step = z.strictObject({ name: label, agent: agentRef, timeout: duration() });

const sequential = z.strictObject({ name: identifier, description, steps: z.array(step).min(1).max(100) });

const parallel = z.strictObject({
  name: identifier,
  description,
  groups: z.array(z.strictObject({ name: label, agents: z.array(agentRef).min(1).max(1000) })).min(1).max(100),
  max_parallel: count(1),
  timeout: duration().prefault('10 minutes'),
});

/** Which projects a fan-out reaches; structured form of the seed's "all_production_projects". */
const fanoutTarget = z.union([
  z.enum(['all_projects', 'all_production_projects']),
  z.strictObject({ tenants: z.array(k8sName).min(1).max(10_000) }, { error: msg('a mapping with tenants', 'Write all_projects, all_production_projects, or { tenants: [...] }.') }),
]);

const fanout = z.strictObject({
  name: identifier,
  description,
  target: fanoutTarget,
  agent: agentRef,
  collect_results: z.boolean().default(true),
  aggregation: plainText(TEXT_LIMITS.short).min(1).optional().meta({ description: 'Where results are aggregated (a dashboard name).' }),
  max_parallel: count(1).default(20),
});

const pipeline = z.strictObject({
  name: identifier,
  description,
  stages: z.array(z.strictObject({ name: label, agent: agentRef, timeout: duration(), checkpoint: z.boolean().default(false) })).min(1).max(100),
});

const mapreduce = z.strictObject({
  name: identifier,
  description,
  mapper: agentRef,
  reducer: agentRef,
  partitions: count(1, 10_000),
  max_parallel: count(1),
  timeout: duration(),
});

const circuitBreaker = z.strictObject({
  name: identifier,
  description,
  agent: agentRef,
  failure_threshold: count(1),
  reset_timeout: duration(),
  half_open_max_calls: count(1).default(1),
  fallback: agentRef.optional(),
});

export { PATTERN_KINDS };
export type { PatternKind };

export const orchestrationFileSchema = z
  .strictObject({
    $schema: plainText(TEXT_LIMITS.reference).optional(),
    orchestration_patterns: z.strictObject({
      sequential: z.array(sequential).default([]),
      parallel: z.array(parallel).default([]),
      fanout: z.array(fanout).default([]),
      pipeline: z.array(pipeline).default([]),
      mapreduce: z.array(mapreduce).default([]),
      circuit_breaker: z.array(circuitBreaker).default([]),
    }),
  })
  .meta({ title: 'OAAS orchestration-rules.yml', description: 'The six orchestration patterns.' });

export type OrchestrationFile = z.output<typeof orchestrationFileSchema>;
