import { App, Duration, Stack, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { AuditBucket } from '../../../constructs/audit/audit-bucket';
import type { AuditBucketProps } from '../../../constructs/audit/audit-bucket';

const NAME = 'acme-prod-us-east-1-audit-300000000000';
const DR_NAME = 'acme-prod-eu-west-1-audit-300000000000';
const replication = { destinationRegion: 'eu-west-1', destinationBucketName: DR_NAME, destinationKeyAlias: 'alias/acme/prod/logs' };

function build(props: Partial<AuditBucketProps> = {}): { stack: Stack; construct: AuditBucket } {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Audit', { env: { account: '300000000000', region: 'us-east-1' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const logs = new s3.Bucket(stack, 'Logs');
  const construct = new AuditBucket(stack, 'AuditBucket', {
    bucketName: NAME,
    encryptionKey: key,
    serverAccessLogsBucket: logs,
    objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(7 * 365)),
    ...props,
  });
  return { stack, construct };
}

const auditBucket = (t: Template) => {
  const buckets = t.findResources('AWS::S3::Bucket', { Properties: { BucketName: NAME } });
  const [logicalId] = Object.keys(buckets);
  return { logicalId: logicalId!, resource: buckets[logicalId!]! };
};

describe('AuditBucket', () => {
  test('locks every version with the given mode, retention in years', () => {
    Template.fromStack(build().stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAME,
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } },
    });
  });

  test('writes a retention that is not whole years in days, in governance mode', () => {
    const { stack } = build({ objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(400)) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 400, Years: Match.absent() } } },
    });
  });

  test('is KMS-encrypted with a bucket key, versioned, private, owner-enforced, access-logged and retained', () => {
    const t = Template.fromStack(build().stack);
    const { resource } = auditBucket(t);
    expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAME,
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
        }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^Logs') }, LogFilePrefix: `${NAME}/` },
    });
  });

  test('denies requests without TLS 1.2', () => {
    Template.fromStack(build().stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^AuditBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('moves current and old versions to Glacier, then Deep Archive, and expires them after the retention', () => {
    Template.fromStack(build({ expiration: Duration.days(2555) }).stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAME,
      LifecycleConfiguration: {
        Rules: [{
          Id: 'archive-and-expire',
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }, { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 }],
          NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }, { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 121 }],
          ExpirationInDays: 2555,
          NoncurrentVersionExpiration: { NoncurrentDays: 2555 },
        }],
      },
    });
  });

  test('drops transitions that would not happen before expiration', () => {
    Template.fromStack(build({ expiration: Duration.days(365) }).stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAME,
      LifecycleConfiguration: {
        Rules: [Match.objectLike({
          Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
          NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
          ExpirationInDays: 365,
        })],
      },
    });
  });

  test('does not replicate without replication options', () => {
    const { stack, construct } = build();
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { BucketName: NAME, ReplicationConfiguration: Match.absent() });
    expect(construct.replicationRole).toBeUndefined();
  });

  test('replicates new versions, not delete markers, to the named DR bucket with the DR key by alias ARN', () => {
    const t = Template.fromStack(build({ replication }).stack);
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAME,
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditBucketReplicationRole'), 'Arn'] },
        Rules: [{
          Id: 'replicate-to-eu-west-1',
          Priority: 0,
          Status: 'Enabled',
          Filter: { Prefix: '' },
          DeleteMarkerReplication: { Status: 'Disabled' },
          SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
          Destination: {
            Bucket: `arn:aws:s3:::${DR_NAME}`,
            EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-west-1:300000000000:alias/acme/prod/logs' },
          },
        }],
      },
    });
  });

  test('the replication role is assumed by S3 for this bucket only', () => {
    Template.fromStack(build({ replication }).stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '300000000000' }, ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${NAME}` } },
        }],
      },
    });
  });

  test('the replication policy reads this bucket, writes only replicas to the DR bucket, and uses keys only through S3', () => {
    const t = Template.fromStack(build({ replication }).stack);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AuditBucketReplicationRole') }],
      PolicyDocument: {
        Statement: [
          { Sid: 'ReadReplicationConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: `arn:aws:s3:::${NAME}` },
          {
            Sid: 'ReadSourceObjectVersions', Effect: 'Allow',
            Action: ['s3:GetObjectLegalHold', 's3:GetObjectRetention', 's3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTagging'],
            Resource: `arn:aws:s3:::${NAME}/*`,
          },
          { Sid: 'WriteReplicas', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateTags'], Resource: `arn:aws:s3:::${DR_NAME}/*` },
          {
            Sid: 'DecryptSourceObjects', Effect: 'Allow', Action: 'kms:Decrypt',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
            Condition: {
              StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
              StringLike: { 'kms:EncryptionContext:aws:s3:arn': [`arn:aws:s3:::${NAME}`, `arn:aws:s3:::${NAME}/*`] },
            },
          },
          {
            Sid: 'EncryptReplicasWithDestinationKey', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
            Resource: 'arn:aws:kms:eu-west-1:300000000000:key/*',
            Condition: {
              'StringEquals': { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
              'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/acme/prod/logs'] },
              'StringLike': { 'kms:EncryptionContext:aws:s3:arn': [`arn:aws:s3:::${DR_NAME}`, `arn:aws:s3:::${DR_NAME}/*`] },
            },
          },
        ],
      },
    });
    const actions = JSON.stringify(t.findResources('AWS::IAM::ManagedPolicy'));
    expect(actions).not.toMatch(/s3:ReplicateDelete|s3:\*|kms:\*/);
  });

  test('the bucket is created after its replication policy is attached', () => {
    const t = Template.fromStack(build({ replication }).stack);
    const policyId = Object.keys(t.findResources('AWS::IAM::ManagedPolicy'))[0]!;
    expect(auditBucket(t).resource.DependsOn).toContain(policyId);
  });

  test.each<[string, Partial<AuditBucketProps>, RegExp]>([
    ['a bucket name over 63 characters', { bucketName: `${'a'.repeat(60)}-audit` }, /expected a bucket name of 3 to 63 .*Shorten the organization or environment name/],
    ['an upper-case bucket name', { bucketName: 'Acme-Audit' }, /expected a bucket name/],
    ['replication to its own region', { replication: { ...replication, destinationRegion: 'us-east-1' } }, /expected a replication destination in another region than us-east-1/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
