import { Duration, Stack, aws_eks_v2 as eks, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** One role of the governance hierarchy, as it reaches the cluster. */
export interface GovernanceRoleAccess {
  /** Construct id of the role's resources: derive it from the role's name, never from a list position. */
  readonly id: string;
  /** Name of the IAM role people assume (at most 64 characters). */
  readonly roleName: string;
  /** What the role is, for the IAM console. */
  readonly description: string;
  /**
   * ARN patterns (`ArnLike` on `aws:PrincipalArn`) of the principals of this
   * account that may assume the role, e.g. the IAM Identity Center role of a
   * permission set: `arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_<set>_*`.
   */
  readonly trustedPrincipalArns: readonly string[];
  /**
   * EKS access policies of the role's access entry.
   * @default - none: Kubernetes RBAC bound to `kubernetesGroups` decides
   */
  readonly accessPolicies?: readonly eks.IAccessPolicy[];
  /**
   * Kubernetes groups the role's sessions belong to (not `system:*`).
   * @default - none
   */
  readonly kubernetesGroups?: readonly string[];
  /**
   * Principal tags the calling session must carry, each with exactly this
   * value (`StringEquals` on `aws:PrincipalTag/<key>`), e.g. the attributes
   * for access control IAM Identity Center passes as session tags.
   * @default - no tag is required
   */
  readonly principalTags?: Readonly<Record<string, string>>;
}

export interface GovernanceAccessProps {
  /** The cluster the access entries belong to. */
  readonly cluster: eks.ICluster;
  /** The roles to map, each to one IAM role and one access entry. */
  readonly roles: readonly GovernanceRoleAccess[];
  /**
   * Longest session of an assumed role.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/**
 * Maps the governance role hierarchy onto the cluster: per role, an IAM role
 * that only principals matching its ARN patterns (the IAM Identity Center
 * roles of its permission set), and carrying its principal tags, may assume,
 * and an access entry for that exact
 * role ARN with EKS access policies and/or Kubernetes groups. Access entries
 * need exact principal ARNs; IAM Identity Center role names end in a random
 * suffix, so this stable role in between is what makes the mapping
 * deterministic.
 */
export class GovernanceAccess extends Construct {
  /** IAM role of each governance role, by `id`. */
  public readonly roles: Readonly<Record<string, iam.Role>>;
  /** Access entry of each governance role, by `id`. */
  public readonly accessEntries: Readonly<Record<string, eks.CfnAccessEntry>>;

  constructor(scope: Construct, id: string, props: GovernanceAccessProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    const roles: Record<string, iam.Role> = {};
    const entries: Record<string, eks.CfnAccessEntry> = {};
    for (const access of props.roles) {
      validate(access);
      if (roles[access.id]) throw new Error(`GovernanceAccess: expected unique role ids, got "${access.id}" twice`);
      const scopeOfRole = new Construct(this, access.id);
      const tags = Object.entries(access.principalTags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const role = new iam.Role(scopeOfRole, 'Role', {
        roleName: access.roleName,
        description: access.description,
        maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
        assumedBy: new iam.AccountPrincipal(account).withConditions({
          ArnLike: { 'aws:PrincipalArn': [...access.trustedPrincipalArns] },
          ...(tags.length > 0 ? { StringEquals: Object.fromEntries(tags.map(([key, value]) => [`aws:PrincipalTag/${key}`, value])) } : {}),
        }),
      });
      const groups = [...(access.kubernetesGroups ?? [])];
      entries[access.id] = new eks.CfnAccessEntry(scopeOfRole, 'AccessEntry', {
        clusterName: props.cluster.clusterName,
        principalArn: role.roleArn,
        type: 'STANDARD',
        ...(groups.length > 0 ? { kubernetesGroups: groups } : {}),
        accessPolicies: (access.accessPolicies ?? []).map((policy) => ({
          policyArn: policy.policy,
          accessScope: {
            type: policy.accessScope.type,
            ...(policy.accessScope.namespaces ? { namespaces: [...policy.accessScope.namespaces] } : {}),
          },
        })),
      });
      roles[access.id] = role;
    }
    this.roles = roles;
    this.accessEntries = entries;
  }
}

function validate(access: GovernanceRoleAccess): void {
  const where = `GovernanceAccess ${access.id}`;
  if (access.roleName.length > 64 || !/^[\w+=,.@-]+$/.test(access.roleName)) {
    throw new Error(`${where}: expected an IAM role name of at most 64 letters, digits and +=,.@_-, got "${access.roleName}"`);
  }
  if (access.trustedPrincipalArns.length === 0) {
    throw new Error(`${where}: expected at least one trusted principal ARN pattern, got none; without one nobody can assume the role`);
  }
  for (const [key, value] of Object.entries(access.principalTags ?? {})) {
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(key) || key.toLowerCase().startsWith('aws:')) {
      throw new Error(`${where}: expected a principal tag key of 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:", got "${key}"`);
    }
    if (value.length === 0 || value.length > 256 || /[*?]/.test(value)) {
      throw new Error(`${where}: expected principal tag ${key} to require a literal value of 1 to 256 characters without "*" or "?", got "${value}"`);
    }
  }
  const groups = access.kubernetesGroups ?? [];
  const reserved = groups.filter((g) => g.startsWith('system:'));
  if (reserved.length > 0) {
    throw new Error(`${where}: expected Kubernetes groups outside "system:", got ${reserved.join(', ')}; EKS refuses them in access entries`);
  }
  if (groups.length === 0 && (access.accessPolicies ?? []).length === 0) {
    throw new Error(`${where}: expected access policies or Kubernetes groups, got neither; the access entry would grant nothing`);
  }
}
