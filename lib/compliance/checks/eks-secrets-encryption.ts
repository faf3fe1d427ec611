import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { asArray, cfnRef, eksClusters, getCI, stringsOf } from '../private/cfn';

/** Kubernetes secrets are envelope-encrypted with a customer-managed KMS key (CT.EKS.PR.2). */
export const eksSecretsEncryption: CheckDefinition = {
  id: 'eks-secrets-encryption',
  title: 'EKS secrets are encrypted with KMS',
  description: 'Every EKS cluster envelope-encrypts Kubernetes secrets in etcd with a customer-managed KMS key (the platform secrets key).',
  synthRules: ['oaas-eks-secrets-encryption'],
  run: (evidence) => eksClusters(evidence).map(({ resource, config }) => {
    const encrypted = asArray(getCI(config, 'EncryptionConfig'))
      .some((c) => stringsOf(getCI(c, 'Resources')).includes('secrets') && getCI(c, 'Provider', 'KeyArn') !== undefined);
    return encrypted
      ? pass(cfnRef(resource), 'secrets envelope-encrypted with a customer-managed key')
      : fail(cfnRef(resource), 'Kubernetes secrets are not envelope-encrypted with a KMS key', 'Pass `secretsEncryptionKey: keys.secrets` to the cluster.');
  }),
};
