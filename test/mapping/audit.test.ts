import { Duration, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import type { WorkspaceModel } from '../../lib/definition/model';
import {
  BACKUP_TAG, auditBucketName, auditKeyAlias, auditPlan, backupSchedule, backupVaultArn, backupVaultName, daysCovering,
  objectLockRetention, primaryRegion, trailName,
} from '../../lib/mapping/audit';
import { exampleModel } from '../helpers/workspace';

const HOUR = 3600;
const DAY = 86_400;

describe('backupSchedule', () => {
  test.each([
    [HOUR, 'cron(0 * * * ? *)'],
    [90 * 60, 'cron(0 * * * ? *)'],
    [2 * HOUR, 'cron(0 0/2 * * ? *)'],
    [4 * HOUR, 'cron(0 0/4 * * ? *)'],
    [5 * HOUR, 'cron(0 0/4 * * ? *)'],
    [6 * HOUR, 'cron(0 0/6 * * ? *)'],
    [12 * HOUR, 'cron(0 0/12 * * ? *)'],
    [23 * HOUR, 'cron(0 0/12 * * ? *)'],
    [DAY, 'cron(0 5 * * ? *)'],
    [3 * DAY, 'cron(0 5 * * ? *)'],
    [7 * DAY, 'cron(0 5 ? * SUN *)'],
    [30 * DAY, 'cron(0 5 1 * ? *)'],
  ])('every %i seconds runs on %s (never less often)', (seconds, expected) => {
    expect(backupSchedule(seconds)).toBe(expected);
  });

  test.each([0, 59 * 60, Number.NaN])('refuses %s seconds, below AWS Backup\'s hourly minimum', (seconds) => {
    expect(() => backupSchedule(seconds)).toThrow(/expected at least 1 hour.*Raise disaster_recovery/);
  });
});

test.each([
  [1, 1], [DAY, 1], [DAY + 1, 2], [7 * 365 * DAY, 2555],
])('daysCovering(%i) is %i (rounded up)', (seconds, days) => {
  expect(daysCovering(seconds)).toBe(days);
});

describe('objectLockRetention', () => {
  const withMode = (model: WorkspaceModel, mode: 'compliance' | 'governance'): WorkspaceModel =>
    ({ ...model, governance: { ...model.governance, audit: { ...model.governance.audit, objectLockMode: mode } } });

  test.each([
    ['compliance', s3.ObjectLockMode.COMPLIANCE],
    ['governance', s3.ObjectLockMode.GOVERNANCE],
  ] as const)('uses the governance file\'s %s mode', (mode, expected) => {
    expect(objectLockRetention(withMode(exampleModel('enterprise'), mode)).mode).toBe(expected);
  });

  test('keeps objects for the audit retention: 7 years in the enterprise example, 1 year in the starter', () => {
    expect(objectLockRetention(exampleModel('enterprise')).duration.toDays()).toBe(7 * 365);
    expect(objectLockRetention(exampleModel('starter')).duration.toDays()).toBe(365);
  });
});

describe('names', () => {
  const model = exampleModel('enterprise');
  const env = model.environments.find((e) => e.name === 'production')!;

  test.each([
    ['audit bucket', auditBucketName(model.organization, env, 'eu-west-1'), 'acme-production-eu-west-1-audit-300000000000'],
    ['backup vault', backupVaultName(model.organization, env, 'eu-west-1'), 'acme-production-eu-west-1-backup'],
    ['backup vault ARN', backupVaultArn(model.organization, env, 'eu-west-1'), 'arn:aws:backup:eu-west-1:300000000000:backup-vault:acme-production-eu-west-1-backup'],
    ['trail', trailName(model.organization, env), 'acme-production-audit'],
    ['key alias', auditKeyAlias(model.organization, env), 'alias/acme/production/logs'],
    ['primary region', primaryRegion(env), 'us-east-1'],
  ])('%s is %s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('auditPlan', () => {
  const enterprise = exampleModel('enterprise');
  const production = enterprise.environments.find((e) => e.name === 'production')!;
  const region = (name: string) => production.regions.find((r) => r.region === name)!;

  test('only the primary region gets the trail, multi-region, with logs kept for the audit retention', () => {
    const plans = production.regions.map((r) => auditPlan(enterprise, production, r));
    expect(plans.map((p) => [p.primary, p.trail !== undefined])).toEqual([[true, true], [false, false], [false, false]]);
    expect(plans[0]!.trail).toEqual({
      trailName: 'acme-production-audit',
      logGroupName: '/oaas/acme/production/cloudtrail',
      logRetention: logs.RetentionDays.SEVEN_YEARS,
      multiRegion: true,
    });
  });

  test('only the primary bucket replicates, to its DR region\'s bucket, with the logs key alias', () => {
    expect(auditPlan(enterprise, production, region('us-east-1')).bucket.replication).toEqual({
      destinationRegion: 'eu-west-1',
      destinationBucketName: 'acme-production-eu-west-1-audit-300000000000',
      destinationKeyAlias: 'alias/acme/production/logs',
    });
    expect(auditPlan(enterprise, production, region('eu-west-1')).bucket.replication).toBeUndefined();
    expect(auditPlan(enterprise, production, region('ap-southeast-1')).bucket.replication).toBeUndefined();
  });

  test('the primary\'s DR region knows it is the replication destination', () => {
    expect(auditPlan(enterprise, production, region('eu-west-1')).replicationSourceRegion).toBe('us-east-1');
    expect(auditPlan(enterprise, production, region('ap-southeast-1')).replicationSourceRegion).toBeUndefined();
    expect(auditPlan(enterprise, production, region('us-east-1')).replicationSourceRegion).toBeUndefined();
  });

  test('every region backs up on the DR schedule and copies to its DR region\'s vault', () => {
    const plan = auditPlan(enterprise, production, region('ap-southeast-1'));
    expect(plan.backup).toMatchObject({
      backupVaultName: 'acme-production-ap-southeast-1-backup',
      backupPlanName: 'acme-production-ap-southeast-1',
      selectionTag: BACKUP_TAG,
      lock: true,
    });
    expect(plan.backup.schedule.expressionString).toBe('cron(0 * * * ? *)');
    expect(plan.backup.deleteAfter.toDays()).toBe(35);
    expect(plan.backupCopyVaultArn).toBe('arn:aws:backup:us-east-1:300000000000:backup-vault:acme-production-us-east-1-backup');
  });

  test('the starter region has a trail, no replication and no backup copy, and backs up every 12 hours for 35 days', () => {
    const starter = exampleModel('starter');
    const env = starter.environments[0]!;
    const plan = auditPlan(starter, env, env.regions[0]!);
    expect(plan.trail?.logRetention).toBe(logs.RetentionDays.ONE_YEAR);
    expect(plan.bucket.replication).toBeUndefined();
    expect(plan.backupCopyVaultArn).toBeUndefined();
    expect(plan.backup.schedule.expressionString).toBe('cron(0 0/12 * * ? *)');
    expect(plan.backup.deleteAfter.toDays()).toBe(35);
    expect(plan.bucket.expiration?.toDays()).toBe(365);
    expect(plan.accessLogs.expiration?.toDays()).toBe(365);
  });

  test('staging backs up every 4 hours and keeps backups 14 days', () => {
    const staging = enterprise.environments.find((e) => e.name === 'staging')!;
    const plan = auditPlan(enterprise, staging, staging.regions[0]!);
    expect(plan.backup.schedule.expressionString).toBe('cron(0 0/4 * * ? *)');
    expect(plan.backup.deleteAfter).toEqual(Duration.days(14));
  });
});
