import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import type { LocatedResource } from '../private/cfn';
import { asArray, cfnRef, flatten, get, inTemplate, refTarget, resourcesOfType, statementsOf, stringsOf } from '../private/cfn';

const FIX = 'Use `encryption: s3.BucketEncryption.KMS` with the platform data key (`encryptionKey`).';

/** True when the bucket receives S3 server access logs, where S3 only supports SSE-S3 default encryption. */
function isAccessLogTarget(bucket: LocatedResource): boolean {
  const name = bucket.props.BucketName;
  const referenced = inTemplate(bucket.template, 'AWS::S3::Bucket').some((other) => {
    const target = get(other.props, 'LoggingConfiguration', 'DestinationBucketName');
    return refTarget(target) === bucket.logicalId || (typeof name === 'string' && target === name);
  });
  const grantsDelivery = inTemplate(bucket.template, 'AWS::S3::BucketPolicy')
    .filter((p) => refTarget(p.props.Bucket) === bucket.logicalId)
    .some((p) => statementsOf(p.props.PolicyDocument).some((s) => s.Effect === 'Allow'
      && stringsOf(get(s, 'Principal', 'Service')).includes('logging.s3.amazonaws.com')));
  return referenced || grantsDelivery;
}

/** S3 buckets encrypt by default with a customer-managed KMS key (CT.S3.PR.10), except server access log targets. */
export const s3BucketKmsEncryption: CheckDefinition = {
  id: 's3-bucket-kms-encryption',
  title: 'S3 buckets are encrypted with KMS',
  description: 'Every S3 bucket has default encryption with SSE-KMS (or DSSE-KMS) and a customer-managed key, so access to the data also requires access to the key. Buckets that receive S3 server access logs are exempt: S3 log delivery supports only SSE-S3 there.',
  synthRules: ['oaas-s3-bucket-encryption'],
  run: (evidence) => resourcesOfType(evidence, 'AWS::S3::Bucket').map((r) => {
    const rules = asArray(get(r.props, 'BucketEncryption', 'ServerSideEncryptionConfiguration'));
    const defaults = rules.map((rule) => get(rule, 'ServerSideEncryptionByDefault'));
    const kms = defaults.find((d) => ['aws:kms', 'aws:kms:dsse'].includes(String(get(d, 'SSEAlgorithm'))));
    if (kms && get(kms, 'KMSMasterKeyID') !== undefined) return pass(cfnRef(r), `default encryption ${flatten(get(kms, 'SSEAlgorithm'))} with a customer-managed key`);
    if (kms) return fail(cfnRef(r), 'default encryption uses the AWS-managed key aws/s3, not a customer-managed key', FIX);
    const algorithm = defaults.map((d) => get(d, 'SSEAlgorithm')).find((a) => a !== undefined);
    if (algorithm === 'AES256' && isAccessLogTarget(r)) {
      return pass(cfnRef(r), 'SSE-S3: server access log target, where S3 log delivery supports only SSE-S3');
    }
    return fail(cfnRef(r), algorithm ? `default encryption is ${flatten(algorithm)}, not SSE-KMS` : 'no default encryption configured', FIX);
  }),
};
