import type { Duration, aws_eks_v2 as eks, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GovernanceAccess } from './governance-access';

/** Principal tag that names the tenant of an IAM Identity Center session, unless `tenantTagKey` says otherwise. */
export const DEFAULT_TENANT_TAG_KEY = 'oaas:tenant';

/** A tenant-scoped governance role as it reaches one tenant's namespaces. */
export interface TenantRoleAccess {
  /** Construct id of the role's resources: derive it from the role's name, never from a list position. */
  readonly id: string;
  /** Name of the IAM role people assume for this tenant (at most 64 characters). */
  readonly roleName: string;
  /** What the role is, for the IAM console. */
  readonly description: string;
  /**
   * ARN patterns (`ArnLike` on `aws:PrincipalArn`) of the principals that may
   * assume the role, e.g. the IAM Identity Center roles of a permission set.
   */
  readonly trustedPrincipalArns: readonly string[];
  /**
   * Kubernetes groups of the role's sessions: the groups the tenant's
   * RoleBindings name (`tenantRoleGroup` of lib/k8s/rbac.ts), so the session
   * holds the role in the tenant's namespaces and nowhere else.
   */
  readonly kubernetesGroups: readonly string[];
}

export interface TenantAccessProps {
  /** The cluster the access entries belong to. */
  readonly cluster: eks.ICluster;
  /** The tenant: the value the session's tenant tag must have. */
  readonly tenantId: string;
  /** The tenant's roles, each to one IAM role and one access entry. */
  readonly roles: readonly TenantRoleAccess[];
  /**
   * Principal tag that carries the tenant of a session (an IAM Identity Center
   * attribute for access control).
   * @default DEFAULT_TENANT_TAG_KEY
   */
  readonly tenantTagKey?: string;
  /**
   * Longest session of an assumed role.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/**
 * People's access to one tenant: per tenant-scoped governance role, an IAM
 * role that the role's principals (the SSO roles of its permission set) may
 * assume only in sessions tagged with this tenant (`aws:PrincipalTag/<tenantTagKey>`
 * equals `tenantId`), and an access entry for it with the tenant's Kubernetes
 * groups and no EKS access policy: what the session may do is what the
 * tenant's RoleBindings grant those groups, in the tenant's namespaces only.
 */
export class TenantAccess extends Construct {
  /** IAM role of each tenant role, by `id`. */
  public readonly roles: Readonly<Record<string, iam.Role>>;
  /** Access entry of each tenant role, by `id`. */
  public readonly accessEntries: Readonly<Record<string, eks.CfnAccessEntry>>;

  constructor(scope: Construct, id: string, props: TenantAccessProps) {
    super(scope, id);
    const where = `TenantAccess ${props.tenantId}`;
    if (props.roles.length === 0) throw new Error(`${where}: expected at least one role, got none; leave the tenant out instead`);
    const empty = props.roles.filter((role) => role.kubernetesGroups.length === 0).map((role) => role.id);
    if (empty.length > 0) {
      throw new Error(`${where}: expected Kubernetes groups for every role, got none for ${empty.join(', ')}; a tenant role is granted through its groups only`);
    }
    const tagKey = props.tenantTagKey ?? DEFAULT_TENANT_TAG_KEY;
    const access = new GovernanceAccess(this, 'Roles', {
      cluster: props.cluster,
      ...(props.maxSessionDuration ? { maxSessionDuration: props.maxSessionDuration } : {}),
      roles: props.roles.map((role) => ({
        id: role.id,
        roleName: role.roleName,
        description: role.description,
        trustedPrincipalArns: role.trustedPrincipalArns,
        kubernetesGroups: role.kubernetesGroups,
        accessPolicies: [],
        principalTags: { [tagKey]: props.tenantId },
      })),
    });
    this.roles = access.roles;
    this.accessEntries = access.accessEntries;
  }
}
