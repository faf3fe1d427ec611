/**
 * A tenant file under `tenants/` (one per team, so 50 teams can each own a
 * file), or a project file that adds a project to a tenant declared elsewhere.
 * A file with a `project` key is a project file; any other is a tenant file.
 */
import { z } from 'zod';
import { agent, egressEndpoint, tenantSettings } from './agent';
import { dataClassification } from './workspace';
import { k8sName, regionName } from './primitives';

export const project = z.strictObject({
  name: k8sName,
  description: z.string().optional(),
  production: z.boolean().default(true).meta({ description: 'Targeted by "all_production_projects" fan-outs. Default: true.' }),
  agents: z.array(agent).default([]),
});

export const tenantFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    tenant_id: k8sName,
    display_name: z.string().optional(),
    team: k8sName.meta({ description: 'Budget team (a key of governance budgets.per_team).' }),
    cost_center: z.string().optional().meta({ description: 'Default: the organization cost center.' }),
    data_classification: dataClassification.optional(),
    environments: z.array(k8sName).optional().meta({ description: 'Environments the tenant runs in. Default: all.' }),
    regions: z.array(regionName).optional().meta({ description: 'Regions the tenant runs in (its data residency). Default: all of the environment.' }),
    ...tenantSettings.shape,
    isolation: z.strictObject({
      namespace_per_project: z.boolean().default(false),
      dedicated_node_pool: z.string().optional().meta({ description: 'Node pool reserved for this tenant (performance isolation).' }),
    }).prefault({}),
    roles: z.record(z.string(), z.array(z.string())).default({}).meta({
      description: 'Extra Kubernetes groups per governance role for this tenant. Default: none.',
    }),
    endpoints: z.record(k8sName, egressEndpoint).default({}).meta({ description: 'Tenant-specific egress endpoints.' }),
    projects: z.array(project).default([]),
  })
  .meta({ title: 'OAAS tenant file', description: 'A tenant: team, limits, policies, compliance, projects and agents.' });

export const projectFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    tenant_id: k8sName,
    project: project,
  })
  .meta({ title: 'OAAS project file', description: 'A project (with its agents) of a tenant declared in another file.' });

export type TenantFile = z.output<typeof tenantFileSchema>;
export type ProjectFile = z.output<typeof projectFileSchema>;
export type ProjectDefinition = z.output<typeof project>;
