/**
 * What the definition asks of the synthesized platform, in the terms the
 * checks compare against: retention periods in days, recovery point in
 * seconds, allowed regions, expected namespaces, who may read secrets. Derived
 * once from the resolved model, so checks never read the model themselves and
 * tests can hand-write a small one.
 */
import type { WorkspaceModel } from '../definition/model';
import { SYSTEM_ADMIN_PERMISSION, tenantRegions } from '../definition/model';
import { grantsSecrets, tenantRoles } from '../k8s/rbac';

const DAY = 86_400;

export interface NamespaceRequirement {
  readonly tenant: string;
  readonly namespace: string;
  /** Regions of the environment where the tenant runs: one cluster each. */
  readonly regions: readonly string[];
}

export interface EnvironmentRequirements {
  readonly name: string;
  readonly account: string;
  /** The OU the environment's guardrails attach to, when it has one. */
  readonly organizationalUnit?: string;
  readonly residency: { readonly mode: 'enforced' | 'advisory'; readonly allowedRegions: readonly string[] };
  /** Recovery point objective, seconds: backups must run at least this often. */
  readonly rpoSeconds: number;
  readonly regions: ReadonlyArray<{ readonly region: string; readonly drRegion?: string }>;
  readonly namespaces: readonly NamespaceRequirement[];
}

export interface TenantRequirements {
  readonly id: string;
  readonly namespaces: readonly string[];
  /** Kubernetes groups bound, in this tenant's namespaces, to governance roles whose permissions grant secrets. */
  readonly secretReaderGroups: readonly string[];
}

export interface ComplianceRequirements {
  /** Audit records (audit bucket, audit log groups) are kept at least this long. */
  readonly auditRetentionDays: number;
  /** Other log groups are kept at least this long: one year, the evidence period most frameworks ask for. */
  readonly logRetentionDays: number;
  readonly environments: readonly EnvironmentRequirements[];
  readonly guardDuty: { readonly eksRuntimeMonitoring: boolean; readonly malwareProtection: boolean; readonly s3Protection: boolean };
  /** Security Hub standards, as the path in their ARN after `standards/` up to the version (`nist-800-53`). */
  readonly securityHubStandards: readonly string[];
  readonly waf: { readonly managedRuleGroups: readonly string[]; readonly rateLimit: number };
  readonly tenants: readonly TenantRequirements[];
  /** IAM Identity Center permission sets of roles holding the `system_admin` permission (the seed's System Admin column). */
  readonly adminPermissionSets: readonly string[];
}

/** The ARN path prefix of each standard name `security.security_hub.standards` accepts. */
export const SECURITY_HUB_STANDARD_PATHS: Readonly<Record<string, string>> = {
  'aws-foundational': 'aws-foundational-security-best-practices',
  'cis-3.0': 'cis-aws-foundations-benchmark/v/3.0.0',
  'nist-800-53': 'nist-800-53',
  'pci-dss': 'pci-dss',
};


/** Requirements of a workspace, for all environments or one. */
export function requirementsFor(model: WorkspaceModel, options: { environment?: string } = {}): ComplianceRequirements {
  const gov = model.governance;
  const environments = model.environments.filter((e) => !options.environment || e.name === options.environment);
  return {
    auditRetentionDays: Math.ceil(model.auditRetention / DAY),
    logRetentionDays: 365,
    environments: environments.map((env) => ({
      name: env.name,
      account: env.account,
      ...(env.organizationalUnit ? { organizationalUnit: env.organizationalUnit } : {}),
      residency: { mode: env.dataResidency.mode, allowedRegions: [...env.dataResidency.allowedRegions] },
      rpoSeconds: env.disasterRecovery.rpo,
      regions: env.regions.map((r) => ({ region: r.region, ...(r.drRegion ? { drRegion: r.drRegion } : {}) })),
      namespaces: env.tenants.flatMap((t) => t.namespaces.map((namespace) => ({ tenant: t.id, namespace, regions: tenantRegions(env, t) }))),
    })),
    guardDuty: {
      eksRuntimeMonitoring: model.security.guardDuty.eksRuntimeMonitoring,
      malwareProtection: model.security.guardDuty.malwareProtection,
      s3Protection: model.security.guardDuty.s3Protection,
    },
    securityHubStandards: [...new Set(model.security.securityHub.standards.map((s) => SECURITY_HUB_STANDARD_PATHS[s] ?? s))],
    waf: { managedRuleGroups: [...model.security.waf.managedRuleGroups], rateLimit: model.security.waf.rateLimit },
    tenants: model.tenants.map((t) => ({
      id: t.id,
      namespaces: [...t.namespaces],
      secretReaderGroups: tenantRoles(gov, t).filter((r) => r.rules.some(grantsSecrets)).flatMap((r) => r.groups).sort(),
    })),
    adminPermissionSets: Object.values(gov.roles)
      .filter((r) => r.permissions.includes(SYSTEM_ADMIN_PERMISSION) && r.ssoPermissionSet)
      .map((r) => r.ssoPermissionSet!)
      .sort(),
  };
}
