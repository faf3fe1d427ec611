import type { CheckDefinition } from '../check';
import { fail, pass, scope } from '../check';
import type { LocatedResource } from '../private/cfn';
import { asArray, cfnRef, flatten, get, inTemplate, isTrue, refTarget, resourcesOfType } from '../private/cfn';

const FIX = 'Create the audit bucket with `objectLockEnabled: true` and a COMPLIANCE default retention of at least the governance `audit.retention` (set `audit.object_lock_mode: compliance`).';

/** Buckets that hold audit records: CloudTrail destinations, and the buckets they replicate to. */
function auditBuckets(evidence: Parameters<CheckDefinition['run']>[0]): { buckets: LocatedResource[]; unresolved: LocatedResource[] } {
  const all = resourcesOfType(evidence, 'AWS::S3::Bucket');
  const byName = (name: string) => all.find((b) => b.props.BucketName === name);
  const found = new Map<string, LocatedResource>();
  const unresolved: LocatedResource[] = [];
  for (const trail of resourcesOfType(evidence, 'AWS::CloudTrail::Trail')) {
    const target = trail.props.S3BucketName;
    const id = refTarget(target);
    const bucket = id ? inTemplate(trail.template, 'AWS::S3::Bucket').find((b) => b.logicalId === id) : typeof target === 'string' ? byName(target) : undefined;
    if (bucket) found.set(`${bucket.template.stack}/${bucket.logicalId}`, bucket);
    else unresolved.push(trail);
  }
  for (const bucket of [...found.values()]) {
    for (const rule of asArray(get(bucket.props, 'ReplicationConfiguration', 'Rules'))) {
      const arn = flatten(get(rule, 'Destination', 'Bucket'));
      const name = /:s3:::([^/]+)$/.exec(arn)?.[1];
      const replica = name ? byName(name) : undefined;
      if (replica) found.set(`${replica.template.stack}/${replica.logicalId}`, replica);
    }
  }
  return { buckets: [...found.values()], unresolved };
}

/** Audit buckets are write-once: Object Lock in COMPLIANCE mode for at least the audit retention. */
export const auditBucketObjectLock: CheckDefinition = {
  id: 'audit-bucket-object-lock',
  title: 'Audit records are immutable for the audit retention',
  description: 'Every bucket CloudTrail delivers to (and every bucket it replicates to) has S3 Object Lock on, with a COMPLIANCE-mode default retention at least as long as the governance audit retention, so no one, root included, can delete or overwrite audit records early.',
  synthRules: ['oaas-audit-bucket-object-lock'],
  run: (evidence, req) => {
    const { buckets, unresolved } = auditBuckets(evidence);
    const findings = unresolved.map((trail) => fail(
      cfnRef(trail),
      `the trail delivers to "${flatten(trail.props.S3BucketName)}", a bucket outside the synthesized templates, so its Object Lock cannot be evidenced`,
      'Deliver the trail to the audit bucket of the same stack (AuditBucket).',
    ));
    for (const b of buckets) {
      const problems: string[] = [];
      if (!isTrue(b.props.ObjectLockEnabled)) problems.push('Object Lock is not enabled');
      const retention = get(b.props, 'ObjectLockConfiguration', 'Rule', 'DefaultRetention');
      const mode = get(retention, 'Mode');
      const days = get(retention, 'Days') !== undefined ? Number(get(retention, 'Days')) : get(retention, 'Years') !== undefined ? Number(get(retention, 'Years')) * 365 : undefined;
      if (get(b.props, 'ObjectLockConfiguration', 'ObjectLockEnabled') !== 'Enabled' || retention === undefined) problems.push('no default retention');
      else {
        if (mode !== 'COMPLIANCE') problems.push(`default retention mode is ${String(mode)}, not COMPLIANCE (governance mode can be bypassed)`);
        if (days === undefined || !(days >= req.auditRetentionDays)) problems.push(`default retention is ${days ?? 'unset'} days, less than the audit retention of ${req.auditRetentionDays} days`);
      }
      findings.push(problems.length === 0
        ? pass(cfnRef(b), `Object Lock COMPLIANCE, ${days} days (audit retention ${req.auditRetentionDays} days)`)
        : fail(cfnRef(b), problems.join('; '), FIX));
    }
    if (findings.length === 0 && resourcesOfType(evidence, 'AWS::EC2::VPC', 'AWS::EKS::Cluster').length > 0) {
      findings.push(fail(scope('the synthesized workload stacks have no CloudTrail trail, so no audit bucket'), 'no audit bucket to evidence', FIX));
    }
    return findings;
  },
};
