import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { cfnRef, get, inTemplate, isTrue, refTarget, resourcesOfType, statementsOf, stringsOf } from '../private/cfn';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;
const FIX = 'Use `blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL`, no public canned ACL and no bucket policy statement allowing "*" without conditions.';

/** S3 buckets block every form of public access (CT.S3.PR.1). */
export const s3PublicAccessBlocked: CheckDefinition = {
  id: 's3-public-access-blocked',
  title: 'S3 buckets block public access',
  description: 'Every S3 bucket sets all four Block Public Access settings, has no public canned ACL and no bucket policy that allows anyone without a condition.',
  synthRules: ['CT.S3.PR.1'],
  run: (evidence) => resourcesOfType(evidence, 'AWS::S3::Bucket').map((r) => {
    const problems: string[] = [];
    const block = get(r.props, 'PublicAccessBlockConfiguration');
    const missing = SETTINGS.filter((s) => !isTrue(get(block, s)));
    if (missing.length > 0) problems.push(`Block Public Access settings not true: ${missing.join(', ')}`);
    const acl = r.props.AccessControl;
    if (typeof acl === 'string' && /^Public|AuthenticatedRead/.test(acl)) problems.push(`canned ACL ${acl}`);
    for (const policy of inTemplate(r.template, 'AWS::S3::BucketPolicy').filter((p) => refTarget(p.props.Bucket) === r.logicalId)) {
      for (const s of statementsOf(policy.props.PolicyDocument)) {
        const principal = s.Principal;
        const anyone = principal === '*' || stringsOf(get(principal, 'AWS')).includes('*');
        if (s.Effect === 'Allow' && anyone && !s.Condition) problems.push(`bucket policy ${policy.logicalId} allows "*" without a condition`);
      }
    }
    return problems.length === 0 ? pass(cfnRef(r), 'all public access blocked') : fail(cfnRef(r), problems.join('; '), FIX);
  }),
};
