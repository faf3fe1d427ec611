/**
 * Names and tags derived from the model. Stack names and construct ids come
 * from names in the definition (organization, environment, region, tenant),
 * never from list positions, so adding or reordering one item renames nothing.
 */
import type { EnvironmentModel, OrganizationModel, TenantModel } from '../definition/model';
import { CLOUDFORMATION_QUOTAS } from './stack-limits';

export type RegionalLayer = 'network' | 'security' | 'cluster' | 'audit';

const STACK_NAME_MAX = CLOUDFORMATION_QUOTAS.stackNameLength;

/** `acme-production-eu-west-1-cluster` */
export function regionalStackName(org: OrganizationModel, env: EnvironmentModel, region: string, layer: RegionalLayer): string {
  return `${org.name}-${env.name}-${region}-${layer}`;
}

/**
 * `acme-production-eu-west-1-tenant-payments`: the stack of one tenant's
 * resources on the cluster of a region (see `lib/stacks/tenant-stack.ts`).
 * It depends on the tenant id only, so adding, removing or reordering other
 * tenants never renames it.
 */
export function tenantStackName(org: OrganizationModel, env: EnvironmentModel, region: string, tenantId: string): string {
  const name = `${org.name}-${env.name}-${region}-tenant-${tenantId}`;
  if (name.length > STACK_NAME_MAX) {
    throw new Error(`tenantStackName: "${name}" has ${name.length} characters, CloudFormation allows ${STACK_NAME_MAX}; `
      + `shorten the tenant id ("${tenantId}"), organization.name ("${org.name}") or the environment name ("${env.name}")`);
  }
  return name;
}

/** `acme-production-guardrails`, `acme-production-budgets` */
export function environmentStackName(org: OrganizationModel, env: EnvironmentModel, layer: 'guardrails' | 'budgets'): string {
  return `${org.name}-${env.name}-${layer}`;
}

/** Tag keys, in one place so policies and budgets filter on the same names. */
export const TAG_KEYS = {
  organization: 'oaas:organization',
  environment: 'oaas:environment',
  region: 'oaas:region',
  team: 'oaas:team',
  tenant: 'oaas:tenant',
  costCenter: 'oaas:cost-center',
  dataClassification: 'oaas:data-classification',
} as const;

/** Tags every resource of an environment's stacks carries. */
export function baseTags(org: OrganizationModel, env: EnvironmentModel, region?: string): Record<string, string> {
  return {
    [TAG_KEYS.organization]: org.name,
    [TAG_KEYS.environment]: env.name,
    ...(region ? { [TAG_KEYS.region]: region } : {}),
    [TAG_KEYS.costCenter]: org.costCenter,
    [TAG_KEYS.dataClassification]: org.dataClassification,
  };
}

/** Tags of resources that belong to one tenant. */
export function tenantTags(tenant: TenantModel): Record<string, string> {
  return {
    [TAG_KEYS.tenant]: tenant.id,
    [TAG_KEYS.team]: tenant.team,
    [TAG_KEYS.costCenter]: tenant.costCenter,
    [TAG_KEYS.dataClassification]: tenant.dataClassification,
  };
}

/** PascalCase construct id from a definition name: `ml-research` → `MlResearch`. */
export function idFrom(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
}
