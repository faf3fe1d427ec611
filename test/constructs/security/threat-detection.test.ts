import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FindingPublishingFrequency, ThreatDetection } from '../../../constructs/security/threat-detection';
import type { ThreatDetectionProps } from '../../../constructs/security/threat-detection';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';

function synth(props?: ThreatDetectionProps): Template {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  new ThreatDetection(stack, 'ThreatDetection', props);
  return Template.fromStack(stack);
}

type Feature = { Name: string; Status: string; AdditionalConfiguration?: Array<{ Name: string; Status: string }> };

function features(template: Template): Feature[] {
  const detectors = Object.values(template.findResources('AWS::GuardDuty::Detector'));
  expect(detectors).toHaveLength(1);
  return detectors[0]!.Properties.Features as Feature[];
}

describe('ThreatDetection', () => {
  test('by default enables the detector and every protection plan, publishing every 15 minutes', () => {
    const template = synth();
    template.hasResourceProperties('AWS::GuardDuty::Detector', { Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' });
    expect(features(template)).toEqual([
      { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' },
      { Name: 'RUNTIME_MONITORING', Status: 'ENABLED', AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' }] },
      { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
      { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
    ]);
  });

  test('never sets EKS_RUNTIME_MONITORING next to RUNTIME_MONITORING (GuardDuty rejects both)', () => {
    expect(features(synth()).map((f) => f.Name)).not.toContain('EKS_RUNTIME_MONITORING');
  });

  test.each<[keyof ThreatDetectionProps, string]>([
    ['eksAuditLogs', 'EKS_AUDIT_LOGS'],
    ['runtimeMonitoring', 'RUNTIME_MONITORING'],
    ['s3DataEvents', 'S3_DATA_EVENTS'],
    ['ebsMalwareProtection', 'EBS_MALWARE_PROTECTION'],
  ])('%s: false writes %s as DISABLED rather than leaving it out', (prop, name) => {
    const found = features(synth({ [prop]: false })).find((f) => f.Name === name);
    expect(found?.Status).toBe('DISABLED');
  });

  test('turning runtime monitoring off also turns the EKS add-on management off', () => {
    const runtime = features(synth({ runtimeMonitoring: false, eksAddonManagement: true })).find((f) => f.Name === 'RUNTIME_MONITORING');
    expect(runtime).toEqual({ Name: 'RUNTIME_MONITORING', Status: 'DISABLED', AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', Status: 'DISABLED' }] });
  });

  test('runtime monitoring without GuardDuty-managed agent', () => {
    const runtime = features(synth({ eksAddonManagement: false })).find((f) => f.Name === 'RUNTIME_MONITORING');
    expect(runtime).toEqual({ Name: 'RUNTIME_MONITORING', Status: 'ENABLED', AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', Status: 'DISABLED' }] });
  });

  test('finding publishing frequency', () => {
    synth({ findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR })
      .hasResourceProperties('AWS::GuardDuty::Detector', { FindingPublishingFrequency: 'ONE_HOUR' });
  });
});
