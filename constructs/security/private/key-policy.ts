/**
 * Key policy statements that let AWS services use a customer-managed key, each
 * scoped by the condition the service documents, so that a service principal
 * can only use the key for resources of this account and region.
 */
import { aws_iam as iam } from 'aws-cdk-lib';

/** Where the key lives: the statements are scoped to it. */
export interface KeyScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

const ENCRYPT_DECRYPT = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/**
 * CloudWatch Logs (`logs.<region>.amazonaws.com`) may encrypt and decrypt log
 * events of this account's log groups in this region, and nothing else: the
 * encryption context names the log group.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function cloudWatchLogsStatement(scope: KeyScope): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudWatchLogsOfThisAccount',
    principals: [new iam.ServicePrincipal(`logs.${scope.region}.amazonaws.com`)],
    actions: ENCRYPT_DECRYPT,
    resources: ['*'],
    conditions: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${scope.partition}:logs:${scope.region}:${scope.account}:log-group:*` },
    },
  });
}

/**
 * CloudTrail may generate data keys for, and describe the key of, trails of
 * this account in this region (`aws:SourceArn`), and only for log files of this
 * account's trails (encryption context).
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export function cloudTrailStatements(scope: KeyScope): iam.PolicyStatement[] {
  const principal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const sourceArn = { 'aws:SourceArn': `arn:${scope.partition}:cloudtrail:${scope.region}:${scope.account}:trail/*` };
  return [
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogFiles',
      principals: [principal],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        ArnLike: sourceArn,
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${scope.partition}:cloudtrail:*:${scope.account}:trail/*` },
      },
    }),
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [principal],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: sourceArn },
    }),
  ];
}

/**
 * Principals of this account may use the key only through the given services
 * (`kms:ViaService`), e.g. an S3 bucket, an SNS topic or a Backup vault
 * encrypted with it; grants are limited to AWS resources.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
export function viaServiceStatements(scope: KeyScope, services: readonly string[]): iam.PolicyStatement[] {
  if (services.length === 0) return [];
  const principal = new iam.AccountPrincipal(scope.account);
  const viaService = {
    'kms:ViaService': services.map((service) => `${service}.${scope.region}.amazonaws.com`),
    'kms:CallerAccount': scope.account,
  };
  return [
    new iam.PolicyStatement({
      sid: 'AllowUseThroughPlatformServices',
      principals: [principal],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: viaService },
    }),
    new iam.PolicyStatement({
      sid: 'AllowGrantsForAwsResourcesOfPlatformServices',
      principals: [principal],
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      resources: ['*'],
      conditions: { StringEquals: viaService, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }),
  ];
}

/** Name of the service-linked role EC2 Auto Scaling launches instances with, in every account. */
export const AUTO_SCALING_SERVICE_LINKED_ROLE = 'aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling';

/** `arn:<partition>:iam::<account>:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` */
export function autoScalingServiceLinkedRoleArn(scope: Pick<KeyScope, 'partition' | 'account'>): string {
  return `arn:${scope.partition}:iam::${scope.account}:role/${AUTO_SCALING_SERVICE_LINKED_ROLE}`;
}

/**
 * The EC2 Auto Scaling service-linked role of this account may use the key to
 * create and attach the encrypted EBS volumes of the instances it launches
 * (EKS managed node groups run on Auto Scaling groups), and may create grants
 * only for AWS resources. KMS checks that a principal named in a key policy
 * exists: the role exists in every account that has had an Auto Scaling group;
 * in a new account create it once with
 * `aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com`.
 * @see https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
export function autoScalingVolumeStatements(scope: KeyScope): iam.PolicyStatement[] {
  const principal = new iam.ArnPrincipal(autoScalingServiceLinkedRoleArn(scope));
  return [
    new iam.PolicyStatement({
      sid: 'AllowAutoScalingServiceLinkedRoleVolumeEncryption',
      principals: [principal],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'AllowAutoScalingServiceLinkedRoleGrantsForAwsResources',
      principals: [principal],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': true } },
    }),
  ];
}
