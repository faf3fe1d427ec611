import { s3PublicAccessBlocked } from '../../../lib/compliance/checks/s3-public-access-blocked';
import { evidence, failing, run, stack } from '../helpers';

const blocked = { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } };

describe('s3-public-access-blocked', () => {
  test('passes a bucket with all four settings and a conditional policy', () => {
    const result = run(s3PublicAccessBlocked, evidence([stack('s', {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: blocked },
      Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } } },
    })]));
    expect(result.status).toBe('pass');
  });

  test('fails a missing setting, a public ACL and a policy open to anyone', () => {
    const result = run(s3PublicAccessBlocked, evidence([stack('s', {
      Partial: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: { ...blocked.PublicAccessBlockConfiguration, RestrictPublicBuckets: false } } },
      Acl: { Type: 'AWS::S3::Bucket', Properties: { ...blocked, AccessControl: 'PublicRead' } },
      Open: { Type: 'AWS::S3::Bucket', Properties: blocked },
      OpenPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Open' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] } } },
    })]));
    expect(failing(result)).toEqual(['Partial', 'Acl', 'Open']);
    expect(result.findings[0]!.message).toMatch(/RestrictPublicBuckets/);
    expect(result.findings[2]!.message).toMatch(/OpenPolicy allows "\*"/);
  });
});
