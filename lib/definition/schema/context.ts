/**
 * `context.yml`: shared enterprise context. Its defaults are inherited by every
 * tenant and agent unless they set the field themselves.
 */
import { z } from 'zod';
import { agentDefaults, egressEndpoint, resourceLimits, securityPolicies } from './agent';
import { k8sName } from './primitives';
import { FRAMEWORK_IDS } from './governance';

export const contextFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    defaults: z.strictObject({
      tenant: z.strictObject({
        resource_limits: resourceLimits,
        security_policies: securityPolicies,
        compliance_requirements: z.array(z.string()).default([]),
      }),
      agent: agentDefaults.required({ resources: true, replicas: true, port: true, liveness_probe: true, readiness_probe: true }).extend({
        egress: z.array(k8sName).default([]),
      }),
    }),
    endpoints: z.record(k8sName, egressEndpoint).default({}).meta({ description: 'Named egress destinations agents may declare.' }),
    optimization: z.strictObject({
      token_caching: z.enum(['off', 'conservative', 'aggressive']).default('conservative'),
      model_selection: z.enum(['fixed', 'cost-aware', 'latency-aware']).default('cost-aware'),
      request_batching: z.enum(['enabled', 'disabled']).default('enabled'),
      response_streaming: z.enum(['disabled', 'enabled', 'early_termination']).default('enabled'),
    }).prefault({}),
  })
  .meta({ title: 'OAAS context.yml', description: 'Shared defaults for tenants and agents, and named egress endpoints.' });

export type ContextFile = z.output<typeof contextFileSchema>;
export { FRAMEWORK_IDS };
