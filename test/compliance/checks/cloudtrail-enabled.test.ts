import { cloudtrailEnabled } from '../../../lib/compliance/checks/cloudtrail-enabled';
import { evidence, failing, KEY_IMPORT, run, stack, VPC } from '../helpers';

const good = { IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: KEY_IMPORT, S3BucketName: 'audit' };

describe('cloudtrail-enabled', () => {
  test('passes a multi-region, validated, encrypted trail covering the workload account', () => {
    const result = run(cloudtrailEnabled, evidence([stack('net', VPC), stack('audit', { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: good } })]));
    expect(result.status).toBe('pass');
  });

  test('fails a single-region unencrypted trail, and an account no good trail covers', () => {
    const result = run(cloudtrailEnabled, evidence([stack('net', VPC), stack('audit', {
      Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { ...good, IsMultiRegionTrail: false, KMSKeyId: undefined } },
    })]));
    expect(failing(result)).toEqual(['Trail', 'account 222222222222']);
    expect(result.findings[0]!.message).toBe('not multi-region; not encrypted with KMS');
  });
});
