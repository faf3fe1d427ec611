import { logGroupKmsEncryption } from '../../../lib/compliance/checks/log-group-kms-encryption';
import { evidence, failing, KEY_IMPORT, run, stack } from '../helpers';

describe('log-group-kms-encryption', () => {
  test('passes a log group encrypted with a cross-stack key', () => {
    expect(run(logGroupKmsEncryption, evidence([stack('s', { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: KEY_IMPORT } } })])).status).toBe('pass');
  });

  test('fails a log group without a key', () => {
    const result = run(logGroupKmsEncryption, evidence([stack('s', { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } } })]));
    expect(failing(result)).toEqual(['Logs']);
  });
});
