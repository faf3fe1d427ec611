/**
 * Model → props of the security constructs: keys, GuardDuty, Security Hub and
 * the regional web ACL of one region of one environment. Pure functions of the
 * resolved model; the stack adds what only exists at synth (the keys).
 */
import { aws_logs as logs } from 'aws-cdk-lib';
import type { EnvironmentModel, OrganizationModel, RegionModel, SecurityHubStandardName, WorkspaceModel } from '../definition/model';
import type { PlatformKeyringProps } from '../../constructs/security/platform-keyring';
import type { RegionalWebAclProps } from '../../constructs/security/regional-web-acl';
import { SecurityHubStandard } from '../../constructs/security/security-hub';
import type { SecurityHubProps } from '../../constructs/security/security-hub';
import type { ThreatDetectionProps } from '../../constructs/security/threat-detection';

const SECONDS_PER_DAY = 86_400;

/** Every retention CloudWatch Logs accepts, in days, ascending; `INFINITE` last. */
const RETENTION_STEPS: readonly logs.RetentionDays[] = [
  logs.RetentionDays.ONE_DAY, logs.RetentionDays.THREE_DAYS, logs.RetentionDays.FIVE_DAYS, logs.RetentionDays.ONE_WEEK,
  logs.RetentionDays.TWO_WEEKS, logs.RetentionDays.ONE_MONTH, logs.RetentionDays.TWO_MONTHS, logs.RetentionDays.THREE_MONTHS,
  logs.RetentionDays.FOUR_MONTHS, logs.RetentionDays.FIVE_MONTHS, logs.RetentionDays.SIX_MONTHS, logs.RetentionDays.ONE_YEAR,
  logs.RetentionDays.THIRTEEN_MONTHS, logs.RetentionDays.EIGHTEEN_MONTHS, logs.RetentionDays.TWO_YEARS, logs.RetentionDays.THREE_YEARS,
  logs.RetentionDays.FIVE_YEARS, logs.RetentionDays.SIX_YEARS, logs.RetentionDays.SEVEN_YEARS, logs.RetentionDays.EIGHT_YEARS,
  logs.RetentionDays.NINE_YEARS, logs.RetentionDays.TEN_YEARS, logs.RetentionDays.INFINITE,
];

/**
 * The shortest retention CloudWatch Logs allows that keeps logs at least
 * `seconds` long: 365 days → `ONE_YEAR`, 366 days → `THIRTEEN_MONTHS`, more
 * than ten years → `INFINITE`.
 */
export function retentionDaysAtLeast(seconds: number): logs.RetentionDays {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`retentionDaysAtLeast: expected a positive number of seconds, got ${seconds}`);
  }
  const days = Math.ceil(seconds / SECONDS_PER_DAY);
  return RETENTION_STEPS.find((step) => Number(step) >= days) ?? logs.RetentionDays.INFINITE;
}

export type StandardName = SecurityHubStandardName;

/** The Security Hub standard each name of `security.security_hub.standards` selects. */
export const SECURITY_HUB_STANDARDS: Readonly<Record<StandardName, SecurityHubStandard>> = {
  'aws-foundational': SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES,
  'cis-3.0': SecurityHubStandard.CIS_AWS_FOUNDATIONS_3_0,
  'nist-800-53': SecurityHubStandard.NIST_800_53_REV_5,
  'pci-dss': SecurityHubStandard.PCI_DSS_4_0_1,
};

/** Standards in definition order, without duplicates. */
export function securityHubStandards(names: readonly StandardName[]): SecurityHubStandard[] {
  return [...new Set(names.map((name) => SECURITY_HUB_STANDARDS[name]))];
}

/** `alias/acme/production`: KMS aliases are regional, so the region is not part of it. */
export function keyAliasPrefix(org: OrganizationModel, env: EnvironmentModel): string {
  return `alias/${org.name}/${env.name}`;
}

/** `acme-production-eu-west-1`: names of regional security resources (web ACL, WAF log group). */
export function regionalResourceName(org: OrganizationModel, env: EnvironmentModel, region: RegionModel): string {
  return `${org.name}-${env.name}-${region.region}`;
}

/** Everything the security stack builds, except the keys the web ACL's log group needs. */
export interface SecurityPlan {
  readonly keyring: PlatformKeyringProps;
  readonly threatDetection: ThreatDetectionProps;
  readonly securityHub: SecurityHubProps;
  readonly webAcl: Omit<RegionalWebAclProps, 'logEncryptionKey'>;
}

export function securityPlan(model: WorkspaceModel, env: EnvironmentModel, region: RegionModel): SecurityPlan {
  const { guardDuty, waf, securityHub: hub } = model.security;
  const name = regionalResourceName(model.organization, env, region);
  return {
    keyring: { aliasPrefix: keyAliasPrefix(model.organization, env) },
    threatDetection: {
      eksAuditLogs: true,
      runtimeMonitoring: guardDuty.eksRuntimeMonitoring,
      eksAddonManagement: guardDuty.eksRuntimeMonitoring,
      s3DataEvents: guardDuty.s3Protection,
      ebsMalwareProtection: guardDuty.malwareProtection,
    },
    securityHub: { standards: securityHubStandards(hub.standards) },
    webAcl: {
      webAclName: name,
      managedRuleGroups: [...waf.managedRuleGroups],
      rateLimit: waf.rateLimit,
      logGroupName: `aws-waf-logs-${name}`,
      logRetention: retentionDaysAtLeast(model.monitoring.logRetentionSeconds),
    },
  };
}
