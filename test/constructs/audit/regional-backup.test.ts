import { App, Duration, Stack, aws_backup as backup, aws_events as events, aws_kms as kms } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { DEFAULT_BACKUP_TAG, RegionalBackup } from '../../../constructs/audit/regional-backup';
import type { RegionalBackupProps } from '../../../constructs/audit/regional-backup';

const DR_VAULT = 'arn:aws:backup:eu-west-1:300000000000:backup-vault:acme-prod-eu-west-1-backup';

function build(props: Partial<RegionalBackupProps> = {}, copy = true): Template {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Backup', { env: { account: '300000000000', region: 'us-east-1' } });
  new RegionalBackup(stack, 'Backup', {
    backupVaultName: 'acme-prod-us-east-1-backup',
    backupPlanName: 'acme-prod-us-east-1',
    encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    schedule: events.Schedule.expression('cron(0 * * * ? *)'),
    deleteAfter: Duration.days(35),
    ...(copy ? { copyTo: backup.BackupVault.fromBackupVaultArn(stack, 'Dr', DR_VAULT) } : {}),
    ...props,
  });
  return Template.fromStack(stack);
}

test('the vault is encrypted with the key, locked for the retention, denies deleting recovery points and is retained', () => {
  build().hasResource('AWS::Backup::BackupVault', {
    DeletionPolicy: 'Retain',
    Properties: {
      BackupVaultName: 'acme-prod-us-east-1-backup',
      EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      LockConfiguration: { MinRetentionDays: 35, ChangeableForDays: Match.absent() },
      AccessPolicy: {
        Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }],
      },
    },
  });
});

test('the vault lock can be turned off', () => {
  build({ lock: false }).hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: Match.absent() });
});

test('the rule runs on the schedule, keeps recovery points for the retention and copies them to the DR vault', () => {
  build().hasResourceProperties('AWS::Backup::BackupPlan', {
    BackupPlan: {
      BackupPlanName: 'acme-prod-us-east-1',
      BackupPlanRule: [{
        RuleName: 'scheduled',
        ScheduleExpression: 'cron(0 * * * ? *)',
        StartWindowMinutes: 60,
        CompletionWindowMinutes: 480,
        Lifecycle: { DeleteAfterDays: 35 },
        TargetBackupVault: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupVault'), 'BackupVaultName'] },
        CopyActions: [{ DestinationBackupVaultArn: DR_VAULT, Lifecycle: { DeleteAfterDays: 35 } }],
      }],
    },
  });
});

test('no copy action without a destination', () => {
  build({}, false).hasResourceProperties('AWS::Backup::BackupPlan', {
    BackupPlan: { BackupPlanRule: [Match.objectLike({ CopyActions: Match.absent() })] },
  });
});

test('selects resources by the oaas:backup=true tag with a backup-only role', () => {
  const t = build();
  expect(DEFAULT_BACKUP_TAG).toEqual({ key: 'oaas:backup', value: 'true' });
  t.hasResourceProperties('AWS::Backup::BackupSelection', {
    BackupSelection: {
      SelectionName: 'tag-oaas-backup-true',
      IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupSelectionRole'), 'Arn'] },
      ListOfTags: [{ ConditionKey: 'oaas:backup', ConditionValue: 'true', ConditionType: 'STRINGEQUALS' }],
    },
  });
  t.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })] },
    ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup']] }],
  });
});

test('selects by another tag when told', () => {
  build({ selectionTag: { key: 'oaas:environment', value: 'production' } }).hasResourceProperties('AWS::Backup::BackupSelection', {
    BackupSelection: { ListOfTags: [{ ConditionKey: 'oaas:environment', ConditionValue: 'production', ConditionType: 'STRINGEQUALS' }] },
  });
});

test.each<[string, Partial<RegionalBackupProps>, RegExp]>([
  ['a retention of part of a day', { deleteAfter: Duration.hours(36) }, /expected a retention of whole days/],
  ['a vault name over 50 characters', { backupVaultName: 'v'.repeat(51) }, /expected a vault name of 2 to 50 .*Shorten/],
])('refuses %s', (_name, props, message) => {
  expect(() => build(props)).toThrow(message);
});
