import { s3SslEnforced } from '../../../lib/compliance/checks/s3-ssl-enforced';
import { evidence, failing, run, stack } from '../helpers';

const sslDeny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('s3-ssl-enforced', () => {
  test('passes a bucket whose policy denies requests without TLS', () => {
    const result = run(s3SslEnforced, evidence([stack('s', {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [sslDeny] } } },
    })]));
    expect(result.status).toBe('pass');
  });

  test('fails a bucket without policy and one whose deny misses the transport condition', () => {
    const result = run(s3SslEnforced, evidence([stack('s', {
      NoPolicy: { Type: 'AWS::S3::Bucket', Properties: {} },
      Weak: { Type: 'AWS::S3::Bucket', Properties: {} },
      WeakPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Weak' }, PolicyDocument: { Statement: [{ ...sslDeny, Condition: undefined }] } } },
    })]));
    expect(failing(result)).toEqual(['NoPolicy', 'Weak']);
  });
});
