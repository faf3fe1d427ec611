import { eksSecretsEncryption } from '../../../lib/compliance/checks/eks-secrets-encryption';
import { evidence, failing, KEY_IMPORT, run, stack } from '../helpers';

describe('eks-secrets-encryption', () => {
  test('passes a cluster that envelope-encrypts secrets with a KMS key', () => {
    const result = run(eksSecretsEncryption, evidence([stack('c', {
      Cluster: { Type: 'AWS::EKS::Cluster', Properties: { EncryptionConfig: [{ Provider: { KeyArn: KEY_IMPORT }, Resources: ['secrets'] }] } },
    })]));
    expect(result.status).toBe('pass');
  });

  test('fails a cluster without encryption config', () => {
    expect(failing(run(eksSecretsEncryption, evidence([stack('c', { Cluster: { Type: 'AWS::EKS::Cluster', Properties: {} } })])))).toEqual(['Cluster']);
  });
});
