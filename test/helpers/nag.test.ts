import { App, Stack, Validations, aws_ec2 as ec2, aws_kms as kms } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { nagFindings } from './nag';

const env = { account: '123456789012', region: 'eu-west-1' };

/** A stack with a known error in AwsSolutions and NIST 800-53 R5 (HIPAA has no rotation rule): a KMS key without rotation. */
function appWithUnrotatedKey(): { app: App; stack: Stack; key: kms.Key } {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new Stack(app, 'Nagged', { env });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: false });
  return { app, stack, key };
}

describe('nagFindings', () => {
  test('returns each pack\'s unacknowledged errors with rule, path, level and pack', () => {
    const { app } = appWithUnrotatedKey();
    const findings = nagFindings(app);
    expect(findings.map(({ rule, path, level, pack }) => ({ rule, path, level, pack }))).toEqual([
      { rule: 'AwsSolutions-KMS5', path: 'Nagged/Key/Resource', level: 'error', pack: 'AwsSolutions' },
      { rule: 'NIST.800.53.R5-KMSBackingKeyRotationEnabled', path: 'Nagged/Key/Resource', level: 'error', pack: 'NIST.800.53.R5' },
    ]);
    expect(findings[0]!.description).toMatch(/rotation/i);
  });

  test('acknowledged findings are not returned', () => {
    const { app, key } = appWithUnrotatedKey();
    for (const id of ['AwsSolutions-KMS5', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled']) {
      Validations.of(key).acknowledge({ id, reason: 'test: this key is rotated by an external process' });
    }
    expect(nagFindings(app)).toEqual([]);
  });

  test('scope keeps only findings under that construct', () => {
    const { app } = appWithUnrotatedKey();
    const clean = new Stack(app, 'Clean', { env });
    new kms.Key(clean, 'Key', { enableKeyRotation: true });
    expect(nagFindings(app, { scope: clean })).toEqual([]);
    expect(nagFindings(app, { scope: app.node.findChild('Nagged') })).toHaveLength(2);
  });

  test('levels: warnings on request, errors by default', () => {
    const app = new App({ context: FEATURE_FLAGS });
    const stack = new Stack(app, 'Warned', { env });
    // A network ACL: AwsSolutions-VPC3 is a warning.
    new ec2.CfnNetworkAcl(stack, 'Acl', { vpcId: 'vpc-0123456789abcdef0' });
    expect(nagFindings(app)).toEqual([]);
    expect(nagFindings(app, { levels: ['warning'] })).toContainEqual(expect.objectContaining({
      rule: 'AwsSolutions-VPC3', path: 'Warned/Acl', level: 'warning', pack: 'AwsSolutions',
    }));
  });

  test('an error that is not a finding is rethrown', () => {
    const app = new App({ context: FEATURE_FLAGS });
    const stack = new Stack(app, 'Broken', { env });
    const broken = new Construct(stack, 'Broken');
    broken.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => nagFindings(app)).toThrow(/broken on purpose/);
  });

  test('once registered, a later synth of the same app fails on the errors', () => {
    const { app, stack } = appWithUnrotatedKey();
    nagFindings(app);
    expect(() => Template.fromStack(stack)).toThrow(/KMS5|KMSBackingKeyRotationEnabled/);
  });
});
