import { Duration, RemovalPolicy, Stack, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { autoScalingVolumeStatements, cloudTrailStatements, cloudWatchLogsStatement, viaServiceStatements } from './private/key-policy';
import type { KeyScope } from './private/key-policy';

/** AWS services that may use the data key on behalf of principals of the account (`kms:ViaService`). */
export enum DataKeyService {
  S3 = 's3',
  SNS = 'sns',
  BACKUP = 'backup',
  SQS = 'sqs',
  DYNAMODB = 'dynamodb',
  SECRETS_MANAGER = 'secretsmanager',
}

export interface PlatformKeyringProps {
  /**
   * Alias prefix of the keys, without a trailing slash; the keys are
   * `<prefix>/secrets`, `<prefix>/logs` and `<prefix>/data`. Must start with
   * `alias/` and not with `alias/aws/`.
   */
  readonly aliasPrefix: string;
  /**
   * How often KMS rotates the key material of every key (90 to 2560 days).
   * @default Duration.days(365)
   */
  readonly rotationPeriod?: Duration;
  /**
   * Waiting period before a key scheduled for deletion is deleted (7 to 30 days).
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;
  /**
   * What happens to the keys when they leave the stack. Data encrypted with a
   * deleted key is lost, so keys are kept.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Services through which principals of the account may use the data key.
   * @default [DataKeyService.SNS, DataKeyService.BACKUP, DataKeyService.S3]
   */
  readonly dataKeyServices?: readonly DataKeyService[];
  /**
   * Let CloudTrail trails of this account and region encrypt log files with the logs key.
   * @default true
   */
  readonly cloudTrail?: boolean;
  /**
   * Let the EC2 Auto Scaling service-linked role of this account
   * (`AWSServiceRoleForAutoScaling`) encrypt the EBS volumes of the instances
   * it launches with the data key, which EKS managed node groups need for
   * root volumes encrypted with it. KMS refuses a key policy whose principal
   * does not exist: in an account that never had an Auto Scaling group, create
   * the role once (`aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com`).
   * @default true
   */
  readonly autoScalingVolumes?: boolean;
}

const PURPOSES = {
  secrets: 'Envelope encryption of Kubernetes secrets',
  logs: 'CloudWatch Logs, CloudTrail and VPC flow logs',
  data: 'Tenant data, backups, SNS topics and S3 buckets',
} as const;

/**
 * The customer-managed keys of one region, one per purpose, with automatic
 * rotation and least-privilege key policies: the account root administers
 * each key (delegating to IAM); CloudWatch Logs and CloudTrail may use the
 * logs key for this account's log groups and trails only; the data key is
 * usable only through the listed services and by the EC2 Auto Scaling
 * service-linked role for the volumes of the nodes it launches. The secrets
 * key has no service statement: the cluster role gets it through IAM.
 */
export class PlatformKeyring extends Construct {
  public readonly secrets: kms.Key;
  public readonly logs: kms.Key;
  public readonly data: kms.Key;

  constructor(scope: Construct, id: string, props: PlatformKeyringProps) {
    super(scope, id);
    if (!/^alias\/[a-zA-Z0-9/_-]+[a-zA-Z0-9_-]$/.test(props.aliasPrefix) || props.aliasPrefix.startsWith('alias/aws/')) {
      throw new Error(`PlatformKeyring: expected aliasPrefix like "alias/acme/production" (letters, digits, "/", "_", "-"; not "alias/aws/..."), got "${props.aliasPrefix}"`);
    }
    const stack = Stack.of(this);
    const keyScope: KeyScope = { partition: stack.partition, region: stack.region, account: stack.account };
    const newKey = (purpose: keyof typeof PURPOSES) => new kms.Key(this, `${purpose[0]!.toUpperCase()}${purpose.slice(1)}`, {
      alias: `${props.aliasPrefix}/${purpose}`,
      description: `${PURPOSES[purpose]} (${props.aliasPrefix.slice('alias/'.length)})`,
      enableKeyRotation: true,
      rotationPeriod: props.rotationPeriod ?? Duration.days(365),
      pendingWindow: props.pendingWindow ?? Duration.days(30),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.secrets = newKey('secrets');

    this.logs = newKey('logs');
    this.logs.addToResourcePolicy(cloudWatchLogsStatement(keyScope));
    if (props.cloudTrail ?? true) {
      for (const statement of cloudTrailStatements(keyScope)) this.logs.addToResourcePolicy(statement);
    }

    this.data = newKey('data');
    const services = props.dataKeyServices ?? [DataKeyService.SNS, DataKeyService.BACKUP, DataKeyService.S3];
    for (const statement of viaServiceStatements(keyScope, services)) this.data.addToResourcePolicy(statement);
    if (props.autoScalingVolumes ?? true) {
      for (const statement of autoScalingVolumeStatements(keyScope)) this.data.addToResourcePolicy(statement);
    }
  }
}
