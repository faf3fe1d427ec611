/** Organization-scoped governance roles: their cluster-wide access entries. */
import { aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { EnvironmentModel, RoleModel, WorkspaceModel } from '../../definition/model';
import { SYSTEM_ADMIN_PERMISSION } from '../../definition/model';
import { idFrom } from '../../conventions/naming';
import type { GovernanceRoleAccess } from '../../../constructs/cluster/governance-access';
import { governanceRoleName } from '../../conventions/role-names';
import { clusterName, ssoRoleArnPatterns } from './names';

/** Kubernetes group of a governance role: its `kubernetes_group`, else `oaas:<role>`. */
export function kubernetesGroupOf(roleId: string, role: RoleModel): string {
  return role.kubernetesGroup ?? `oaas:${roleId}`;
}

/**
 * EKS access policies of a governance role: organization roles with
 * `system_admin` are cluster admins, other organization roles view the whole
 * cluster; tenant roles get none (their group is bound per namespace by the
 * tenant charts).
 */
export function accessPoliciesOf(role: RoleModel): eks.IAccessPolicy[] {
  if (role.scope !== 'organization') return [];
  const policy = role.permissions.includes(SYSTEM_ADMIN_PERMISSION) ? 'AmazonEKSClusterAdminPolicy' : 'AmazonEKSViewPolicy';
  return [eks.AccessPolicy.fromAccessPolicyName(policy, { accessScopeType: eks.AccessScopeType.CLUSTER })];
}

/** A governance role mapped from an IAM Identity Center permission set. */
export type SsoRole = RoleModel & { readonly ssoPermissionSet: string };
export const hasPermissionSet = (role: RoleModel | undefined): role is SsoRole => role?.ssoPermissionSet !== undefined;

/**
 * One access entry (through one IAM role) per organization-scoped governance
 * role with an SSO permission set, by role id: these act across tenants, with
 * a cluster-wide access policy. Tenant-scoped roles are mapped per tenant by
 * `tenantAccessPlan`, never cluster-wide.
 */
export function governanceAccessRoles(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string): GovernanceRoleAccess[] {
  const prefix = model.security.authentication.ssoRolePrefix;
  return Object.entries(model.governance.roles)
    .filter((entry): entry is [string, SsoRole] => hasPermissionSet(entry[1]) && entry[1].scope === 'organization')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([roleId, role]) => ({
      id: idFrom(roleId),
      roleName: governanceRoleName(env, region, roleId),
      description: `${role.title} (governance role ${roleId}, ${role.scope} scope) on ${clusterName(model.organization, env, region)}; `
        + `assumed from IAM Identity Center permission set ${role.ssoPermissionSet}`,
      trustedPrincipalArns: ssoRoleArnPatterns(partition, env.account, prefix, role.ssoPermissionSet),
      accessPolicies: accessPoliciesOf(role),
      kubernetesGroups: [kubernetesGroupOf(roleId, role)],
    }));
}
