/**
 * Model → props of the audit constructs of one region: the Object Lock audit
 * bucket and its access-log bucket, the environment's multi-region trail (in
 * the primary region only), and the AWS Backup vault and plan. Pure functions
 * of the resolved model; the stack adds the keys and buckets only synthesis
 * knows. Names that other regions use (audit bucket, backup vault, key alias)
 * are derived from the definition so that no cross-region reference is needed.
 */
import { Duration, aws_events as events, aws_s3 as s3 } from 'aws-cdk-lib';
import type { EnvironmentModel, OrganizationModel, RegionModel, WorkspaceModel } from '../definition/model';
import type { AccessLogBucketProps } from '../../constructs/audit/access-log-bucket';
import type { AuditBucketProps } from '../../constructs/audit/audit-bucket';
import type { AuditTrailProps } from '../../constructs/audit/audit-trail';
import type { BackupTag, RegionalBackupProps } from '../../constructs/audit/regional-backup';
import { partitionOf } from './guardrails';
import { keyAliasPrefix, retentionDaysAtLeast } from './security';

const SECONDS_PER_HOUR = 3_600;
const SECONDS_PER_DAY = 86_400;
/** Hours that divide a day, so an "every N hours" cron runs at even intervals across midnight. */
const HOURS_DIVIDING_A_DAY = [1, 2, 3, 4, 6, 8, 12] as const;

/** Tag that opts a resource of the environment into its region's backup plan. */
export const BACKUP_TAG: BackupTag = { key: 'oaas:backup', value: 'true' };

/** The environment's primary region: its first, which hosts the multi-region trail and the budgets. */
export function primaryRegion(env: EnvironmentModel): string {
  const first = env.regions[0];
  if (!first) throw new Error(`environment "${env.name}": expected at least one region, got none`);
  return first.region;
}

/** `acme-production-eu-west-1-audit-300000000000`: globally unique and derivable from any region. */
export function auditBucketName(org: OrganizationModel, env: EnvironmentModel, region: string): string {
  return `${org.name}-${env.name}-${region}-audit-${env.account}`;
}

/** `acme-production-eu-west-1-backup`: vault names are per account and region. */
export function backupVaultName(org: OrganizationModel, env: EnvironmentModel, region: string): string {
  return `${org.name}-${env.name}-${region}-backup`;
}

/** The ARN of the backup vault of `region`, for copy actions from other regions. */
export function backupVaultArn(org: OrganizationModel, env: EnvironmentModel, region: string): string {
  return `arn:${partitionOf(region)}:backup:${region}:${env.account}:backup-vault:${backupVaultName(org, env, region)}`;
}

/** `acme-production-audit`: the environment's one multi-region trail. */
export function trailName(org: OrganizationModel, env: EnvironmentModel): string {
  return `${org.name}-${env.name}-audit`;
}

/** The logs key's alias in every region (see `PlatformKeyring`): what replicas are encrypted with. */
export function auditKeyAlias(org: OrganizationModel, env: EnvironmentModel): string {
  return `${keyAliasPrefix(org, env)}/logs`;
}

/** Whole days covering `seconds` (a retention is rounded up, never down). */
export function daysCovering(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`expected a positive number of seconds, got ${seconds}`);
  return Math.ceil(seconds / SECONDS_PER_DAY);
}

/** Object Lock default retention: the audit retention (whole days) in the governance file's mode. */
export function objectLockRetention(model: WorkspaceModel): s3.ObjectLockRetention {
  const duration = Duration.days(daysCovering(model.auditRetention));
  return model.governance.audit.objectLockMode === 'governance'
    ? s3.ObjectLockRetention.governance(duration)
    : s3.ObjectLockRetention.compliance(duration);
}

/**
 * The AWS Backup cron expression (UTC) for a backup every `seconds`, never
 * less often: AWS Backup runs at most hourly and cron steps must divide their
 * period, so the interval is rounded down to 1, 2, 3, 4, 6, 8 or 12 hours, a
 * day (05:00 UTC), a week (Sunday) or a month (the 1st).
 */
export function backupSchedule(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < SECONDS_PER_HOUR) {
    throw new Error(`backup frequency: expected at least 1 hour (AWS Backup's shortest interval), got ${seconds} seconds. Raise disaster_recovery.rpo/backup_frequency to 1h or more.`);
  }
  const hours = Math.floor(seconds / SECONDS_PER_HOUR);
  if (hours < 24) {
    const step = [...HOURS_DIVIDING_A_DAY].reverse().find((h) => h <= hours)!;
    return step === 1 ? 'cron(0 * * * ? *)' : `cron(0 0/${step} * * ? *)`;
  }
  if (hours < 24 * 7) return 'cron(0 5 * * ? *)';
  if (hours < 24 * 28) return 'cron(0 5 ? * SUN *)';
  return 'cron(0 5 1 * ? *)';
}

/** Props of everything the audit stack of one region builds, except keys and the buckets it wires together. */
export interface AuditPlan {
  /** Whether this region hosts the environment's multi-region trail. */
  readonly primary: boolean;
  readonly accessLogs: AccessLogBucketProps;
  readonly bucket: Omit<AuditBucketProps, 'encryptionKey' | 'serverAccessLogsBucket'>;
  /** Only in the primary region. */
  readonly trail?: Omit<AuditTrailProps, 'bucket' | 'encryptionKey' | 'recordObjectAccessTo'>;
  readonly backup: Omit<RegionalBackupProps, 'encryptionKey' | 'copyTo'>;
  /** ARN of the DR region's vault that recovery points are copied to. */
  readonly backupCopyVaultArn?: string;
  /**
   * Region whose audit bucket replicates into this one: its audit stack must
   * deploy after this one (S3 requires the destination bucket to exist).
   */
  readonly replicationSourceRegion?: string;
}

/**
 * The audit plan of `region`. Only the primary region's bucket receives audit
 * records (the trail is multi-region), so only it replicates, to its
 * `dr_region`; the others hold replicas and are ready to take over. Buckets
 * never replicate into each other in a cycle, which CloudFormation could not
 * deploy: a replication destination must exist first.
 */
export function auditPlan(model: WorkspaceModel, env: EnvironmentModel, region: RegionModel): AuditPlan {
  const org = model.organization;
  const primary = primaryRegion(env);
  const isPrimary = region.region === primary;
  const retention = Duration.days(daysCovering(model.auditRetention));
  const primaryDr = env.regions.find((r) => r.region === primary)?.drRegion;
  const bucketName = auditBucketName(org, env, region.region);
  const retentionDays = daysCovering(env.disasterRecovery.backupRetention);
  return {
    primary: isPrimary,
    accessLogs: { expiration: retention },
    bucket: {
      bucketName,
      objectLockRetention: objectLockRetention(model),
      expiration: retention,
      ...(isPrimary && region.drRegion
        ? {
          replication: {
            destinationRegion: region.drRegion,
            destinationBucketName: auditBucketName(org, env, region.drRegion),
            destinationKeyAlias: auditKeyAlias(org, env),
          },
        }
        : {}),
    },
    ...(isPrimary
      ? {
        trail: {
          trailName: trailName(org, env),
          logGroupName: `/oaas/${org.name}/${env.name}/cloudtrail`,
          logRetention: retentionDaysAtLeast(model.auditRetention),
          multiRegion: true,
        },
      }
      : {}),
    backup: {
      backupVaultName: backupVaultName(org, env, region.region),
      backupPlanName: `${org.name}-${env.name}-${region.region}`,
      schedule: events.Schedule.expression(backupSchedule(env.disasterRecovery.backupFrequency)),
      deleteAfter: Duration.days(retentionDays),
      selectionTag: BACKUP_TAG,
      lock: true,
    },
    ...(region.drRegion ? { backupCopyVaultArn: backupVaultArn(org, env, region.drRegion) } : {}),
    ...(!isPrimary && primaryDr === region.region ? { replicationSourceRegion: primary } : {}),
  };
}
