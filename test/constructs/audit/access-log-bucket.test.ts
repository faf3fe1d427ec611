import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { AccessLogBucket } from '../../../constructs/audit/access-log-bucket';
import type { AccessLogBucketProps } from '../../../constructs/audit/access-log-bucket';

function template(props?: AccessLogBucketProps): Template {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Logs', { env: { account: '222222222222', region: 'eu-west-1' } });
  new AccessLogBucket(stack, 'AccessLogs', props);
  return Template.fromStack(stack);
}

test('is SSE-S3 encrypted, versioned, private, owner-enforced and retained', () => {
  const t = template();
  t.hasResource('AWS::S3::Bucket', {
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      ObjectLockEnabled: Match.absent(),
    },
  });
});

test('denies requests without TLS 1.2', () => {
  template().hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    },
  });
});

test('archives to Glacier and expires at the given age', () => {
  template({ expiration: Duration.days(2555) }).hasResourceProperties('AWS::S3::Bucket', {
    LifecycleConfiguration: {
      Rules: [Match.objectLike({
        ExpirationInDays: 2555,
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      })],
    },
  });
});

test('drops the Glacier transition when objects expire first', () => {
  template({ expiration: Duration.days(60) }).hasResourceProperties('AWS::S3::Bucket', {
    LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 60, Transitions: Match.absent() })] },
  });
});

test('never expires objects by default', () => {
  template().hasResourceProperties('AWS::S3::Bucket', {
    LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: Match.absent() })] },
  });
});
