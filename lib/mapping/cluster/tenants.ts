/** Per tenant of a region: its workload identity (`tenantPlan`) and the access of
 * its people (`tenantAccessPlan`). */
import type { EnvironmentModel, OrganizationModel, TenantModel, WorkspaceModel } from '../../definition/model';
import { tenantRegions } from '../../definition/model';
import { tenantRoleGroup, tenantRoles } from '../../k8s/rbac';
import { idFrom, TAG_KEYS } from '../../conventions/naming';
import type { TenantAccessProps } from '../../../constructs/cluster/tenant-access';
import type { TenantWorkloadIdentityProps } from '../../../constructs/cluster/tenant-workload-identity';
import { hasPermissionSet } from './governance-access';
import { tenantGovernanceRoleName, tenantRoleName } from '../../conventions/role-names';
import { clusterName, ssoRoleArnPatterns, tenantDataBucketName, tenantDataPrefix } from './names';

/** Tenants of the environment that run in `region`, by id. */
export function regionTenants(env: EnvironmentModel, region: string): TenantModel[] {
  return env.tenants.filter((t) => tenantRegions(env, t).includes(region)).sort((a, b) => a.id.localeCompare(b.id));
}

export interface TenantPlan {
  /** Construct id, from the tenant id. */
  readonly id: string;
  readonly tenant: TenantModel;
  readonly props: Omit<TenantWorkloadIdentityProps, 'cluster' | 'dataKey'>;
}

/** The workload identity of a tenant in a region: its role and one Pod Identity association per agent. */
export function tenantPlan(org: OrganizationModel, env: EnvironmentModel, region: string, tenant: TenantModel): TenantPlan {
  return {
    id: idFrom(tenant.id),
    tenant,
    props: {
      tenantId: tenant.id,
      roleName: tenantRoleName(env, region, tenant.id),
      namespaces: [...tenant.namespaces],
      serviceAccounts: [...tenant.agents]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((agent) => ({ id: idFrom(agent.name), namespace: agent.namespace, serviceAccount: agent.name })),
      dataBucketName: tenantDataBucketName(org, env, region),
      dataPrefix: tenantDataPrefix(tenant.id),
    },
  };
}

/** The people's access to one tenant on one cluster. */
export interface TenantAccessPlan {
  /** Construct id, from the tenant id. */
  readonly id: string;
  readonly tenant: TenantModel;
  readonly props: Omit<TenantAccessProps, 'cluster'>;
}

/**
 * The people's access to `tenant` on the cluster of `region`: one IAM role and
 * access entry per tenant-scoped governance role that has an SSO permission
 * set and that the tenant's chart binds (`tenantRoles`: roles with Kubernetes
 * rules). The access entry's only group is `tenantRoleGroup(tenant, role)`,
 * the subject of that role's RoleBindings in the tenant's namespaces; the role
 * trusts the permission set's SSO roles only in sessions tagged
 * `oaas:tenant=<tenant>`. Undefined when the tenant has no such role.
 */
export function tenantAccessPlan(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string, tenant: TenantModel): TenantAccessPlan | undefined {
  const prefix = model.security.authentication.ssoRolePrefix;
  const cluster = clusterName(model.organization, env, region);
  const roles = tenantRoles(model.governance, tenant).flatMap(({ role: roleId }) => {
    const role = model.governance.roles[roleId];
    if (!hasPermissionSet(role) || role.scope !== 'tenant') return [];
    return [{
      id: idFrom(roleId),
      roleName: tenantGovernanceRoleName(env, region, tenant.id, roleId),
      description: `${role.title} (governance role ${roleId}) of tenant ${tenant.id} on ${cluster}; assumed from IAM Identity Center `
        + `permission set ${role.ssoPermissionSet} by sessions tagged ${TAG_KEYS.tenant}=${tenant.id}`,
      trustedPrincipalArns: ssoRoleArnPatterns(partition, env.account, prefix, role.ssoPermissionSet),
      kubernetesGroups: [tenantRoleGroup(tenant.id, roleId, role)],
    }];
  });
  if (roles.length === 0) return undefined;
  return { id: idFrom(tenant.id), tenant, props: { tenantId: tenant.id, tenantTagKey: TAG_KEYS.tenant, roles } };
}

/** `tenantAccessPlan` of every tenant of the region that has one, by tenant id. */
export function tenantAccessPlans(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string): TenantAccessPlan[] {
  return regionTenants(env, region).flatMap((tenant) => tenantAccessPlan(model, env, region, partition, tenant) ?? []);
}
