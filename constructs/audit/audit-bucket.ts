import { Duration, RemovalPolicy, Stack, Token, Validations, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import type { aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { objectLockConfiguration } from './private/object-lock';
import { bucketArn, destinationKeyAliasArn, replicationStatements } from './private/replication-statements';

/** Where an audit bucket replicates to: a bucket of the same account in another region. */
export interface AuditReplicationOptions {
  /** Region of the destination bucket; not the bucket's own region. */
  readonly destinationRegion: string;
  /** Name of the destination bucket, which must exist (versioned, Object Lock on) before replication is configured. */
  readonly destinationBucketName: string;
  /**
   * Alias (`alias/...`) of the KMS key replicas are encrypted with in the
   * destination region. The key's policy must let the account's IAM principals
   * use it (the default root statement does).
   */
  readonly destinationKeyAlias: string;
}

export interface AuditBucketProps {
  /**
   * Physical name of the bucket. Fixed, so that other regions can replicate
   * to it without a cross-region reference.
   */
  readonly bucketName: string;
  /** Default encryption (SSE-KMS, with an S3 Bucket Key). */
  readonly encryptionKey: kms.IKey;
  /** Object Lock mode and default retention of every new object version. */
  readonly objectLockRetention: s3.ObjectLockRetention;
  /** Bucket that receives this bucket's server access logs. */
  readonly serverAccessLogsBucket: s3.IBucket;
  /**
   * Prefix of this bucket's access logs in `serverAccessLogsBucket`.
   * @default `${bucketName}/`
   */
  readonly serverAccessLogsPrefix?: string;
  /**
   * Age at which object versions move to S3 Glacier Flexible Retrieval
   * (noncurrent versions: a third of it after they become noncurrent).
   * Dropped when not before `expiration`.
   * @default Duration.days(90)
   */
  readonly glacierAfter?: Duration;
  /**
   * Age at which object versions move to S3 Glacier Deep Archive (noncurrent
   * versions: a third of it after they become noncurrent). Dropped when not
   * before `expiration` or less than 90 days after `glacierAfter`.
   * @default Duration.days(365)
   */
  readonly deepArchiveAfter?: Duration;
  /**
   * Age at which current versions expire (a delete marker is added) and how
   * long noncurrent versions are kept after they become noncurrent. Object
   * Lock still keeps every version until its retention date.
   * @default - never
   */
  readonly expiration?: Duration;
  /**
   * Replicate every new object version to another region.
   * @default - no replication
   */
  readonly replication?: AuditReplicationOptions;
  /**
   * What happens to the bucket when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const GLACIER_TO_DEEP_ARCHIVE_DAYS = 90;

/**
 * The write-once bucket audit records are delivered to.
 *
 * Secure defaults: Object Lock on every version with the given mode and
 * default retention (written in years when whole), versioned, SSE-KMS with a
 * bucket key, every public access blocked, TLS 1.2+ only, bucket owner owns
 * every object, server access logs to a separate bucket, lifecycle to Glacier
 * and Deep Archive, retained when it leaves the stack. With `replication`,
 * every new version is replicated (delete markers are not) by a role that may
 * only read this bucket and write to the named destination with its key.
 */
export class AuditBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** The role S3 assumes to replicate (its permissions are a customer-managed policy); undefined without `replication`. */
  public readonly replicationRole?: iam.Role;

  constructor(scope: Construct, id: string, props: AuditBucketProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.bucketName) && !BUCKET_NAME.test(props.bucketName)) {
      throw new Error(`AuditBucket ${this.node.path}: expected a bucket name of 3 to 63 lowercase letters, digits, "." or "-", got "${props.bucketName}" (${props.bucketName.length} characters). Shorten the organization or environment name.`);
    }
    const stack = Stack.of(this);
    if (props.replication && props.replication.destinationRegion === stack.region) {
      throw new Error(`AuditBucket ${props.bucketName}: expected a replication destination in another region than ${stack.region}; pick a different dr_region.`);
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsPrefix ?? `${props.bucketName}/`,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [lifecycleRule(props)],
    });
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.objectLockConfiguration = objectLockConfiguration(props.objectLockRetention.mode, props.objectLockRetention.duration);

    if (props.replication) {
      const endpoints = {
        partition: stack.partition,
        account: stack.account,
        sourceRegion: stack.region,
        sourceBucketName: props.bucketName,
        sourceKeyArn: props.encryptionKey.keyArn,
        ...props.replication,
      };
      const role = new iam.Role(this, 'ReplicationRole', {
        description: `S3 replication of ${props.bucketName} to ${props.replication.destinationBucketName}`,
        assumedBy: new iam.ServicePrincipal('s3.amazonaws.com').withConditions({
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': bucketArn(stack.partition, props.bucketName) },
        }),
      });
      const policy = new iam.ManagedPolicy(this, 'ReplicationPolicy', {
        description: `S3 replication of ${props.bucketName}: read it, write replicas to ${props.replication.destinationBucketName}`,
        statements: replicationStatements(endpoints),
        roles: [role],
      });
      cfnBucket.replicationConfiguration = {
        role: role.roleArn,
        rules: [{
          id: `replicate-to-${props.replication.destinationRegion}`,
          priority: 0,
          status: 'Enabled',
          filter: { prefix: '' },
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: bucketArn(stack.partition, props.replication.destinationBucketName),
            encryptionConfiguration: { replicaKmsKeyId: destinationKeyAliasArn(endpoints) },
          },
        }],
      };
      // S3 checks the role when replication is configured: its policy must be attached first.
      cfnBucket.node.addDependency(policy);
      const source = bucketArn(stack.partition, props.bucketName);
      const destination = bucketArn(stack.partition, props.replication.destinationBucketName);
      Validations.of(policy).acknowledge(
        { id: `AwsSolutions-IAM5[Resource::${source}/*]`, reason: `Replication reads every object version of ${props.bucketName}; object keys are not known in advance.` },
        { id: `AwsSolutions-IAM5[Resource::${destination}/*]`, reason: `Replicas of any key are written to ${props.replication.destinationBucketName}, and only there.` },
        {
          id: `AwsSolutions-IAM5[Resource::arn:${stack.partition}:kms:${props.replication.destinationRegion}:${stack.account}:key/*]`,
          reason: `The destination key lives in ${props.replication.destinationRegion} and cannot be referenced across regions; the statement is narrowed to the key aliased ${props.replication.destinationKeyAlias} (kms:ResourceAliases), used through S3 in that region for the destination bucket only.`,
        },
      );
      this.replicationRole = role;
    }
  }
}

function lifecycleRule(props: AuditBucketProps): s3.LifecycleRule {
  const expirationDays = props.expiration?.toDays();
  const glacier = (props.glacierAfter ?? Duration.days(90)).toDays();
  const deepArchive = (props.deepArchiveAfter ?? Duration.days(365)).toDays();
  const beforeExpiration = (days: number) => expirationDays === undefined || days < expirationDays;
  const keepGlacier = beforeExpiration(glacier);
  const keepDeepArchive = beforeExpiration(deepArchive) && (!keepGlacier || deepArchive - glacier >= GLACIER_TO_DEEP_ARCHIVE_DAYS);
  const noncurrent = (days: number) => Math.max(1, Math.floor(days / 3));
  const transitions: s3.Transition[] = [];
  const noncurrentTransitions: s3.NoncurrentVersionTransition[] = [];
  if (keepGlacier) {
    transitions.push({ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(glacier) });
    noncurrentTransitions.push({ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(noncurrent(glacier)) });
  }
  if (keepDeepArchive) {
    transitions.push({ storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(deepArchive) });
    const after = keepGlacier ? Math.max(noncurrent(deepArchive), noncurrent(glacier) + GLACIER_TO_DEEP_ARCHIVE_DAYS) : noncurrent(deepArchive);
    if (beforeExpiration(after)) noncurrentTransitions.push({ storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(after) });
  }
  return {
    id: 'archive-and-expire',
    abortIncompleteMultipartUploadAfter: Duration.days(1),
    ...(transitions.length > 0 ? { transitions, noncurrentVersionTransitions: noncurrentTransitions } : {}),
    ...(expirationDays !== undefined
      ? { expiration: Duration.days(expirationDays), noncurrentVersionExpiration: Duration.days(expirationDays) }
      : {}),
  };
}
