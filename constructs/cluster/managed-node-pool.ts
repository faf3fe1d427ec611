import { Size, Validations, aws_ec2 as ec2, aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The AWS managed policies EKS documents for node roles, which aws-eks-v2 attaches to the role it creates. */
const NODE_ROLE_POLICIES: ReadonlyArray<readonly [string, string]> = [
  ['AmazonEKSWorkerNodePolicy', 'EKS node role: AmazonEKSWorkerNodePolicy is what the kubelet needs to join the cluster; AWS maintains it with EKS.'],
  ['AmazonEC2ContainerRegistryReadOnly', 'EKS node role: read-only ECR access lets the kubelet pull the add-on and workload images.'],
  ['AmazonEKS_CNI_Policy', 'EKS node role: the VPC CNI on the node assigns pod IP addresses with it; pods cannot use it (IMDS hop limit 1).'],
];

/** Root device of the EKS-optimized Amazon Linux 2023 AMIs. */
const AL2023_ROOT_DEVICE = '/dev/xvda';

export interface ManagedNodePoolProps {
  /** The cluster the nodes join. */
  readonly cluster: eks.ICluster;
  /** Name of the managed node group, unique in the cluster. */
  readonly nodegroupName: string;
  /** Instance types the node group may launch, all of one architecture and accelerator kind. */
  readonly instanceTypes: readonly ec2.InstanceType[];
  /** Fewest nodes (0 or more). */
  readonly minSize: number;
  /** Most nodes (at least `minSize`, at least 1). */
  readonly maxSize: number;
  /**
   * Nodes at creation, between `minSize` and `maxSize`.
   * @default - `minSize`
   */
  readonly desiredSize?: number;
  /**
   * @default eks.CapacityType.ON_DEMAND
   */
  readonly capacityType?: eks.CapacityType;
  /**
   * Kubernetes labels of the nodes.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Kubernetes taints of the nodes.
   * @default - none
   */
  readonly taints?: readonly eks.TaintSpec[];
  /**
   * Size of the encrypted gp3 root volume; whole GiB.
   * @default Size.gibibytes(100)
   */
  readonly diskSize?: Size;
  /** Customer-managed key of the root volumes. */
  readonly volumeKey: kms.IKey;
  /**
   * EKS-optimized AMI family; must suit `instanceTypes`.
   * @default eks.NodegroupAmiType.AL2023_X86_64_STANDARD
   */
  readonly amiType?: eks.NodegroupAmiType;
  /**
   * IMDSv2 response hop limit. 1 keeps the instance metadata (and so the node
   * role's credentials) out of reach of pods that are not on the host network;
   * pods get AWS credentials from EKS Pod Identity, whose agent answers on a
   * link-local address and needs no IMDS hop.
   * @default 1
   */
  readonly httpPutResponseHopLimit?: number;
  /**
   * Role of the nodes.
   * @default - a role with the worker-node, CNI and ECR read-only managed policies
   */
  readonly nodeRole?: iam.IRole;
  /**
   * Subnets of the nodes.
   * @default - the VPC's private subnets
   */
  readonly subnets?: ec2.SubnetSelection;
}

/**
 * An EKS managed node group on a launch template that requires IMDSv2 (hop
 * limit 1 by default) and gives every node a gp3 root volume encrypted with a
 * customer-managed key. The AMI type is explicit (AL2023 by default), so
 * nothing depends on the `defaultToAL2023` feature flag.
 */
export class ManagedNodePool extends Construct {
  public readonly nodegroup: eks.Nodegroup;
  public readonly launchTemplate: ec2.LaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodePoolProps) {
    super(scope, id);
    const where = `ManagedNodePool ${props.nodegroupName}`;
    if (props.instanceTypes.length === 0) throw new Error(`${where}: expected at least one instance type, got none`);
    if (!Number.isInteger(props.minSize) || props.minSize < 0) throw new Error(`${where}: expected minSize to be a whole number ≥ 0, got ${props.minSize}`);
    if (!Number.isInteger(props.maxSize) || props.maxSize < Math.max(1, props.minSize)) {
      throw new Error(`${where}: expected maxSize to be a whole number ≥ max(1, minSize=${props.minSize}), got ${props.maxSize}`);
    }
    const desiredSize = props.desiredSize ?? props.minSize;
    if (desiredSize < props.minSize || desiredSize > props.maxSize) {
      throw new Error(`${where}: expected desiredSize between ${props.minSize} and ${props.maxSize}, got ${desiredSize}`);
    }
    const diskSize = props.diskSize ?? Size.gibibytes(100);
    const hopLimit = props.httpPutResponseHopLimit ?? 1;
    if (!Number.isInteger(hopLimit) || hopLimit < 1 || hopLimit > 64) {
      throw new Error(`${where}: expected httpPutResponseHopLimit between 1 and 64, got ${hopLimit}`);
    }

    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      requireImdsv2: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpEndpoint: true,
      httpPutResponseHopLimit: hopLimit,
      blockDevices: [{
        deviceName: AL2023_ROOT_DEVICE,
        volume: ec2.BlockDeviceVolume.ebs(diskSize.toGibibytes(), {
          volumeType: ec2.EbsDeviceVolumeType.GP3,
          encrypted: true,
          kmsKey: props.volumeKey,
          deleteOnTermination: true,
        }),
      }],
    });

    const launchTemplateId = this.launchTemplate.launchTemplateId;
    if (!launchTemplateId) throw new Error(`${where}: the launch template has no id`);
    this.nodegroup = new eks.Nodegroup(this, 'Nodegroup', {
      cluster: props.cluster,
      nodegroupName: props.nodegroupName,
      instanceTypes: [...props.instanceTypes],
      amiType: props.amiType ?? eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      capacityType: props.capacityType ?? eks.CapacityType.ON_DEMAND,
      minSize: props.minSize,
      maxSize: props.maxSize,
      desiredSize,
      labels: { ...props.labels },
      taints: [...(props.taints ?? [])],
      nodeRole: props.nodeRole,
      subnets: props.subnets,
      launchTemplateSpec: { id: launchTemplateId, version: this.launchTemplate.latestVersionNumber },
    });
    if (!props.nodeRole) {
      for (const [policy, reason] of NODE_ROLE_POLICIES) {
        Validations.of(this.nodegroup.role).acknowledge({ id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`, reason });
      }
    }
  }
}
