import { s3BucketKmsEncryption } from '../../../lib/compliance/checks/s3-bucket-kms-encryption';
import { evidence, failing, KEY_IMPORT, run, stack } from '../helpers';

const kms = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_IMPORT } }] } };
const sseS3 = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } };

describe('s3-bucket-kms-encryption', () => {
  test('passes SSE-KMS with a customer-managed key, and SSE-S3 on a server access log target', () => {
    const result = run(s3BucketKmsEncryption, evidence([stack('audit', {
      Audit: { Type: 'AWS::S3::Bucket', Properties: { ...kms, LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogs' } } } },
      AccessLogs: { Type: 'AWS::S3::Bucket', Properties: sseS3 },
    })]));
    expect(result.status).toBe('pass');
    expect(result.findings.find((f) => f.message.includes('server access log target'))).toBeDefined();
  });

  test('fails SSE-S3 on a data bucket, the aws/s3 key, and no encryption', () => {
    const result = run(s3BucketKmsEncryption, evidence([stack('data', {
      Plain: { Type: 'AWS::S3::Bucket', Properties: sseS3 },
      AwsManaged: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } } },
      None: { Type: 'AWS::S3::Bucket', Properties: {} },
    })]));
    expect(failing(result)).toEqual(['Plain', 'AwsManaged', 'None']);
    expect(result.findings[0]!.fix).toMatch(/BucketEncryption.KMS/);
  });
});
