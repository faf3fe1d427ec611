import { aws_logs as logs } from 'aws-cdk-lib';
import { SecurityHubStandard } from '../../constructs/security/security-hub';
import type { WorkspaceModel } from '../../lib/definition/model';
import {
  keyAliasPrefix, regionalResourceName, retentionDaysAtLeast, securityHubStandards, securityPlan,
} from '../../lib/mapping/security';
import type { StandardName } from '../../lib/mapping/security';
import { exampleModel } from '../helpers/workspace';

const DAY = 86_400;

describe('retentionDaysAtLeast', () => {
  test.each([
    [1, logs.RetentionDays.ONE_DAY],
    [DAY, logs.RetentionDays.ONE_DAY],
    [DAY + 1, logs.RetentionDays.THREE_DAYS],
    [8 * DAY, logs.RetentionDays.TWO_WEEKS],
    [30 * DAY, logs.RetentionDays.ONE_MONTH],
    [365 * DAY, logs.RetentionDays.ONE_YEAR],
    [366 * DAY, logs.RetentionDays.THIRTEEN_MONTHS],
    [7 * 365 * DAY, logs.RetentionDays.SEVEN_YEARS],
    [3653 * DAY, logs.RetentionDays.TEN_YEARS],
    [3654 * DAY, logs.RetentionDays.INFINITE],
  ])('%i seconds → %i days', (seconds, expected) => {
    expect(retentionDaysAtLeast(seconds)).toBe(expected);
  });

  test.each([0, -DAY, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p', (seconds) => {
    expect(() => retentionDaysAtLeast(seconds)).toThrow(/expected a positive number of seconds/);
  });
});

describe('securityHubStandards', () => {
  test.each<[StandardName, SecurityHubStandard]>([
    ['aws-foundational', SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES],
    ['cis-3.0', SecurityHubStandard.CIS_AWS_FOUNDATIONS_3_0],
    ['nist-800-53', SecurityHubStandard.NIST_800_53_REV_5],
    ['pci-dss', SecurityHubStandard.PCI_DSS_4_0_1],
  ])('%s → %s', (name, standard) => {
    expect(securityHubStandards([name])).toEqual([standard]);
  });

  test('keeps definition order and drops duplicates', () => {
    expect(securityHubStandards(['pci-dss', 'aws-foundational', 'pci-dss'])).toEqual([
      SecurityHubStandard.PCI_DSS_4_0_1, SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES,
    ]);
  });
});

describe('names', () => {
  const model = exampleModel('enterprise');
  const production = model.environments.find((e) => e.name === 'production')!;

  test('key aliases are per organization and environment (aliases are regional already)', () => {
    expect(keyAliasPrefix(model.organization, production)).toBe('alias/acme/production');
  });

  test('regional resources are named from organization, environment and region', () => {
    expect(regionalResourceName(model.organization, production, production.regions[1]!)).toBe('acme-production-eu-west-1');
  });
});

describe('securityPlan', () => {
  test('starter: default standards, rate limit and managed groups, one-year WAF log retention', () => {
    const model = exampleModel('starter');
    const env = model.environments[0]!;
    const plan = securityPlan(model, env, env.regions[0]!);
    expect(plan.keyring).toEqual({ aliasPrefix: 'alias/starter/dev' });
    expect(plan.securityHub.standards).toEqual([
      SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, SecurityHubStandard.NIST_800_53_REV_5,
    ]);
    expect(plan.webAcl).toEqual({
      webAclName: 'starter-dev-eu-west-1',
      managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'],
      rateLimit: 2000,
      logGroupName: 'aws-waf-logs-starter-dev-eu-west-1',
      logRetention: logs.RetentionDays.ONE_YEAR,
    });
  });

  test('enterprise: the three standards it selects', () => {
    const model = exampleModel('enterprise');
    const env = model.environments[0]!;
    expect(securityPlan(model, env, env.regions[0]!).securityHub.standards).toEqual([
      SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, SecurityHubStandard.NIST_800_53_REV_5, SecurityHubStandard.CIS_AWS_FOUNDATIONS_3_0,
    ]);
  });

  const withGuardDuty = (guardDuty: WorkspaceModel['security']['guardDuty']): WorkspaceModel => {
    const model = exampleModel('starter');
    return { ...model, security: { ...model.security, guardDuty } };
  };

  test.each([
    [{ eksRuntimeMonitoring: true, malwareProtection: true, s3Protection: true },
      { eksAuditLogs: true, runtimeMonitoring: true, eksAddonManagement: true, s3DataEvents: true, ebsMalwareProtection: true }],
    [{ eksRuntimeMonitoring: false, malwareProtection: true, s3Protection: true },
      { eksAuditLogs: true, runtimeMonitoring: false, eksAddonManagement: false, s3DataEvents: true, ebsMalwareProtection: true }],
    [{ eksRuntimeMonitoring: true, malwareProtection: false, s3Protection: false },
      { eksAuditLogs: true, runtimeMonitoring: true, eksAddonManagement: true, s3DataEvents: false, ebsMalwareProtection: false }],
  ])('guardduty %j → %j', (guardduty, expected) => {
    const model = withGuardDuty(guardduty);
    const env = model.environments[0]!;
    expect(securityPlan(model, env, env.regions[0]!).threatDetection).toEqual(expected);
  });
});
