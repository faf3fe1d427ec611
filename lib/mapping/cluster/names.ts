/**
 * Names of the cluster layer's resources (cluster, tenant-data bucket, SSO role
 * ARN patterns) and the node label and taint keys the charts share. Its IAM
 * role names are in `lib/conventions/role-names.ts`.
 */
import type { EnvironmentModel, OrganizationModel } from '../../definition/model';
import { NODE_POOL_LABEL, TENANT_TAINT_KEY } from '../../k8s/labels';

/** Node label naming the pool of a node: the key the charts' node selectors use (`lib/k8s/labels.ts`). */
export { NODE_POOL_LABEL };
/** Node label and taint key of a pool reserved for one tenant: the key the charts' tolerations use. */
export const TENANT_NODE_KEY = TENANT_TAINT_KEY;

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
 * ARN patterns of the IAM Identity Center roles of a permission set in an
 * account: `…:role/aws-reserved/sso.amazonaws.com/[<region>/]<prefix><set>_<suffix>`.
 * The random suffix is why access entries cannot name these roles directly.
 */
export function ssoRoleArnPatterns(partition: string, account: string, rolePrefix: string, permissionSet: string): string[] {
  const base = `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com`;
  return [`${base}/${rolePrefix}${permissionSet}_*`, `${base}/*/${rolePrefix}${permissionSet}_*`];
}
