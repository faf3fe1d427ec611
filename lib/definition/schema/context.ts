/**
 * `context.yml`: shared enterprise context. Its defaults are inherited by every
 * tenant and agent unless they set the field themselves.
 */
import { z } from 'zod';
import { agentDefaults, egressEndpoint, resourceLimits, securityPolicies } from './agent';
import { k8sName, mapping, plainText, TEXT_LIMITS } from './primitives';
import { FRAMEWORK_IDS } from './governance';

export const contextFileSchema = z
  .strictObject({
    $schema: plainText(TEXT_LIMITS.reference).optional(),
    defaults: z.strictObject({
      tenant: z.strictObject({
        resource_limits: resourceLimits,
        security_policies: securityPolicies,
        compliance_requirements: z.array(plainText(TEXT_LIMITS.short)).max(20).default([]),
      }),
      agent: agentDefaults.required({ resources: true, replicas: true, port: true, liveness_probe: true, readiness_probe: true }).extend({
        egress: z.array(k8sName).max(100).default([]),
      }),
    }),
    endpoints: mapping(k8sName, egressEndpoint).prefault({}).meta({ description: 'Named egress destinations agents may declare.' }),
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
