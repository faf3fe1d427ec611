import { backupPlanRpo } from '../../../lib/compliance/checks/backup-plan-rpo';
import { evidence, failing, run, stack, VPC } from '../helpers';

const plan = (schedule: string, copyRegion?: string) => ({
  Type: 'AWS::Backup::BackupPlan',
  Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', ScheduleExpression: schedule,
    ...(copyRegion ? { CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:${copyRegion}:222222222222:backup-vault:acme-dr` }] } : {}) }] } },
});
const selection = { Type: 'AWS::Backup::BackupSelection', Properties: { BackupPlanId: { Ref: 'Plan' } } };

describe('backup-plan-rpo', () => {
  test('passes backups every 4 hours (RPO 4h) copied to the DR region', () => {
    const result = run(backupPlanRpo, evidence([stack('net', VPC), stack('audit', { Plan: plan('cron(0 */4 * * ? *)', 'eu-central-1'), Selection: selection })]));
    expect(result.status).toBe('pass');
    expect(result.findings[0]!.message).toBe('every 4h (RPO 4h), copied to eu-central-1');
  });

  test('fails a daily plan without copy or selection, and a region without a plan', () => {
    const result = run(backupPlanRpo, evidence([stack('net', VPC), stack('audit', { Plan: plan('cron(0 5 ? * * *)') })]));
    expect(failing(result)).toEqual(['Plan']);
    expect(result.findings[0]!.message).toBe('backups run every 24h, less often than the 4h RPO; no copy to a vault in the DR region eu-central-1; no backup selection, so the plan protects nothing');
    expect(run(backupPlanRpo, evidence([stack('net', VPC)])).status).toBe('fail');
  });
});
