import { securityHubEnabled } from '../../../lib/compliance/checks/security-hub-enabled';
import { evidence, failing, run, stack, VPC } from '../helpers';

const standard = (path: string) => ({ Type: 'AWS::SecurityHub::Standard', Properties: { StandardsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:securityhub:eu-west-1::standards/${path}`]] } } });

describe('security-hub-enabled', () => {
  test('passes a hub with every selected standard', () => {
    const result = run(securityHubEnabled, evidence([stack('net', VPC), stack('sec', {
      Hub: { Type: 'AWS::SecurityHub::Hub', Properties: {} },
      Fsbp: standard('aws-foundational-security-best-practices/v/1.0.0'),
      Nist: standard('nist-800-53/v/5.0.0'),
    })]));
    expect(result.status).toBe('pass');
  });

  test('fails a region without a hub and a hub missing a selected standard', () => {
    expect(failing(run(securityHubEnabled, evidence([stack('net', VPC)])))).toHaveLength(1);
    const result = run(securityHubEnabled, evidence([stack('net', VPC), stack('sec', { Hub: { Type: 'AWS::SecurityHub::Hub', Properties: {} }, Fsbp: standard('aws-foundational-security-best-practices/v/1.0.0') })]));
    expect(failing(result)).toEqual(['Hub']);
    expect(result.findings[0]!.message).toBe('standards not enabled: nist-800-53');
  });
});
