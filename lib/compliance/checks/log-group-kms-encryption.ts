import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { cfnRef, resourcesOfType } from '../private/cfn';

/** Log groups are encrypted with a customer-managed KMS key (CT.CLOUDWATCH.PR.3). */
export const logGroupKmsEncryption: CheckDefinition = {
  id: 'log-group-kms-encryption',
  title: 'Log groups are encrypted with KMS',
  description: 'Every CloudWatch Logs log group is encrypted with a customer-managed KMS key (the platform logs key), so reading logs also requires the key.',
  synthRules: ['oaas-log-group-kms-encryption'],
  run: (evidence) => resourcesOfType(evidence, 'AWS::Logs::LogGroup').map((r) => (r.props.KmsKeyId !== undefined
    ? pass(cfnRef(r), 'encrypted with a customer-managed key')
    : fail(cfnRef(r), 'not encrypted with a customer-managed KMS key', 'Pass `encryptionKey: keys.logs` to the log group.'))),
};
