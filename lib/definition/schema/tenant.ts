/**
 * A tenant file under `tenants/` (one per team, so 50 teams can each own a
 * file), or a project file that adds a project to a tenant declared elsewhere.
 * A file with a `project` key is a project file; any other is a tenant file.
 */
import { z } from 'zod';
import { agent, egressEndpoint, tenantSettings } from './agent';
import { dataClassification } from './workspace';
import { identifier, k8sName, mapping, msg, plainText, regionName, tagValue, text, TEXT_LIMITS } from './primitives';

/** A Kubernetes group name: what an RBAC subject and an EKS access entry take. */
export const kubernetesGroup = text('a Kubernetes group like "oaas:payments:auditors"', 'oaas:payments:auditors', 253)
  .regex(/^[A-Za-z0-9]([-A-Za-z0-9_.:@/]*[A-Za-z0-9])?$/, {
    error: msg('a Kubernetes group name (letters, digits and - _ . : @ /)', 'Write a group like "oaas:payments:auditors".'),
  });

export const project = z.strictObject({
  name: k8sName,
  description: plainText(TEXT_LIMITS.paragraph, { multiline: true }).optional(),
  production: z.boolean().default(true).meta({ description: 'Targeted by "all_production_projects" fan-outs. Default: true.' }),
  agents: z.array(agent).max(10_000).default([]),
});

export const tenantFileSchema = z
  .strictObject({
    $schema: plainText(TEXT_LIMITS.reference).optional(),
    tenant_id: k8sName,
    display_name: plainText().optional(),
    team: k8sName.meta({ description: 'Budget team (a key of governance budgets.per_team).' }),
    cost_center: tagValue.min(1).optional().meta({ description: 'Default: the organization cost center.' }),
    data_classification: dataClassification.optional(),
    environments: z.array(k8sName).max(100).optional().meta({ description: 'Environments the tenant runs in. Default: all.' }),
    regions: z.array(regionName).max(50).optional().meta({ description: 'Regions the tenant runs in (its data residency). Default: all of the environment.' }),
    ...tenantSettings.shape,
    isolation: z.strictObject({
      namespace_per_project: z.boolean().default(false),
      dedicated_node_pool: k8sName.optional().meta({ description: 'Node pool reserved for this tenant (performance isolation).' }),
    }).prefault({}),
    roles: mapping(identifier, z.array(kubernetesGroup).max(100)).prefault({}).meta({
      description: 'Extra Kubernetes groups per governance role for this tenant, each of the tenant\'s own prefix "oaas:<tenant_id>:". Default: none.',
    }),
    endpoints: mapping(k8sName, egressEndpoint).prefault({}).meta({ description: 'Tenant-specific egress endpoints.' }),
    projects: z.array(project).max(1000).default([]),
  })
  .meta({ title: 'OAAS tenant file', description: 'A tenant: team, limits, policies, compliance, projects and agents.' });

export const projectFileSchema = z
  .strictObject({
    $schema: plainText(TEXT_LIMITS.reference).optional(),
    tenant_id: k8sName,
    project: project,
  })
  .meta({ title: 'OAAS project file', description: 'A project (with its agents) of a tenant declared in another file.' });

export type TenantFile = z.output<typeof tenantFileSchema>;
export type ProjectFile = z.output<typeof projectFileSchema>;
export type ProjectDefinition = z.output<typeof project>;
