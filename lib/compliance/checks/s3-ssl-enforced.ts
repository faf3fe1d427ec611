import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import type { PolicyStatement } from '../private/cfn';
import { cfnRef, conditionValues, coversAction, get, inTemplate, refTarget, resourcesOfType, statementsOf, stringsOf } from '../private/cfn';

const FIX = 'Use `enforceSSL: true` (and `minimumTLSVersion: 1.2`) on the bucket.';

function deniesInsecureTransport(s: PolicyStatement): boolean {
  const everyone = s.Principal === '*' || stringsOf(get(s.Principal, 'AWS')).includes('*');
  const insecure = conditionValues(s, ['Bool', 'BoolIfExists'], 'aws:SecureTransport');
  return s.Effect === 'Deny' && everyone && coversAction(s, 's3:GetObject') && coversAction(s, 's3:PutObject')
    && insecure !== undefined && insecure.includes('false');
}

/** S3 buckets refuse requests that do not use TLS (CT.S3.PR.8). */
export const s3SslEnforced: CheckDefinition = {
  id: 's3-ssl-enforced',
  title: 'S3 buckets require TLS',
  description: 'Every S3 bucket has a bucket policy that denies any request made without TLS (aws:SecureTransport false), protecting data in transit.',
  synthRules: ['CT.S3.PR.8'],
  run: (evidence) => resourcesOfType(evidence, 'AWS::S3::Bucket').map((r) => {
    const policies = inTemplate(r.template, 'AWS::S3::BucketPolicy').filter((p) => refTarget(p.props.Bucket) === r.logicalId);
    if (policies.length === 0) return fail(cfnRef(r), 'no bucket policy, so requests over plain HTTP are not denied', FIX);
    const enforcing = policies.find((p) => statementsOf(p.props.PolicyDocument).some(deniesInsecureTransport));
    return enforcing
      ? pass(cfnRef(r), `bucket policy ${enforcing.logicalId} denies requests without TLS`)
      : fail(cfnRef(r), 'the bucket policy does not deny requests without TLS (aws:SecureTransport false)', FIX);
  }),
};
