/** Names of the cluster layer's resources (cluster, tenant-data bucket, IAM roles,
 * SSO role ARN patterns) and the node label and taint keys the charts share. */
import { createHash } from 'crypto';
import type { EnvironmentModel, OrganizationModel } from '../../definition/model';
import { NODE_POOL_LABEL, TENANT_TAINT_KEY } from '../../k8s/labels';

/** Node label naming the pool of a node: the key the charts' node selectors use (`lib/k8s/labels.ts`). */
export { NODE_POOL_LABEL };
/** Node label and taint key of a pool reserved for one tenant: the key the charts' tolerations use. */
export const TENANT_NODE_KEY = TENANT_TAINT_KEY;

const IAM_ROLE_NAME_MAX = 64;
const S3_BUCKET_NAME_MAX = 63;

/** `acme-production-eu-west-1`: the EKS cluster of a region. */
export function clusterName(org: OrganizationModel, env: EnvironmentModel, region: string): string {
  return `${org.name}-${env.name}-${region}`;
}

/**
 * `acme-production-eu-west-1-tenant-data-300000000000`: the bucket of tenant
 * data of a region. Whoever creates the bucket uses this function, so the
 * tenant roles and the bucket agree on the name.
 */
export function tenantDataBucketName(org: OrganizationModel, env: EnvironmentModel, region: string): string {
  const name = `${org.name}-${env.name}-${region}-tenant-data-${env.account}`;
  if (name.length > S3_BUCKET_NAME_MAX) {
    throw new Error(`tenantDataBucketName: "${name}" has ${name.length} characters, S3 allows ${S3_BUCKET_NAME_MAX}; `
      + `shorten organization.name ("${org.name}") or the environment name ("${env.name}")`);
  }
  return name;
}

/** `tenants/payments/`: a tenant's key prefix in the tenant-data bucket. */
export function tenantDataPrefix(tenantId: string): string {
  return `tenants/${tenantId}/`;
}

/**
 * An IAM role name from its parts, joined with `-`. Names longer than IAM's 64
 * characters keep their first 55 and end in 8 hex digits of their SHA-256,
 * so they stay unique and deterministic.
 */
export function iamRoleName(...parts: string[]): string {
  const name = parts.join('-');
  if (name.length <= IAM_ROLE_NAME_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, IAM_ROLE_NAME_MAX - hash.length - 1)}-${hash}`;
}

/**
 * `oaas-production-eu-west-1-gov_tenant_administrator`: the role SSO users of a
 * governance role assume on a region's cluster. The `gov_` marker cannot occur
 * in a tenant id, so it never collides with a tenant role.
 */
export function governanceRoleName(env: EnvironmentModel, region: string, roleId: string): string {
  return iamRoleName('oaas', env.name, region, `gov_${roleId}`);
}

/**
 * `oaas-production-eu-west-1-payments-gov_agent_developer`: the role SSO users
 * of a tenant-scoped governance role assume to act in one tenant on a region's
 * cluster. Tenant ids have no `_`, so `-gov_` tells it from every tenant's
 * workload role and from the organization roles of `governanceRoleName`.
 */
export function tenantGovernanceRoleName(env: EnvironmentModel, region: string, tenantId: string, roleId: string): string {
  return iamRoleName('oaas', env.name, region, tenantId, `gov_${roleId}`);
}

/** `oaas-production-eu-west-1-payments`: the role of a tenant's workloads in a region. */
export function tenantRoleName(env: EnvironmentModel, region: string, tenantId: string): string {
  return iamRoleName('oaas', env.name, region, tenantId);
}

/**
 * ARN patterns of the IAM Identity Center roles of a permission set in an
 * account: `…:role/aws-reserved/sso.amazonaws.com/[<region>/]<prefix><set>_<suffix>`.
 * The random suffix is why access entries cannot name these roles directly.
 */
export function ssoRoleArnPatterns(partition: string, account: string, rolePrefix: string, permissionSet: string): string[] {
  const base = `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com`;
  return [`${base}/${rolePrefix}${permissionSet}_*`, `${base}/*/${rolePrefix}${permissionSet}_*`];
}
