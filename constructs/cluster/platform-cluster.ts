import { KubectlV33Layer } from '@aws-cdk/lambda-layer-kubectl-v33';
import { Aspects, RemovalPolicy, Stack, Validations, aws_ec2 as ec2, aws_eks_v2 as eks, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import type { CfnCondition, CfnResource, IAspect, aws_kms as kms, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';

/** Every control-plane log type EKS can send to CloudWatch Logs. */
export const ALL_CONTROL_PLANE_LOG_TYPES: readonly eks.ClusterLoggingTypes[] = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

/** Kubernetes minors the bundled `KubectlV33Layer` can drive (kubectl supports one minor of skew). */
const KUBECTL_V33_MINORS = ['1.32', '1.33', '1.34'];

export interface PlatformClusterProps {
  /** Name of the EKS cluster; also names its control-plane log group `/aws/eks/<name>/cluster`. */
  readonly clusterName: string;
  /** Kubernetes version of the control plane. */
  readonly version: eks.KubernetesVersion;
  /** VPC of the control-plane ENIs, the nodes and the kubectl handler. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets of the control-plane ENIs.
   * @default - the VPC's private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection[];
  /**
   * CIDRs that may reach a public Kubernetes API endpoint. When given, the
   * endpoint is public (from these CIDRs only) and private; nodes and the
   * kubectl handler always use the private endpoint.
   * @default - private endpoint only
   */
  readonly publicAccessCidrs?: readonly string[];
  /** Customer-managed key for envelope encryption of Kubernetes secrets. */
  readonly secretsKey: kms.IKey;
  /**
   * Key that encrypts the control-plane log group and the kubectl handler's log groups.
   * @default - log groups are encrypted with the CloudWatch Logs service key
   */
  readonly logsKey?: kms.IKey;
  /**
   * Retention of the control-plane log group and the kubectl handler's log groups.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Control-plane log types sent to CloudWatch Logs.
   * @default ALL_CONTROL_PLANE_LOG_TYPES
   */
  readonly clusterLogging?: readonly eks.ClusterLoggingTypes[];
  /**
   * Lambda layer with `kubectl` and `helm` for the kubectl handler; its minor must be within one of `version`.
   * @default - a `KubectlV33Layer`, which requires Kubernetes 1.32 to 1.34
   */
  readonly kubectlLayer?: lambda.ILayerVersion;
  /**
   * What happens to the control-plane log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * A private-by-default EKS cluster (`AWS::EKS::Cluster` through aws-eks-v2)
 * with authentication mode API (access entries only, no creator admin),
 * every control-plane log type in a KMS-encrypted log group created ahead of
 * the cluster, secrets envelope encryption, no default capacity and no
 * self-managed networking add-ons (the managed add-ons replace them). A
 * kubectl handler in the private subnets applies manifests and Helm charts;
 * its log groups are encrypted and retained like the control plane's.
 */
export class PlatformCluster extends Construct {
  public readonly cluster: eks.Cluster;
  /** The role of the EKS control plane. */
  public readonly role: iam.Role;
  /** `/aws/eks/<name>/cluster`, created before the cluster so its encryption and retention are ours. */
  public readonly controlPlaneLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PlatformClusterProps) {
    super(scope, id);
    if (!props.kubectlLayer && !KUBECTL_V33_MINORS.includes(props.version.version)) {
      throw new Error(`PlatformCluster: the default KubectlV33Layer drives Kubernetes ${KUBECTL_V33_MINORS.join(', ')}, got ${props.version.version}; `
        + 'pass a kubectlLayer from @aws-cdk/lambda-layer-kubectl-v<minor> that matches the cluster version');
    }
    if (props.publicAccessCidrs !== undefined && props.publicAccessCidrs.length === 0) {
      throw new Error('PlatformCluster: expected publicAccessCidrs to list at least one CIDR, got none; an empty list would open the public endpoint '
        + 'to every address. Omit publicAccessCidrs for a private endpoint.');
    }
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;

    this.controlPlaneLogGroup = new logs.LogGroup(this, 'ControlPlaneLogs', {
      logGroupName: `/aws/eks/${props.clusterName}/cluster`,
      retention,
      encryptionKey: props.logsKey,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('eks.amazonaws.com'),
      description: `EKS control plane of ${props.clusterName}`,
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSClusterPolicy'),
        new iam.ManagedPolicy(this, 'SecretsEncryption', {
          description: `Envelope encryption of the Kubernetes secrets of ${props.clusterName}`,
          statements: [new iam.PolicyStatement({
            actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
            resources: [props.secretsKey.keyArn],
          })],
        }),
      ],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy]',
      reason: 'AmazonEKSClusterPolicy is the policy EKS documents for the cluster role; AWS keeps it in step with the control plane.',
    });

    const kubectlLayer = props.kubectlLayer ?? new KubectlV33Layer(this, 'KubectlLayer');
    this.cluster = new eks.Cluster(this, 'Eks', {
      clusterName: props.clusterName,
      version: props.version,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets ?? [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      role: this.role,
      endpointAccess: props.publicAccessCidrs
        ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...props.publicAccessCidrs)
        : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: props.secretsKey,
      clusterLogging: [...(props.clusterLogging ?? ALL_CONTROL_PLANE_LOG_TYPES)],
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      bootstrapClusterCreatorAdminPermissions: false,
      bootstrapSelfManagedAddons: false,
      outputConfigCommand: false,
      kubectlProviderOptions: { kubectlLayer },
    });
    this.cluster.node.addDependency(this.controlPlaneLogGroup);
    Validations.of(this.cluster).acknowledge({
      id: 'CloudFormation-Validate::W9009',
      reason: 'aws-eks-v2 renders EncryptionConfig.Resources ["secrets"], the only value EKS accepts; the schema marks the property deprecated but the EKS API still documents it.',
    });
    if (props.publicAccessCidrs) {
      Validations.of(this.cluster).acknowledge({
        id: 'AwsSolutions-EKS1',
        reason: `The definition asks for a public API endpoint (cluster.endpoint_access.public); it only accepts ${props.publicAccessCidrs.join(', ')}.`,
      });
    }

    Aspects.of(this.cluster).add(new KubectlLogGroups(retention, props.logsKey));
    this.acknowledgeKubectlProvider();
  }

  /**
   * The kubectl handler and its custom-resource provider are aws-eks-v2
   * internals: their roles, policies and invocation are the library's, and
   * CloudFormation is their only caller. Findings that name generated logical
   * ids are computed from this tree, so they follow the construct ids.
   */
  private acknowledgeKubectlProvider(): void {
    const provider = this.cluster.kubectlProvider;
    if (!provider) return;
    const stack = Stack.of(this);
    const handler = kubectlChild(provider, KUBECTL_PROVIDER_CHILDREN.handler);
    const handlerFunction = kubectlChild(handler, KUBECTL_PROVIDER_CHILDREN.handlerFunction) as CfnResource;
    const ecrPublic = kubectlChild(handler, KUBECTL_PROVIDER_CHILDREN.ecrPublicCondition) as CfnCondition;
    const managed = (name: string) => `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`;
    const acknowledgments: ReadonlyArray<readonly [string, string]> = [
      [managed('service-role/AWSLambdaBasicExecutionRole'),
        'aws-eks-v2 kubectl provider: the Lambda basic execution policy only lets the handlers write their own log streams.'],
      [managed('service-role/AWSLambdaVPCAccessExecutionRole'),
        'aws-eks-v2 kubectl provider: the handlers run in the private subnets to reach the private API endpoint and manage their ENIs.'],
      [managed('AmazonEC2ContainerRegistryReadOnly'),
        'aws-eks-v2 kubectl provider: read-only ECR access lets the handler pull OCI Helm charts.'],
      [`AwsSolutions-IAM4[Policy::{"Fn::If":["${stack.getLogicalId(ecrPublic)}",{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},`
        + '":iam::aws:policy/AmazonElasticContainerRegistryPublicReadOnly"]]},{"Ref":"AWS::NoValue"}]}]',
      'aws-eks-v2 kubectl provider: read-only ECR Public access (aws partition only) lets the handler pull public OCI Helm charts.'],
      [`AwsSolutions-IAM5[Resource::<${stack.getLogicalId(handlerFunction)}.Arn>:*]`,
        'aws-eks-v2 kubectl provider: the provider framework may invoke any version of its own kubectl handler, and nothing else.'],
      ['AwsSolutions-L1', 'aws-eks-v2 kubectl provider: the library picks the handler runtime (the latest Python its kubectl handler is tested with), not this code.'],
      ['HIPAA.Security-IAMNoInlinePolicy', 'aws-eks-v2 kubectl provider: the library attaches the statements of the handlers (DescribeCluster of this cluster, invoke of the handler) as default policies.'],
      ['NIST.800.53.R5-IAMNoInlinePolicy', 'aws-eks-v2 kubectl provider: the library attaches the statements of the handlers (DescribeCluster of this cluster, invoke of the handler) as default policies.'],
      ['HIPAA.Security-LambdaConcurrency', 'aws-eks-v2 kubectl provider: invoked only by CloudFormation during deployments; a concurrency cap would throttle parallel manifests and fail the deployment.'],
      ['NIST.800.53.R5-LambdaConcurrency', 'aws-eks-v2 kubectl provider: invoked only by CloudFormation during deployments; a concurrency cap would throttle parallel manifests and fail the deployment.'],
      ['HIPAA.Security-LambdaDLQ', 'aws-eks-v2 kubectl provider: a failed invocation fails the CloudFormation operation, which reports and rolls back; there is no event to dead-letter.'],
      ['NIST.800.53.R5-LambdaDLQ', 'aws-eks-v2 kubectl provider: a failed invocation fails the CloudFormation operation, which reports and rolls back; there is no event to dead-letter.'],
    ];
    for (const [id, reason] of acknowledgments) Validations.of(provider).acknowledge({ id, reason });
  }
}

/**
 * The construct ids aws-eks-v2 gives the kubectl provider's parts (its
 * handler function and the condition on ECR Public) are not part of its API:
 * the acknowledgements above name them. test/contract/aws-cdk-lib-contract.test.ts
 * checks them against the installed version.
 */
export const KUBECTL_PROVIDER_CHILDREN = { handler: 'Handler', handlerFunction: 'Resource', ecrPublicCondition: 'HasEcrPublic' } as const;

function kubectlChild(scope: IConstruct, id: string): IConstruct {
  const child = scope.node.tryFindChild(id);
  if (!child) {
    throw new Error(`PlatformCluster: expected aws-eks-v2's kubectl provider to have a child "${id}" under ${scope.node.path}, found `
      + `${scope.node.children.map((c) => `"${c.node.id}"`).join(', ') || 'none'}. aws-cdk-lib changed how it builds the provider: `
      + 'update KUBECTL_PROVIDER_CHILDREN and the acknowledgements in constructs/cluster/platform-cluster.ts to the new ids '
      + '(test/contract/aws-cdk-lib-contract.test.ts shows them).');
  }
  return child;
}

/**
 * Encrypts and sets the retention of the log groups aws-eks-v2 creates for the
 * kubectl handler and its provider framework, which the library does not expose.
 */
class KubectlLogGroups implements IAspect {
  constructor(private readonly retention: logs.RetentionDays, private readonly key?: kms.IKey) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof logs.CfnLogGroup)) return;
    // Logs kept forever have no retention in CloudFormation: RetentionDays.INFINITE (9999) is no value it accepts.
    node.retentionInDays = this.retention === logs.RetentionDays.INFINITE ? undefined : this.retention;
    if (this.key) node.kmsKeyId = this.key.keyArn;
  }
}
