import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataKeyService, PlatformKeyring } from '../../../constructs/security/platform-keyring';
import type { PlatformKeyringProps } from '../../../constructs/security/platform-keyring';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

function synth(props: Partial<PlatformKeyringProps> = {}): { template: Template; keyring: PlatformKeyring; stack: Stack } {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new Stack(app, 'Test', { env: { account: ACCOUNT, region: REGION } });
  const keyring = new PlatformKeyring(stack, 'Keys', { aliasPrefix: 'alias/acme/production', ...props });
  return { template: Template.fromStack(stack), keyring, stack };
}

/** The key policy statements of the key whose logical id starts with `prefix`. */
function statementsOf(template: Template, prefix: string): Array<Record<string, unknown>> {
  const keys = template.findResources('AWS::KMS::Key');
  const id = Object.keys(keys).find((k) => k.startsWith(prefix));
  if (!id) throw new Error(`no key ${prefix} in ${Object.keys(keys).join(', ')}`);
  return keys[id]!.Properties.KeyPolicy.Statement as Array<Record<string, unknown>>;
}

const ROOT_ADMIN = {
  Effect: 'Allow',
  Action: 'kms:*',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Resource: '*',
};

/** What the EC2 Auto Scaling user guide asks of a key that encrypts the volumes of an Auto Scaling group. */
const AUTO_SCALING_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
const AUTO_SCALING_STATEMENTS = [
  {
    Sid: 'AllowAutoScalingServiceLinkedRoleVolumeEncryption',
    Effect: 'Allow',
    Principal: { AWS: AUTO_SCALING_ROLE },
    Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
    Resource: '*',
  },
  {
    Sid: 'AllowAutoScalingServiceLinkedRoleGrantsForAwsResources',
    Effect: 'Allow',
    Principal: { AWS: AUTO_SCALING_ROLE },
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
  },
];

describe('PlatformKeyring', () => {
  test('creates three symmetric keys with yearly rotation and a 30-day deletion window', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::KMS::Key', 3);
    const keys = template.findResources('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, RotationPeriodInDays: 365, PendingWindowInDays: 30 },
    });
    expect(Object.keys(keys)).toHaveLength(3);
  });

  test('retains every key and its replacement on delete', () => {
    const { template } = synth();
    const retained = template.findResources('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(Object.keys(retained)).toHaveLength(3);
  });

  test('names aliases from the prefix and the purpose', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::KMS::Alias', 3);
    for (const [purpose, prefix] of [['secrets', 'KeysSecrets'], ['logs', 'KeysLogs'], ['data', 'KeysData']] as const) {
      template.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: `alias/acme/production/${purpose}`,
        TargetKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${prefix}`), 'Arn'] },
      });
    }
  });

  test('the secrets key is administered by the account only (use is granted through IAM)', () => {
    expect(statementsOf(synth().template, 'KeysSecrets')).toEqual([ROOT_ADMIN]);
  });

  test('the logs key lets CloudWatch Logs of this region use it for log groups of this account only', () => {
    expect(statementsOf(synth().template, 'KeysLogs')).toContainEqual({
      Sid: 'AllowCloudWatchLogsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: `logs.${REGION}.amazonaws.com` },
      Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` } },
    });
  });

  test('the logs key lets CloudTrail encrypt log files of this account\'s trails, scoped by source ARN and encryption context', () => {
    const statements = statementsOf(synth().template, 'KeysLogs');
    expect(statements).toContainEqual({
      Sid: 'AllowCloudTrailToEncryptLogFiles',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        ArnLike: { 'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/*` },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
      },
    });
    expect(statements).toContainEqual({
      Sid: 'AllowCloudTrailToDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/*` } },
    });
  });

  test('cloudTrail: false leaves CloudTrail out of the logs key', () => {
    const statements = statementsOf(synth({ cloudTrail: false }).template, 'KeysLogs');
    expect(statements.map((s) => s.Sid)).toEqual([undefined, 'AllowCloudWatchLogsOfThisAccount']);
  });

  test('the data key is usable by the account only through SNS, Backup and S3 of this region', () => {
    const viaService = {
      'kms:ViaService': [`sns.${REGION}.amazonaws.com`, `backup.${REGION}.amazonaws.com`, `s3.${REGION}.amazonaws.com`],
      'kms:CallerAccount': ACCOUNT,
    };
    const statements = statementsOf(synth().template, 'KeysData');
    expect(statements).toEqual([
      ROOT_ADMIN,
      {
        Sid: 'AllowUseThroughPlatformServices',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        Resource: '*',
        Condition: { StringEquals: viaService },
      },
      {
        Sid: 'AllowGrantsForAwsResourcesOfPlatformServices',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: { StringEquals: viaService, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
      ...AUTO_SCALING_STATEMENTS,
    ]);
  });

  test('the data key lets the EC2 Auto Scaling service-linked role encrypt node volumes, and grant only for AWS resources', () => {
    const statements = statementsOf(synth().template, 'KeysData');
    expect(statements.filter((s) => JSON.stringify(s.Principal).includes('AWSServiceRoleForAutoScaling'))).toEqual(AUTO_SCALING_STATEMENTS);
  });

  test('autoScalingVolumes: false leaves the Auto Scaling service-linked role out of the data key', () => {
    const statements = statementsOf(synth({ autoScalingVolumes: false }).template, 'KeysData');
    expect(JSON.stringify(statements)).not.toContain('autoscaling.amazonaws.com');
    expect(statements).toHaveLength(3);
  });

  test('dataKeyServices chooses the services', () => {
    const statements = statementsOf(synth({ dataKeyServices: [DataKeyService.SQS] }).template, 'KeysData');
    expect(statements[1]).toMatchObject({ Condition: { StringEquals: { 'kms:ViaService': [`sqs.${REGION}.amazonaws.com`] } } });
  });

  test('no data key services leaves only the administration and Auto Scaling volume statements', () => {
    expect(statementsOf(synth({ dataKeyServices: [] }).template, 'KeysData')).toEqual([ROOT_ADMIN, ...AUTO_SCALING_STATEMENTS]);
  });

  test('rotation period, deletion window and removal policy can be changed', () => {
    const { template } = synth({ rotationPeriod: Duration.days(90), pendingWindow: Duration.days(7), removalPolicy: RemovalPolicy.DESTROY });
    expect(Object.keys(template.findResources('AWS::KMS::Key', {
      Properties: { RotationPeriodInDays: 90, PendingWindowInDays: 7 }, DeletionPolicy: 'Delete',
    }))).toHaveLength(3);
  });

  test.each(['acme/production', 'alias/aws/acme', 'alias/acme/', 'alias/acme prod'])('rejects alias prefix %p', (aliasPrefix) => {
    expect(() => synth({ aliasPrefix })).toThrow(/expected aliasPrefix like "alias\/acme\/production"/);
  });
});
