import { logGroupRetention } from '../../../lib/compliance/checks/log-group-retention';
import { evidence, failing, requirements, run, stack } from '../helpers';

describe('log-group-retention', () => {
  test('passes a year on operational logs, the audit retention on audit logs, and never-expiring groups', () => {
    const result = run(logGroupRetention, evidence([stack('s', {
      App: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } },
      TrailLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 2557 } },
      Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['TrailLogs', 'Arn'] } } },
      Forever: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/eks/acme/cluster' } },
    })]));
    expect(result.status).toBe('pass');
  });

  test('fails a log group kept 30 days and an EKS control-plane group kept one year', () => {
    const result = run(logGroupRetention, evidence([stack('s', {
      Short: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
      ControlPlane: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/eks/acme-prod/cluster', RetentionInDays: 365 } },
    })]), requirements({ auditRetentionDays: 2555 }));
    expect(failing(result)).toEqual(['Short', 'ControlPlane']);
    expect(result.findings[0]!.message).toBe('log group keeps events 30 days, less than the required 365 days');
    expect(result.findings[1]!.message).toMatch(/^audit log group keeps events 365 days/);
  });
});
