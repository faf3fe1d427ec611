import { RemovalPolicy, Stack, aws_cloudtrail as cloudtrail, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import type { aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AuditTrailProps {
  /** Name of the trail, unique in the account and region. */
  readonly trailName: string;
  /** Bucket the log files are delivered to (under `AWSLogs/<account>/`). */
  readonly bucket: s3.IBucket;
  /**
   * Key the log files are encrypted with. Its policy must let
   * `cloudtrail.amazonaws.com` generate data keys for this account's trails
   * (`PlatformKeyring` grants it on the logs key).
   */
  readonly encryptionKey: kms.IKey;
  /** How long the CloudWatch Logs copy of the events is kept. */
  readonly logRetention: logs.RetentionDays;
  /**
   * Name of the log group the events are also delivered to.
   * @default `/cloudtrail/${trailName}`
   */
  readonly logGroupName?: string;
  /**
   * Key of the log group. Its policy must let `logs.<region>.amazonaws.com` use
   * it for this account's log groups.
   * @default encryptionKey
   */
  readonly logEncryptionKey?: kms.IKey;
  /**
   * Record events of every region of the account (and global services).
   * @default true
   */
  readonly multiRegion?: boolean;
  /**
   * Buckets whose object-level (data) events are recorded as well: reads,
   * deletes, retention and legal-hold changes, every S3 object API except
   * `PutObject`, which on the trail's own bucket would record the trail's own
   * deliveries. Log file integrity is covered by log file validation instead.
   * @default - no data events
   */
  readonly recordObjectAccessTo?: readonly s3.IBucket[];
  /**
   * What happens to the log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A CloudTrail trail of every management event, delivered to an audit bucket
 * and to a CloudWatch Logs group.
 *
 * Secure defaults: multi-region with global service events, log file
 * validation (digest files), SSE-KMS log files, KMS-encrypted log group kept
 * for the given retention and when the trail leaves the stack. The bucket
 * policy statements it adds name this trail (`aws:SourceArn`), so no other
 * trail can write to the bucket through them.
 */
export class AuditTrail extends Construct {
  public readonly trail: cloudtrail.CfnTrail;
  public readonly logGroup: logs.LogGroup;
  /** ARN of the trail, built from its name (also valid before it exists). */
  public readonly trailArn: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: props.trailName });
    const principal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const fromThisTrail = { StringEquals: { 'aws:SourceArn': this.trailArn } };

    const policyAdded = [
      props.bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: `CloudTrailAclCheck${props.trailName.replace(/[^A-Za-z0-9]/g, '')}`,
        principals: [principal],
        actions: ['s3:GetBucketAcl'],
        resources: [props.bucket.bucketArn],
        conditions: fromThisTrail,
      })),
      props.bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: `CloudTrailWrite${props.trailName.replace(/[^A-Za-z0-9]/g, '')}`,
        principals: [principal],
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
        conditions: { StringEquals: { ...fromThisTrail.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
      })),
    ];

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName ?? `/cloudtrail/${props.trailName}`,
      retention: props.logRetention,
      encryptionKey: props.logEncryptionKey ?? props.encryptionKey,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    const logsRole = new iam.Role(this, 'LogsRole', {
      description: `CloudTrail ${props.trailName} delivery to CloudWatch Logs`,
      assumedBy: principal.withConditions({ StringEquals: { 'aws:SourceAccount': stack.account } }),
    });
    const logsPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: `CloudTrail ${props.trailName}: write to its log group only`,
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      })],
      roles: [logsRole],
    });

    const objectSelectors = (props.recordObjectAccessTo ?? []).map((bucket): cloudtrail.CfnTrail.AdvancedEventSelectorProperty => ({
      name: `Object events of ${bucket.bucketName}`,
      fieldSelectors: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        { field: 'resources.ARN', startsWith: [bucket.arnForObjects('')] },
        { field: 'eventName', notEquals: ['PutObject'] },
      ],
    }));

    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: props.trailName,
      isLogging: true,
      isMultiRegionTrail: props.multiRegion ?? true,
      includeGlobalServiceEvents: props.multiRegion ?? true,
      enableLogFileValidation: true,
      s3BucketName: props.bucket.bucketName,
      kmsKeyId: props.encryptionKey.keyArn,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: logsRole.roleArn,
      advancedEventSelectors: [
        { name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        ...objectSelectors,
      ],
    });
    // CloudTrail checks bucket access and the logs role when the trail is created.
    if (policyAdded.some((r) => r.statementAdded) && props.bucket.policy) this.trail.node.addDependency(props.bucket.policy);
    this.trail.node.addDependency(logsRole, logsPolicy);
  }
}
