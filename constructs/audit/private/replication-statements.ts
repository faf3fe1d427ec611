/**
 * Least-privilege permissions of the role S3 assumes to replicate an audit
 * bucket to the bucket of the same name pattern in its DR region. The
 * destination lives in another region, so it is named, never referenced: its
 * bucket by ARN, its KMS key by alias (`kms:ResourceAliases`), both read only
 * through S3 (`kms:ViaService`) and for these buckets (encryption context).
 */
import { aws_iam as iam } from 'aws-cdk-lib';

export interface ReplicationEndpoints {
  readonly partition: string;
  readonly account: string;
  readonly sourceRegion: string;
  readonly sourceBucketName: string;
  /** ARN of the key the source objects are encrypted with. */
  readonly sourceKeyArn: string;
  readonly destinationRegion: string;
  readonly destinationBucketName: string;
  /** Alias (`alias/...`) of the destination key in the destination region. */
  readonly destinationKeyAlias: string;
}

export const bucketArn = (partition: string, name: string): string => `arn:${partition}:s3:::${name}`;

/** The ARN of the destination key's alias, as `ReplicaKmsKeyID` accepts it. */
export function destinationKeyAliasArn(e: ReplicationEndpoints): string {
  return `arn:${e.partition}:kms:${e.destinationRegion}:${e.account}:${e.destinationKeyAlias}`;
}

/** S3 encrypts with the bucket ARN as context when S3 Bucket Keys are on, else with the object ARN. */
const encryptionContext = (arn: string) => ({ 'kms:EncryptionContext:aws:s3:arn': [arn, `${arn}/*`] });

export function replicationStatements(e: ReplicationEndpoints): iam.PolicyStatement[] {
  const source = bucketArn(e.partition, e.sourceBucketName);
  const destination = bucketArn(e.partition, e.destinationBucketName);
  return [
    new iam.PolicyStatement({
      sid: 'ReadReplicationConfiguration',
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resources: [source],
    }),
    new iam.PolicyStatement({
      sid: 'ReadSourceObjectVersions',
      actions: [
        's3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging',
        's3:GetObjectRetention', 's3:GetObjectLegalHold',
      ],
      resources: [`${source}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'WriteReplicas',
      actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
      resources: [`${destination}/*`],
    }),
    new iam.PolicyStatement({
      sid: 'DecryptSourceObjects',
      actions: ['kms:Decrypt'],
      resources: [e.sourceKeyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `s3.${e.sourceRegion}.amazonaws.com` },
        StringLike: encryptionContext(source),
      },
    }),
    new iam.PolicyStatement({
      sid: 'EncryptReplicasWithDestinationKey',
      actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [`arn:${e.partition}:kms:${e.destinationRegion}:${e.account}:key/*`],
      conditions: {
        'StringEquals': { 'kms:ViaService': `s3.${e.destinationRegion}.amazonaws.com` },
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [e.destinationKeyAlias] },
        'StringLike': encryptionContext(destination),
      },
    }),
  ];
}
