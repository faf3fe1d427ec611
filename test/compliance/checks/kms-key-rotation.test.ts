import { kmsKeyRotation } from '../../../lib/compliance/checks/kms-key-rotation';
import { evidence, failing, run, stack } from '../helpers';

describe('kms-key-rotation', () => {
  test('passes a symmetric key with yearly rotation and ignores asymmetric keys', () => {
    const result = run(kmsKeyRotation, evidence([stack('security', {
      Data: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
      Signing: { Type: 'AWS::KMS::Key', Properties: { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' } },
    })]));
    expect(result.status).toBe('pass');
    expect(result.findings).toHaveLength(1);
  });

  test('fails a key without rotation and one rotating less than yearly, pointing at each', () => {
    const result = run(kmsKeyRotation, evidence([stack('security', {
      NoRotation: { Type: 'AWS::KMS::Key', Properties: {} },
      Slow: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, RotationPeriodInDays: 730 } },
    })]));
    expect(result.status).toBe('fail');
    expect(failing(result)).toEqual(['NoRotation', 'Slow']);
    expect(result.findings[1]!.message).toMatch(/730 days/);
    expect(result.findings[0]!.resource).toMatchObject({ stack: 'security', constructPath: 'security/NoRotation/Resource' });
  });
});
