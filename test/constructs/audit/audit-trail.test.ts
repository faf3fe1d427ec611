import { App, RemovalPolicy, Stack, aws_kms as kms, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { AuditTrail } from '../../../constructs/audit/audit-trail';
import type { AuditTrailProps } from '../../../constructs/audit/audit-trail';

function build(props: Partial<AuditTrailProps> = {}, recordBucket = true): Template {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Trail', { env: { account: '222222222222', region: 'eu-west-1' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const bucket = new s3.Bucket(stack, 'Bucket', { bucketName: 'audit-bucket' });
  new AuditTrail(stack, 'Trail', {
    trailName: 'starter-dev-audit',
    bucket,
    encryptionKey: key,
    logRetention: logs.RetentionDays.ONE_YEAR,
    ...(recordBucket ? { recordObjectAccessTo: [bucket] } : {}),
    ...props,
  });
  return Template.fromStack(stack);
}

test('is a logging multi-region trail with global events, log file validation and KMS-encrypted log files', () => {
  build().hasResourceProperties('AWS::CloudTrail::Trail', {
    TrailName: 'starter-dev-audit',
    IsLogging: true,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    EnableLogFileValidation: true,
    KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
    S3BucketName: { Ref: Match.stringLikeRegexp('^Bucket') },
  });
});

test('can be limited to its own region', () => {
  build({ multiRegion: false }).hasResourceProperties('AWS::CloudTrail::Trail', { IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false });
});

test('delivers to a KMS-encrypted log group kept for the retention and retained', () => {
  const t = build({ logGroupName: '/oaas/starter/dev/cloudtrail' });
  t.hasResource('AWS::Logs::LogGroup', {
    DeletionPolicy: 'Retain',
    Properties: { LogGroupName: '/oaas/starter/dev/cloudtrail', RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
  });
  t.hasResourceProperties('AWS::CloudTrail::Trail', {
    CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogGroup'), 'Arn'] },
    CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogsRole'), 'Arn'] },
  });
});

test('names its log group after the trail by default and can drop it with the stack', () => {
  build({ removalPolicy: RemovalPolicy.DESTROY }).hasResource('AWS::Logs::LogGroup', {
    DeletionPolicy: 'Delete',
    Properties: { LogGroupName: '/cloudtrail/starter-dev-audit' },
  });
});

test('the logs role may only write to its log group', () => {
  const t = build();
  t.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '222222222222' } } }],
    },
  });
  t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
    Roles: [{ Ref: Match.stringLikeRegexp('^TrailLogsRole') }],
    PolicyDocument: {
      Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogGroup'), 'Arn'] } }],
    },
  });
});

test('lets only this trail check the bucket ACL and write log files under AWSLogs/<account>/', () => {
  const sourceArn = 'arn:aws:cloudtrail:eu-west-1:222222222222:trail/starter-dev-audit';
  build().hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl',
          Condition: { StringEquals: { 'aws:SourceArn': sourceArn } },
        }),
        Match.objectLike({
          Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] }, '/AWSLogs/222222222222/*']] },
          Condition: { StringEquals: { 'aws:SourceArn': sourceArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
      ]),
    },
  });
});

test('records all management events and the object events of the audit bucket except PutObject', () => {
  build().hasResourceProperties('AWS::CloudTrail::Trail', {
    AdvancedEventSelectors: [
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        Name: Match.anyValue(),
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'resources.ARN', StartsWith: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] }, '/']] }] },
          { Field: 'eventName', NotEquals: ['PutObject'] },
        ],
      },
    ],
  });
});

test('records management events only when no bucket is named', () => {
  build({}, false).hasResourceProperties('AWS::CloudTrail::Trail', {
    AdvancedEventSelectors: [{ Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
  });
});

test('is created after the bucket policy and the logs role and policy', () => {
  const t = build();
  const trail = Object.values(t.findResources('AWS::CloudTrail::Trail'))[0]!;
  const ids = (type: string) => Object.keys(t.findResources(type));
  expect(trail.DependsOn).toEqual(expect.arrayContaining([...ids('AWS::S3::BucketPolicy'), ...ids('AWS::IAM::Role'), ...ids('AWS::IAM::ManagedPolicy')]));
});
