/**
 * Agent and tenant-level settings shared by `context.yml` (as defaults) and the
 * tenant files. Every field of the defaults is optional; the loader merges
 * context defaults, then the tenant, then the agent.
 */
import { z } from 'zod';
import { cidr, cpuQuantity, duration, k8sName, money, msg, pinnedImage, rate, size } from './primitives';

export const resourceLimits = z.strictObject({
  max_agents: z.number().int().min(1).max(10000),
  max_concurrent_operations: z.number().int().min(1),
  storage_quota: size(),
  compute_quota: rate().refine((r) => r.unit === 'cpu_hours', {
    error: msg('a compute quota in CPU hours, like "1000 CPU hours/month"', 'Count CPU hours ("CPU hours") per period.'),
  }),
});

export const securityPolicies = z.strictObject({
  encryption_required: z.boolean(),
  mfa_required: z.boolean(),
  audit_logging: z.enum(['basic', 'standard', 'comprehensive']),
  data_retention: duration(),
});

export const agentResources = z.strictObject({
  cpu: cpuQuantity.meta({ description: 'CPU request per replica.' }),
  memory: size().meta({ description: 'Memory request per replica; the limit is the same.' }),
  cpu_limit: cpuQuantity.optional().meta({ description: 'CPU limit per replica. Default: twice the request.' }),
});

export const replicas = z
  .strictObject({ min: z.number().int().min(1), max: z.number().int().min(1) })
  .refine((r) => r.max >= r.min, { error: msg('max replicas at least min replicas', 'Raise max or lower min.') });

export const probe = z.strictObject({
  path: z.string().regex(/^\//, { error: msg('an HTTP path starting with "/"', 'Write it like "/healthz".') }),
  initial_delay: duration().prefault('5s'),
  period: duration().prefault('10s'),
});

/** Named egress destinations: model APIs, the orchestrator, observability. */
export const egressEndpoint = z.union([
  z.strictObject({
    cidrs: z.array(cidr).min(1).meta({ description: 'IPv4 CIDR blocks (NetworkPolicy ipBlock).' }),
    ports: z.array(z.number().int().min(1).max(65535)).min(1),
  }, { error: msg('a mapping with cidrs and ports', 'Give cidrs and ports for an address range, or namespace and ports for a service in the cluster.') }),
  z.strictObject({
    namespace: k8sName.meta({ description: 'A namespace in the cluster.' }),
    pod_labels: z.record(z.string(), z.string()).default({}),
    ports: z.array(z.number().int().min(1).max(65535)).min(1),
  }, { error: msg('a mapping with namespace and ports', 'Give cidrs and ports for an address range, or namespace and ports for a service in the cluster.') }),
]);

/** Agent settings that can be defaulted in context.yml or a tenant. */
export const agentDefaults = z.strictObject({
  resources: agentResources.optional(),
  replicas: replicas.optional(),
  port: z.number().int().min(1024).max(65535).optional().meta({ description: 'Port the agent listens on; non-root, so 1024 or above.' }),
  liveness_probe: probe.optional(),
  readiness_probe: probe.optional(),
  egress: z.array(k8sName).optional().meta({ description: 'Names of egress endpoints from context.yml.' }),
  model: z.string().optional(),
});

export const agent = z.strictObject({
  name: k8sName,
  description: z.string().optional(),
  image: pinnedImage,
  capabilities: z.array(z.string()).default([]),
  ...agentDefaults.shape,
  listens: z.boolean().default(true).meta({ description: 'Whether the agent serves traffic (gets a Service). Default: true.' }),
});

export const tenantSettings = z.strictObject({
  resource_limits: resourceLimits.partial().optional(),
  security_policies: securityPolicies.partial().optional(),
  compliance_requirements: z.array(z.string()).optional(),
  daily_budget: money().optional(),
});

export type AgentDefinition = z.output<typeof agent>;
