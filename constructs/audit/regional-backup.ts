import { Duration, RemovalPolicy, Validations, aws_backup as backup, aws_iam as iam } from 'aws-cdk-lib';
import type { aws_events as events, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** A resource tag that opts resources into the backup plan. */
export interface BackupTag {
  readonly key: string;
  readonly value: string;
}

export interface RegionalBackupProps {
  /** Name of the vault; fixed, so that other regions can copy into it by ARN. */
  readonly backupVaultName: string;
  /** Name of the plan. */
  readonly backupPlanName: string;
  /** Key the vault encrypts recovery points with. */
  readonly encryptionKey: kms.IKey;
  /** When backups run: a cron expression, at most once an hour. */
  readonly schedule: events.Schedule;
  /** How long a recovery point is kept (whole days, at least one). */
  readonly deleteAfter: Duration;
  /**
   * Vault (usually in the DR region) every recovery point is copied to, kept as long as the original.
   * @default - no copy
   */
  readonly copyTo?: backup.IBackupVault;
  /**
   * Resources carrying this tag are backed up.
   * @default { key: 'oaas:backup', value: 'true' }
   */
  readonly selectionTag?: BackupTag;
  /**
   * Lock the vault in governance mode with a minimum retention of
   * `deleteAfter`: no recovery point can be deleted or shortened before then,
   * except by principals allowed to remove the lock.
   * @default true
   */
  readonly lock?: boolean;
  /**
   * What happens to the vault when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The tag that opts a resource into backups unless the props name another. */
export const DEFAULT_BACKUP_TAG: BackupTag = { key: 'oaas:backup', value: 'true' };

/**
 * An AWS Backup vault, a plan with one rule and a selection by tag.
 *
 * Secure defaults: the vault is encrypted with the given key, denies deleting
 * recovery points or changing their lifecycle to every principal, is locked
 * (governance mode) for the retention period and retained when it leaves the
 * stack; recovery points are optionally copied to another vault. The
 * selection's role carries the AWS managed backup policy only (no restores).
 */
export class RegionalBackup extends Construct {
  public readonly vault: backup.BackupVault;
  public readonly plan: backup.BackupPlan;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RegionalBackupProps) {
    super(scope, id);
    const retentionDays = props.deleteAfter.toDays({ integral: false });
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      throw new Error(`RegionalBackup ${props.backupPlanName}: expected a retention of whole days (at least 1), got ${props.deleteAfter.toHumanString()}`);
    }
    if (!/^[a-zA-Z0-9_-]{2,50}$/.test(props.backupVaultName)) {
      throw new Error(`RegionalBackup: expected a vault name of 2 to 50 letters, digits, "-" or "_", got "${props.backupVaultName}". Shorten the organization or environment name.`);
    }
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.backupVaultName,
      encryptionKey: props.encryptionKey,
      blockRecoveryPointDeletion: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      ...((props.lock ?? true) ? { lockConfiguration: { minRetention: Duration.days(retentionDays) } } : {}),
    });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: props.backupPlanName,
      backupVault: this.vault,
      backupPlanRules: [new backup.BackupPlanRule({
        ruleName: 'scheduled',
        scheduleExpression: props.schedule,
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(8),
        deleteAfter: Duration.days(retentionDays),
        ...(props.copyTo ? { copyActions: [{ destinationBackupVault: props.copyTo, deleteAfter: Duration.days(retentionDays) }] } : {}),
      })],
    });
    this.role = new iam.Role(this, 'SelectionRole', {
      description: `AWS Backup plan ${props.backupPlanName}: back up tagged resources`,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup')],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: 'The selection picks resources by tag, of any type AWS Backup supports; AWS maintains this service-role policy as Backup adds resource types, and it grants backup only (no restore).',
    });
    const tag = props.selectionTag ?? DEFAULT_BACKUP_TAG;
    this.plan.addSelection('Tagged', {
      backupSelectionName: `tag-${tag.key}-${tag.value}`.replace(/[^a-zA-Z0-9_.-]/g, '-'),
      resources: [backup.BackupResource.fromTag(tag.key, tag.value)],
      role: this.role,
      allowRestores: false,
    });
  }
}
