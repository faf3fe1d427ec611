import { Stack, Validations, aws_backup as backup } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AccessLogBucket } from '../../constructs/audit/access-log-bucket';
import { AuditBucket } from '../../constructs/audit/audit-bucket';
import { AuditTrail } from '../../constructs/audit/audit-trail';
import { RegionalBackup } from '../../constructs/audit/regional-backup';
import { auditPlan } from '../mapping/audit';
import { withinStackLimits } from './private/resource-budget';
import type { PlatformKeys } from './security-stack';
import type { RegionalStackProps } from './stack-props';

/** What to change when the stack passes its resource or template limit. */
const LIMITS_FIX = 'it holds the trail, audit buckets and backup plan of the region, independent of tenants; report the figure as a bug';

export interface AuditStackProps extends RegionalStackProps {
  readonly keys: PlatformKeys;
}

/** CloudTrail, the Object Lock audit bucket, its replication, and AWS Backup plans of one region. */
export class AuditStack extends Stack {
  public readonly auditBucket: AuditBucket;
  public readonly accessLogs: AccessLogBucket;
  /** The environment's multi-region trail; only in its primary region. */
  public readonly trail?: AuditTrail;
  public readonly backup: RegionalBackup;
  /**
   * The region whose audit bucket replicates into this stack's, which must
   * therefore deploy first; undefined when none does. The platform wires the
   * dependency (`lib/platform/platform.ts`).
   */
  public readonly replicationSourceRegion?: string;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, withinStackLimits(props, LIMITS_FIX));
    const { model, environment, region, keys } = props;
    const plan = auditPlan(model, environment, region);

    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', plan.accessLogs);
    this.auditBucket = new AuditBucket(this, 'AuditBucket', {
      ...plan.bucket,
      encryptionKey: keys.logs,
      serverAccessLogsBucket: this.accessLogs.bucket,
    });
    if (plan.trail) {
      this.trail = new AuditTrail(this, 'Trail', {
        ...plan.trail,
        bucket: this.auditBucket.bucket,
        encryptionKey: keys.logs,
        recordObjectAccessTo: [this.auditBucket.bucket],
      });
    }
    this.backup = new RegionalBackup(this, 'Backup', {
      ...plan.backup,
      encryptionKey: keys.data,
      ...(plan.backupCopyVaultArn ? { copyTo: backup.BackupVault.fromBackupVaultArn(this, 'DrVault', plan.backupCopyVaultArn) } : {}),
    });

    if (plan.replicationSourceRegion) this.replicationSourceRegion = plan.replicationSourceRegion;

    this.acknowledgeFindings(plan.primary, plan.bucket.replication !== undefined, region.region, environment.name);
  }

  /** Rule findings that do not apply to this region's resources, each with the reason. */
  private acknowledgeFindings(primary: boolean, replicates: boolean, region: string, environment: string): void {
    if (replicates) return;
    const reason = primary
      ? `Environment ${environment} names no dr_region for its primary region ${region}: the definition keeps audit records in one region. Set regions[].dr_region to replicate them.`
      : `The audit bucket of ${region} receives no audit records of its own (the environment's trail is multi-region and delivers to the primary region); it holds replicas, which S3 does not replicate again.`;
    for (const id of ['HIPAA.Security-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3BucketReplicationEnabled']) {
      Validations.of(this.auditBucket.bucket).acknowledge({ id, reason });
    }
  }
}
