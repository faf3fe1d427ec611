import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecurityHub, SecurityHubStandard } from '../../../constructs/security/security-hub';
import type { SecurityHubProps } from '../../../constructs/security/security-hub';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';

function synth(props: SecurityHubProps, region = 'eu-west-1'): { template: Template; hub: SecurityHub } {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region } });
  const hub = new SecurityHub(stack, 'SecurityHub', props);
  return { template: Template.fromStack(stack), hub };
}

describe('SecurityHub', () => {
  test('enables the hub without its default standards, with consolidated control findings', () => {
    synth({ standards: [] }).template.hasResourceProperties('AWS::SecurityHub::Hub', {
      EnableDefaultStandards: false,
      ControlFindingGenerator: 'SECURITY_CONTROL',
      AutoEnableControls: true,
    });
  });

  test.each([
    [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0'],
    [SecurityHubStandard.CIS_AWS_FOUNDATIONS_3_0, 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0'],
    [SecurityHubStandard.NIST_800_53_REV_5, 'arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0'],
    [SecurityHubStandard.PCI_DSS_4_0_1, 'arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1'],
  ])('%s subscribes to %s', (standard, arn) => {
    const { template } = synth({ standards: [standard] });
    template.resourceCountIs('AWS::SecurityHub::Standard', 1);
    template.hasResourceProperties('AWS::SecurityHub::Standard', { StandardsArn: arn });
  });

  test('standards ARNs are of the stack\'s region', () => {
    synth({ standards: [SecurityHubStandard.NIST_800_53_REV_5] }, 'ap-southeast-1').template
      .hasResourceProperties('AWS::SecurityHub::Standard', { StandardsArn: 'arn:aws:securityhub:ap-southeast-1::standards/nist-800-53/v/5.0.0' });
  });

  test('exactly the standards given, each once, each after the hub', () => {
    const { template, hub } = synth({
      standards: [SecurityHubStandard.NIST_800_53_REV_5, SecurityHubStandard.CIS_AWS_FOUNDATIONS_3_0, SecurityHubStandard.NIST_800_53_REV_5],
    });
    template.resourceCountIs('AWS::SecurityHub::Standard', 2);
    expect(hub.standardsArns).toEqual([
      'arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0',
      'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
    ]);
    const hubId = Object.keys(template.findResources('AWS::SecurityHub::Hub'))[0]!;
    for (const standard of Object.values(template.findResources('AWS::SecurityHub::Standard'))) {
      expect(standard.DependsOn).toEqual([hubId]);
    }
  });

  test('construct ids come from the standard name, so adding one does not replace another', () => {
    const one = synth({ standards: [SecurityHubStandard.NIST_800_53_REV_5] }).template;
    const two = synth({ standards: [SecurityHubStandard.PCI_DSS_4_0_1, SecurityHubStandard.NIST_800_53_REV_5] }).template;
    const nistId = (t: Template) => Object.entries(t.findResources('AWS::SecurityHub::Standard'))
      .find(([, r]) => (r.Properties.StandardsArn as string).includes('nist'))![0];
    expect(nistId(two)).toBe(nistId(one));
  });

  test('per-standard control findings and manual control enablement', () => {
    synth({ standards: [], consolidatedControlFindings: false, autoEnableControls: false }).template
      .hasResourceProperties('AWS::SecurityHub::Hub', { ControlFindingGenerator: 'STANDARD_CONTROL', AutoEnableControls: false });
  });
});
