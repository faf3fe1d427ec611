import { Stack, Token, Validations, aws_eks_v2 as eks, aws_iam as iam } from 'aws-cdk-lib';
import type { aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** A Kubernetes service account that gets the tenant's role through EKS Pod Identity. */
export interface WorkloadServiceAccount {
  /** Construct id of its association: derive it from the workload's name, never from a list position. */
  readonly id: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

export interface TenantWorkloadIdentityProps {
  /** The cluster the workloads run on. */
  readonly cluster: eks.ICluster;
  /** The tenant, for descriptions and errors. */
  readonly tenantId: string;
  /** Name of the tenant's IAM role (at most 64 characters). */
  readonly roleName: string;
  /** The tenant's namespaces: only service accounts of these namespaces can assume the role. */
  readonly namespaces: readonly string[];
  /** Service accounts associated with the role, one Pod Identity association each. */
  readonly serviceAccounts: readonly WorkloadServiceAccount[];
  /** Name of the shared tenant-data bucket. */
  readonly dataBucketName: string;
  /** The tenant's key prefix in the bucket, ending in `/`, e.g. `tenants/payments/`. */
  readonly dataPrefix: string;
  /**
   * Key of the tenant-data bucket (SSE-KMS without S3 Bucket Keys, so that the
   * encryption context names each object). The role may use it only through
   * S3 and only for objects under `dataPrefix`.
   */
  readonly dataKey: kms.IKey;
}

/**
 * The AWS identity of one tenant's workloads: an IAM role that only EKS Pod
 * Identity may assume, only for this cluster and the tenant's namespaces
 * (session-tag conditions), with a customer-managed policy that reaches the
 * tenant's own prefix of the tenant-data bucket and decrypts or generates data
 * keys only for objects under that prefix (`kms:EncryptionContext:aws:s3:arn`);
 * and one Pod Identity association per workload service account.
 */
export class TenantWorkloadIdentity extends Construct {
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;
  /** Pod Identity association of each service account, by `id`. */
  public readonly associations: Readonly<Record<string, eks.CfnPodIdentityAssociation>>;

  constructor(scope: Construct, id: string, props: TenantWorkloadIdentityProps) {
    super(scope, id);
    const where = `TenantWorkloadIdentity ${props.tenantId}`;
    if (!/^[a-z0-9][a-z0-9!\-_.*'()/]*\/$/.test(props.dataPrefix) || props.dataPrefix.includes('*')) {
      throw new Error(`${where}: expected dataPrefix like "tenants/${props.tenantId}/" (ending in "/", no "*"), got "${props.dataPrefix}"`);
    }
    if (props.namespaces.length === 0) throw new Error(`${where}: expected at least one namespace, got none`);
    const outside = props.serviceAccounts.filter((sa) => !props.namespaces.includes(sa.namespace));
    if (outside.length > 0) {
      throw new Error(`${where}: expected service accounts in the tenant's namespaces (${props.namespaces.join(', ')}), `
        + `got ${outside.map((sa) => `${sa.namespace}/${sa.serviceAccount}`).join(', ')}`);
    }

    const stack = Stack.of(this);
    const podIdentity = new iam.ServicePrincipal('pods.eks.amazonaws.com');
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `Workloads of tenant ${props.tenantId} on ${stack.stackName} (EKS Pod Identity)`,
      assumedBy: new iam.SessionTagsPrincipal(podIdentity).withConditions({
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:RequestTag/eks-cluster-name': props.cluster.clusterName,
          'aws:RequestTag/kubernetes-namespace': [...props.namespaces],
        },
      }),
    });

    const bucketArn = `arn:${stack.partition}:s3:::${props.dataBucketName}`;
    const objectsArn = `${bucketArn}/${props.dataPrefix}*`;
    this.policy = new iam.ManagedPolicy(this, 'DataAccess', {
      description: `Tenant ${props.tenantId}: its own prefix of ${props.dataBucketName} and the data key for it`,
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'TenantObjects',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [objectsArn],
        }),
        new iam.PolicyStatement({
          sid: 'ListTenantPrefix',
          actions: ['s3:ListBucket'],
          resources: [bucketArn],
          conditions: { StringLike: { 's3:prefix': [props.dataPrefix, `${props.dataPrefix}*`] } },
        }),
        new iam.PolicyStatement({
          sid: 'DataKeyForTenantObjectsThroughS3',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.dataKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': objectsArn },
          },
        }),
      ],
    });

    const partitionForNag = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    Validations.of(this.policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${partitionForNag}:s3:::${props.dataBucketName}/${props.dataPrefix}*]`,
      reason: `Tenant ${props.tenantId}: the object wildcard is confined to the tenant's own prefix ${props.dataPrefix}, whose objects it owns.`,
    });

    const associations: Record<string, eks.CfnPodIdentityAssociation> = {};
    const associationScope = new Construct(this, 'PodIdentity');
    for (const sa of props.serviceAccounts) {
      if (associations[sa.id]) throw new Error(`${where}: expected unique service account ids, got "${sa.id}" twice`);
      associations[sa.id] = new eks.CfnPodIdentityAssociation(associationScope, sa.id, {
        clusterName: props.cluster.clusterName,
        namespace: sa.namespace,
        serviceAccount: sa.serviceAccount,
        roleArn: this.role.roleArn,
      });
    }
    this.associations = associations;
  }
}
