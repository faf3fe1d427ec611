import { App, Stack, aws_kms as kms } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentModel, WorkspaceModel } from '../../lib/definition/model';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { AuditStack } from '../../lib/stacks/audit-stack';
import type { PlatformKeys } from '../../lib/stacks/security-stack';
import { nagFindings } from '../helpers/nag';
import { exampleModel } from '../helpers/workspace';

/** Keys of a region in a small stack of the same environment, as the security stack would provide them. */
function testKeys(app: App, environment: EnvironmentModel, region: string): PlatformKeys {
  const stack = new Stack(app, `TestKeys-${environment.name}-${region}`, { env: { account: environment.account, region } });
  const key = (id: string) => new kms.Key(stack, id, { enableKeyRotation: true });
  return { secrets: key('Secrets'), logs: key('Logs'), data: key('Data') };
}

/** The audit stacks of every region of an environment, one per region in region order. */
function buildEnvironment(model: WorkspaceModel, environment: EnvironmentModel, app = new App({ context: { ...FEATURE_FLAGS } })): Record<string, AuditStack> {
  const stacks: Record<string, AuditStack> = {};
  for (const region of environment.regions) {
    const env = { account: environment.account, region: region.region };
    stacks[region.region] = new AuditStack(app, `${model.organization.name}-${environment.name}-${region.region}-audit`, {
      model, environment, region, env, keys: testKeys(app, environment, region.region),
    });
  }
  return stacks;
}

const keyArn = (logicalIdPrefix: string) => Match.objectLike({ 'Fn::GetStackOutput': Match.objectLike({ OutputName: Match.stringLikeRegexp(`FnGetAtt${logicalIdPrefix}`) }) });

describe('AuditStack (starter, one region)', () => {
  const model = exampleModel('starter');
  const environment = model.environments[0]!;
  const stack = buildEnvironment(model, environment)['eu-west-1']!;
  const t = Template.fromStack(stack);

  test('builds the audit and access-log buckets, the trail with its log group, and the backup vault, plan and selection', () => {
    const count = (type: string) => Object.keys(t.findResources(type)).length;
    expect({
      buckets: count('AWS::S3::Bucket'),
      bucketPolicies: count('AWS::S3::BucketPolicy'),
      trails: count('AWS::CloudTrail::Trail'),
      logGroups: count('AWS::Logs::LogGroup'),
      roles: count('AWS::IAM::Role'),
      managedPolicies: count('AWS::IAM::ManagedPolicy'),
      vaults: count('AWS::Backup::BackupVault'),
      plans: count('AWS::Backup::BackupPlan'),
      selections: count('AWS::Backup::BackupSelection'),
    }).toEqual({ buckets: 2, bucketPolicies: 2, trails: 1, logGroups: 1, roles: 2, managedPolicies: 1, vaults: 1, plans: 1, selections: 1 });
  });

  test('the trail is multi-region, validated, encrypted with the logs key and delivers to the audit bucket', () => {
    t.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'starter-dev-audit',
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KMSKeyId: keyArn('Logs'),
      S3BucketName: { Ref: Match.stringLikeRegexp('^AuditBucket') },
    });
  });

  test('CloudWatch Logs keep the trail for the audit retention (1 year), encrypted with the logs key', () => {
    t.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { LogGroupName: '/oaas/starter/dev/cloudtrail', RetentionInDays: 365, KmsKeyId: keyArn('Logs') },
    });
  });

  test('the audit bucket locks objects in compliance mode for 1 year and is encrypted with the logs key', () => {
    t.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        BucketName: 'starter-dev-eu-west-1-audit-222222222222',
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 1 } } },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn('Logs') } }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogs') } },
        ReplicationConfiguration: Match.absent(),
      },
    });
  });

  test('every bucket, the log group and the vault are retained', () => {
    for (const type of ['AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::Backup::BackupVault']) {
      for (const resource of Object.values(t.findResources(type))) expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  test('backs up every 12 hours, keeps 35 days, into a vault encrypted with the data key, with no copy', () => {
    t.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ ScheduleExpression: 'cron(0 0/12 * * ? *)', Lifecycle: { DeleteAfterDays: 35 }, CopyActions: Match.absent() })] },
    });
    t.hasResourceProperties('AWS::Backup::BackupVault', { BackupVaultName: 'starter-dev-eu-west-1-backup', EncryptionKeyArn: keyArn('Data'), LockConfiguration: { MinRetentionDays: 35 } });
    t.hasResourceProperties('AWS::Backup::BackupSelection', { BackupSelection: { ListOfTags: [{ ConditionKey: 'oaas:backup', ConditionValue: 'true', ConditionType: 'STRINGEQUALS' }] } });
  });

  test('has no other stack to wait for than its keys', () => {
    expect(stack.dependencies.map((s) => s.stackName)).toEqual(['TestKeys-dev-eu-west-1']);
  });
});

describe('AuditStack (enterprise production, three regions)', () => {
  const model = exampleModel('enterprise');
  const environment = model.environments.find((e) => e.name === 'production')!;
  const stacks = buildEnvironment(model, environment);
  const template = (region: string) => Template.fromStack(stacks[region]!);

  test('only the primary region (us-east-1) has the trail', () => {
    expect(Object.entries(stacks).map(([region, s]) => [region, Object.keys(Template.fromStack(s).findResources('AWS::CloudTrail::Trail')).length]))
      .toEqual([['us-east-1', 1], ['eu-west-1', 0], ['ap-southeast-1', 0]]);
    expect(stacks['us-east-1']!.trail).toBeDefined();
    expect(stacks['eu-west-1']!.trail).toBeUndefined();
  });

  test('every region has its Object Lock bucket, locked for 7 years', () => {
    for (const region of environment.regions.map((r) => r.region)) {
      template(region).hasResourceProperties('AWS::S3::Bucket', {
        BucketName: `acme-production-${region}-audit-300000000000`,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } },
      });
    }
  });

  test('the trail\'s log group keeps 7 years', () => {
    template('us-east-1').hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 2557 });
  });

  test('the primary bucket replicates to the eu-west-1 bucket with the eu-west-1 logs key alias', () => {
    template('us-east-1').hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'acme-production-us-east-1-audit-300000000000',
      ReplicationConfiguration: {
        Rules: [Match.objectLike({
          Destination: {
            Bucket: 'arn:aws:s3:::acme-production-eu-west-1-audit-300000000000',
            EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-west-1:300000000000:alias/acme/production/logs' },
          },
        })],
      },
    });
    for (const region of ['eu-west-1', 'ap-southeast-1']) {
      template(region).hasResourceProperties('AWS::S3::Bucket', { BucketName: `acme-production-${region}-audit-300000000000`, ReplicationConfiguration: Match.absent() });
    }
  });

  test('the replication destination\'s stack names the region it receives from, for the platform to deploy that one after it', () => {
    expect(stacks['eu-west-1']!.replicationSourceRegion).toBe('us-east-1');
    expect(stacks['us-east-1']!.replicationSourceRegion).toBeUndefined();
    expect(stacks['ap-southeast-1']!.replicationSourceRegion).toBeUndefined();
    // A stack never looks for its siblings: only the keys it is handed make dependencies.
    expect(stacks['us-east-1']!.dependencies.map((s) => s.stackName)).toEqual(['TestKeys-production-us-east-1']);
  });

  test('each region backs up hourly for 35 days and copies to its DR region\'s vault', () => {
    const copies = { 'us-east-1': 'eu-west-1', 'eu-west-1': 'us-east-1', 'ap-southeast-1': 'us-east-1' };
    for (const [region, dr] of Object.entries(copies)) {
      template(region).hasResourceProperties('AWS::Backup::BackupPlan', {
        BackupPlan: {
          BackupPlanName: `acme-production-${region}`,
          BackupPlanRule: [Match.objectLike({
            ScheduleExpression: 'cron(0 * * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
            CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:${dr}:300000000000:backup-vault:acme-production-${dr}-backup`, Lifecycle: { DeleteAfterDays: 35 } }],
          })],
        },
      });
    }
  });
});

describe('AuditStack object lock mode', () => {
  test('follows governance.audit.object_lock_mode', () => {
    const base = exampleModel('starter');
    const model: WorkspaceModel = { ...base, governance: { ...base.governance, audit: { ...base.governance.audit, objectLockMode: 'governance' } } };
    const stack = buildEnvironment(model, model.environments[0]!)['eu-west-1']!;
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 1 } } },
    });
  });
});

describe('cdk-nag', () => {
  test.each(['starter', 'enterprise'] as const)('the %s audit stacks have no unacknowledged finding', (name) => {
    const model = exampleModel(name);
    const app = new App({ context: { ...FEATURE_FLAGS } });
    for (const environment of model.environments) buildEnvironment(model, environment, app);
    // The test key stacks are included: their keys rotate, so they raise nothing either.
    expect(nagFindings(app, { levels: ['error', 'warning'] })).toEqual([]);
  });
});
