/**
 * Agent and tenant-level settings shared by `context.yml` (as defaults) and the
 * tenant files. Every field of the defaults is optional; the loader merges
 * context defaults, then the tenant, then the agent.
 */
import { z } from 'zod';
import { hasUnsafeCharacters } from '../diagnostics/printable';
import {
  cidr, count, cpuQuantity, duration, INT32_MAX, k8sName, labels, money, msg, pinnedImage, plainText, rate, serviceName, size, text, TEXT_LIMITS,
} from './primitives';

export const resourceLimits = z.strictObject({
  max_agents: count(1, 10_000),
  max_concurrent_operations: count(1),
  storage_quota: size(),
  compute_quota: rate().refine((r) => r.unit === 'cpu_hours', {
    error: msg('a compute quota in CPU hours, like "1000 CPU hours/month"', 'Count CPU hours ("CPU hours") per period.'),
  }),
});

export const securityPolicies = z.strictObject({
  encryption_required: z.boolean(),
  mfa_required: z.boolean(),
  audit_logging: z.enum(['basic', 'standard', 'comprehensive']),
  data_retention: duration({ min: 86_400 }),
});

export const agentResources = z.strictObject({
  cpu: cpuQuantity.meta({ description: 'CPU request per replica.' }),
  memory: size().meta({ description: 'Memory request per replica; the limit is the same.' }),
  cpu_limit: cpuQuantity.optional().meta({ description: 'CPU limit per replica. Default: twice the request.' }),
});

export const replicas = z
  .strictObject({ min: count(1, 10_000), max: count(1, 10_000) })
  .refine((r) => r.max >= r.min, { error: msg('max replicas at least min replicas', 'Raise max or lower min.') });

export const probe = z.strictObject({
  path: text('an HTTP path like "/healthz"', '/healthz', 1024).regex(/^\/[^\s]*$/, { error: msg('an HTTP path starting with "/", without spaces', 'Write it like "/healthz".') })
    .refine((value) => !hasUnsafeCharacters(value), { error: msg('an HTTP path without control characters', 'Write it like "/healthz".') }),
  // Kubernetes holds probe seconds in 32-bit integers; a period of 0 is refused by the API server.
  initial_delay: duration({ min: 0, max: INT32_MAX }).prefault('5s'),
  period: duration({ min: 1, max: INT32_MAX }).prefault('10s'),
});

/** Named egress destinations: model APIs, the orchestrator, observability. */
export const egressEndpoint = z.union([
  z.strictObject({
    cidrs: z.array(cidr).min(1).max(100).meta({ description: 'IPv4 CIDR blocks (NetworkPolicy ipBlock).' }),
    ports: z.array(count(1, 65535)).min(1).max(100),
  }, { error: msg('a mapping with cidrs and ports', 'Give cidrs and ports for an address range, or namespace and ports for a service in the cluster.') }),
  z.strictObject({
    namespace: k8sName.meta({ description: 'A namespace in the cluster.' }),
    pod_labels: labels().prefault({}),
    ports: z.array(count(1, 65535)).min(1).max(100),
  }, { error: msg('a mapping with namespace and ports', 'Give cidrs and ports for an address range, or namespace and ports for a service in the cluster.') }),
]);

/** Agent settings that can be defaulted in context.yml or a tenant. */
export const agentDefaults = z.strictObject({
  resources: agentResources.optional(),
  replicas: replicas.optional(),
  port: count(1024, 65535).optional().meta({ description: 'Port the agent listens on; non-root, so 1024 or above.' }),
  liveness_probe: probe.optional(),
  readiness_probe: probe.optional(),
  egress: z.array(k8sName).max(100).optional().meta({ description: 'Names of egress endpoints from context.yml.' }),
  model: plainText(TEXT_LIMITS.short).optional(),
});

export const agent = z.strictObject({
  name: serviceName.meta({ description: 'The agent\'s Deployment, Service and service account name; starts with a letter (a Service name).' }),
  description: plainText(TEXT_LIMITS.paragraph, { multiline: true }).optional(),
  image: pinnedImage,
  capabilities: z.array(plainText(TEXT_LIMITS.short)).max(100).default([]),
  ...agentDefaults.shape,
  listens: z.boolean().default(true).meta({ description: 'Whether the agent serves traffic (gets a Service). Default: true.' }),
});

export const tenantSettings = z.strictObject({
  resource_limits: resourceLimits.partial().optional(),
  security_policies: securityPolicies.partial().optional(),
  compliance_requirements: z.array(plainText(TEXT_LIMITS.short)).max(20).optional(),
  daily_budget: money({ positive: true }).optional(),
});

export type AgentDefinition = z.output<typeof agent>;
