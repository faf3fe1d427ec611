import { auditBucketObjectLock } from '../../../lib/compliance/checks/audit-bucket-object-lock';
import { evidence, failing, run, stack, VPC } from '../helpers';

const locked = (mode: string, retention: Record<string, number>) => ({
  ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: mode, ...retention } } },
});
const trail = { Type: 'AWS::CloudTrail::Trail', Properties: { S3BucketName: { Ref: 'Audit' }, IsLogging: true } };

describe('audit-bucket-object-lock', () => {
  test('passes a COMPLIANCE lock of 7 years on the trail bucket and on its replica', () => {
    const result = run(auditBucketObjectLock, evidence([
      stack('audit-us', {
        Trail: trail,
        Audit: { Type: 'AWS::S3::Bucket', Properties: { ...locked('COMPLIANCE', { Years: 7 }), ReplicationConfiguration: { Rules: [{ Destination: { Bucket: 'arn:aws:s3:::acme-audit-eu' } }] } } },
      }),
      stack('audit-eu', { Replica: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'acme-audit-eu', ...locked('COMPLIANCE', { Days: 2600 }) } } }),
    ]));
    expect(result.status).toBe('pass');
    expect(result.findings).toHaveLength(2);
  });

  test('fails governance mode, a short retention, and a trail writing outside the templates', () => {
    const governance = run(auditBucketObjectLock, evidence([stack('a', { Trail: trail, Audit: { Type: 'AWS::S3::Bucket', Properties: locked('GOVERNANCE', { Years: 7 }) } })]));
    expect(failing(governance)).toEqual(['Audit']);
    expect(governance.findings[0]!.message).toMatch(/GOVERNANCE/);
    const short = run(auditBucketObjectLock, evidence([stack('a', { Trail: trail, Audit: { Type: 'AWS::S3::Bucket', Properties: locked('COMPLIANCE', { Days: 30 }) } })]));
    expect(short.findings[0]!.message).toMatch(/30 days, less than the audit retention of 2555 days/);
    const outside = run(auditBucketObjectLock, evidence([stack('a', { Trail: { ...trail, Properties: { S3BucketName: 'somewhere-else' } } })]));
    expect(failing(outside)).toEqual(['Trail']);
  });

  test('fails workload stacks without any trail', () => {
    expect(run(auditBucketObjectLock, evidence([stack('net', VPC)])).status).toBe('fail');
  });
});
