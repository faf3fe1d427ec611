/** Every technical check, one per file; the catalogue refers to them by id. */
import type { CheckDefinition } from '../check';
import { auditBucketObjectLock } from './audit-bucket-object-lock';
import { backupPlanRpo } from './backup-plan-rpo';
import { budgetNotifications } from './budget-notifications';
import { cloudtrailEnabled } from './cloudtrail-enabled';
import { eksControlPlaneLogging } from './eks-control-plane-logging';
import { eksEndpointPrivate } from './eks-endpoint-private';
import { eksSecretsEncryption } from './eks-secrets-encryption';
import { guarddutyEnabled } from './guardduty-enabled';
import { iamCrossTenantAccess } from './iam-cross-tenant-access';
import { iamNoAdminWildcard } from './iam-no-admin-wildcard';
import { k8sNamespaceDefaultDeny } from './k8s-namespace-default-deny';
import { k8sNamespaceLimitRange } from './k8s-namespace-limit-range';
import { k8sNamespacePodSecurity } from './k8s-namespace-pod-security';
import { k8sNamespaceResourceQuota } from './k8s-namespace-resource-quota';
import { k8sRbacSecretsAccess } from './k8s-rbac-secrets-access';
import { k8sRbacTenantGroups } from './k8s-rbac-tenant-groups';
import { k8sWorkloadRestricted } from './k8s-workload-restricted';
import { kmsKeyRotation } from './kms-key-rotation';
import { logGroupKmsEncryption } from './log-group-kms-encryption';
import { logGroupRetention } from './log-group-retention';
import { nodeImdsv2 } from './node-imdsv2';
import { nodeVolumeEncryption } from './node-volume-encryption';
import { s3BucketKmsEncryption } from './s3-bucket-kms-encryption';
import { s3PublicAccessBlocked } from './s3-public-access-blocked';
import { s3SslEnforced } from './s3-ssl-enforced';
import { scpDataResidency } from './scp-data-residency';
import { scpDenyRoot } from './scp-deny-root';
import { scpSecurityServices } from './scp-security-services';
import { securityHubEnabled } from './security-hub-enabled';
import { vpcFlowLogs } from './vpc-flow-logs';
import { wafWebAcl } from './waf-web-acl';

export const ALL_CHECKS: readonly CheckDefinition[] = [
  kmsKeyRotation,
  s3BucketKmsEncryption,
  s3PublicAccessBlocked,
  s3SslEnforced,
  auditBucketObjectLock,
  cloudtrailEnabled,
  logGroupRetention,
  logGroupKmsEncryption,
  eksEndpointPrivate,
  eksControlPlaneLogging,
  eksSecretsEncryption,
  nodeImdsv2,
  nodeVolumeEncryption,
  guarddutyEnabled,
  securityHubEnabled,
  wafWebAcl,
  vpcFlowLogs,
  backupPlanRpo,
  scpDataResidency,
  scpSecurityServices,
  scpDenyRoot,
  budgetNotifications,
  iamNoAdminWildcard,
  iamCrossTenantAccess,
  k8sNamespacePodSecurity,
  k8sNamespaceDefaultDeny,
  k8sNamespaceResourceQuota,
  k8sNamespaceLimitRange,
  k8sWorkloadRestricted,
  k8sRbacSecretsAccess,
  k8sRbacTenantGroups,
];

export const CHECKS_BY_ID: ReadonlyMap<string, CheckDefinition> = new Map(ALL_CHECKS.map((c) => [c.id, c]));
