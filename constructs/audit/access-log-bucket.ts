import { Duration, RemovalPolicy, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AccessLogBucketProps {
  /**
   * How long access log objects are kept before they expire.
   * @default - never expire
   */
  readonly expiration?: Duration;
  /**
   * Age at which access log objects move to S3 Glacier Flexible Retrieval.
   * Dropped when it is not before `expiration`.
   * @default Duration.days(90)
   */
  readonly glacierAfter?: Duration;
  /**
   * What happens to the bucket when it leaves the stack. Access logs are
   * audit evidence, so the bucket is kept.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The bucket that receives S3 server access logs of audit buckets.
 *
 * Secure defaults: every public access blocked, TLS 1.2+ only, versioned,
 * bucket-owner-enforced ownership (delivery is granted by bucket policy to
 * `logging.s3.amazonaws.com`, per source bucket), SSE-S3 encryption (server
 * access log delivery does not support SSE-KMS default encryption on the target
 * bucket), incomplete uploads aborted after a day, noncurrent versions expired
 * after 90 days. No Object Lock: S3 does not deliver access logs to buckets
 * with a default retention.
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    const glacierAfter = props.glacierAfter ?? Duration.days(90);
    const keepsTransition = !props.expiration || glacierAfter.toDays() < props.expiration.toDays();
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [{
        id: 'archive-and-expire',
        abortIncompleteMultipartUploadAfter: Duration.days(1),
        noncurrentVersionExpiration: Duration.days(90),
        ...(keepsTransition ? { transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: glacierAfter }] } : {}),
        ...(props.expiration ? { expiration: props.expiration } : {}),
      }],
    });
    for (const id of ['HIPAA.Security-S3DefaultEncryptionKMS', 'NIST.800.53.R5-S3DefaultEncryptionKMS']) {
      Validations.of(this.bucket).acknowledge({ id, reason: 'S3 server access log delivery supports only SSE-S3 default encryption on the target bucket; this access-log bucket is SSE-S3 encrypted.' });
    }
    for (const id of ['HIPAA.Security-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3BucketReplicationEnabled']) {
      Validations.of(this.bucket).acknowledge({ id, reason: 'Server access logs of the audit buckets are kept versioned in their region; the audit records they describe are replicated by the audit bucket itself.' });
    }
  }
}
