/** Organization-scoped governance roles: their cluster-wide access entries. */
import { aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { EnvironmentModel, WorkspaceModel } from '../../definition/model';
import type { RoleDefinition } from '../../definition/schema/governance';
import { idFrom } from '../../conventions/naming';
import type { GovernanceRoleAccess } from '../../../constructs/cluster/governance-access';
import { clusterName, governanceRoleName, ssoRoleArnPatterns, SYSTEM_ADMIN_PERMISSION } from './names';

/** Kubernetes group of a governance role: its `kubernetes_group`, else `oaas:<role>`. */
export function kubernetesGroupOf(roleId: string, role: RoleDefinition): string {
  return role.kubernetes_group ?? `oaas:${roleId}`;
}

/**
 * EKS access policies of a governance role: organization roles with
 * `system_admin` are cluster admins, other organization roles view the whole
 * cluster; tenant roles get none (their group is bound per namespace by the
 * tenant charts).
 */
export function accessPoliciesOf(role: RoleDefinition): eks.IAccessPolicy[] {
  if (role.scope !== 'organization') return [];
  const policy = role.permissions.includes(SYSTEM_ADMIN_PERMISSION) ? 'AmazonEKSClusterAdminPolicy' : 'AmazonEKSViewPolicy';
  return [eks.AccessPolicy.fromAccessPolicyName(policy, { accessScopeType: eks.AccessScopeType.CLUSTER })];
}

export type SsoRole = RoleDefinition & { sso_permission_set: string };
export const hasPermissionSet = (role: RoleDefinition | undefined): role is SsoRole => role?.sso_permission_set !== undefined;

/**
 * One access entry (through one IAM role) per organization-scoped governance
 * role with an SSO permission set, by role id: these act across tenants, with
 * a cluster-wide access policy. Tenant-scoped roles are mapped per tenant by
 * `tenantAccessPlan`, never cluster-wide.
 */
export function governanceAccessRoles(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string): GovernanceRoleAccess[] {
  const prefix = model.security.authentication.sso_role_prefix;
  return Object.entries(model.governance.roles)
    .filter((entry): entry is [string, SsoRole] => hasPermissionSet(entry[1]) && entry[1].scope === 'organization')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([roleId, role]) => ({
      id: idFrom(roleId),
      roleName: governanceRoleName(env, region, roleId),
      description: `${role.title} (governance role ${roleId}, ${role.scope} scope) on ${clusterName(model.organization, env, region)}; `
        + `assumed from IAM Identity Center permission set ${role.sso_permission_set}`,
      trustedPrincipalArns: ssoRoleArnPatterns(partition, env.account, prefix, role.sso_permission_set),
      accessPolicies: accessPoliciesOf(role),
      kubernetesGroups: [kubernetesGroupOf(roleId, role)],
    }));
}
