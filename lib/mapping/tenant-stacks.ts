/**
 * Model → the tenant stacks of one region's cluster, and what each builds.
 *
 * The rule: one stack per tenant per cluster, `<org>-<env>-<region>-tenant-<tenant>`
 * (`tenantStackName`). A tenant's stack holds everything that exists because
 * of that tenant (its workload identity, the access of its people and, with
 * `delivery: cdk`, its manifests) and nothing else, so the shared stacks of a
 * region (network, security, cluster, audit) keep a size that does not depend
 * on the number of tenants or agents, and adding, removing, renaming or
 * reordering tenants never moves another tenant's resources between stacks.
 * Why this rule and not a fixed number of shards: constructs/cluster/README.md.
 */
import type { EnvironmentModel, TenantModel, WorkspaceModel } from '../definition/model';
import type * as Render from '../k8s/render';
import { idFrom, tenantStackName } from '../conventions/naming';
import type { TenantAccessPlan, TenantManifestPlan, TenantPlan } from './cluster';
import { packTenantManifests, regionTenants, tenantAccessPlan, tenantPlan } from './cluster';

/**
 * The Kubernetes renderer, loaded on first use: cdk8s and cdk8s-plus are large
 * modules to load, and the CDK app needs them only for environments that deliver
 * with the cluster stack (GitOps manifests are rendered on a worker thread).
 */
function renderer(): typeof Render {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load, see above
  return require('../k8s/render') as typeof Render;
}

/** One tenant stack of a cluster. */
export interface TenantStackPlan {
  /** `<org>-<env>-<region>-tenant-<tenant>`. */
  readonly stackName: string;
  readonly tenant: TenantModel;
  /** With `cluster.delivery: cdk`, the tenant's manifests as `packTenantManifests` lays them out; undefined with GitOps. */
  readonly manifests?: TenantManifestPlan;
}

/**
 * The tenant stacks of the cluster of `env` in `region`, one per tenant that
 * runs there, by tenant id. With `delivery: cdk`, the region's manifests are
 * rendered and packed once here and handed to each tenant's stack.
 */
export function tenantStackPlans(model: WorkspaceModel, env: EnvironmentModel, region: string): TenantStackPlan[] {
  const packed = env.cluster.delivery === 'cdk'
    ? new Map(packTenantManifests(renderer().tenantManifests(model, env.name, region)).map((plan) => [plan.tenantId, plan]))
    : undefined;
  return regionTenants(env, region).map((tenant) => {
    const manifests = packed?.get(tenant.id);
    if (packed && !manifests) throw new Error(`tenantStackPlans: tenant "${tenant.id}" runs in ${env.name}/${region} but has no rendered manifests there`);
    return { stackName: tenantStackName(model.organization, env, region, tenant.id), tenant, ...(manifests ? { manifests } : {}) };
  });
}

/** What a tenant's stack builds besides its manifests. */
export interface TenantResourcesPlan {
  /** Construct id of everything of the tenant, from the tenant id: the prefix of its logical ids. */
  readonly id: string;
  readonly tenant: TenantModel;
  /** Its workload identity: role, policy and one Pod Identity association per agent. */
  readonly identity: TenantPlan['props'];
  /** Its people's access; undefined when no tenant role with a permission set applies to it. */
  readonly access?: TenantAccessPlan['props'];
}

export function tenantResourcesPlan(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string, tenant: TenantModel): TenantResourcesPlan {
  const access = tenantAccessPlan(model, env, region, partition, tenant);
  return {
    id: idFrom(tenant.id),
    tenant,
    identity: tenantPlan(model.organization, env, region, tenant).props,
    ...(access ? { access: access.props } : {}),
  };
}
