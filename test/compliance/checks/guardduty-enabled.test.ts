import { guarddutyEnabled } from '../../../lib/compliance/checks/guardduty-enabled';
import { evidence, failing, requirements, run, stack, VPC } from '../helpers';

const on = (Name: string, extra: Record<string, unknown> = {}) => ({ Name, Status: 'ENABLED', ...extra });
const features = [
  on('EKS_AUDIT_LOGS'), on('RUNTIME_MONITORING', { AdditionalConfiguration: [on('EKS_ADDON_MANAGEMENT')] }), on('S3_DATA_EVENTS'), on('EBS_MALWARE_PROTECTION'),
];

describe('guardduty-enabled', () => {
  test('passes a detector with every protection plan in the workload region', () => {
    const result = run(guarddutyEnabled, evidence([stack('net', VPC), stack('sec', { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, Features: features } } })]));
    expect(result.status).toBe('pass');
  });

  test('does not ask for plans the definition turns off', () => {
    const req = requirements({ guardDuty: { eksRuntimeMonitoring: false, malwareProtection: false, s3Protection: false } });
    const result = run(guarddutyEnabled, evidence([stack('net', VPC), stack('sec', { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, Features: [on('EKS_AUDIT_LOGS')] } } })]), req);
    expect(result.status).toBe('pass');
  });

  test('fails a missing detector in a workload region, and a detector without runtime monitoring', () => {
    expect(failing(run(guarddutyEnabled, evidence([stack('net', VPC)])))).toEqual(['account 222222222222 eu-west-1 (stacks net)']);
    const result = run(guarddutyEnabled, evidence([stack('net', VPC), stack('sec', {
      Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, Features: features.filter((f) => f.Name !== 'RUNTIME_MONITORING') } },
    })]));
    expect(result.findings[0]!.message).toBe('EKS runtime monitoring (with agent management) off');
  });
});
