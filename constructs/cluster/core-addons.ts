import { Stack, Validations, aws_eks_v2 as eks, aws_iam as iam } from 'aws-cdk-lib';
import type { IDependable } from 'constructs';
import { Construct, DependencyGroup } from 'constructs';

/** Pinned version of each core add-on, e.g. `v1.20.2-eksbuild.1`. */
export interface CoreAddonVersions {
  readonly vpcCni: string;
  readonly coreDns: string;
  readonly kubeProxy: string;
  readonly podIdentityAgent: string;
  readonly ebsCsiDriver: string;
}

/** Service account of the EBS CSI controller, as the add-on names it. */
export const EBS_CSI_SERVICE_ACCOUNT = 'ebs-csi-controller-sa';

export interface CoreAddonsProps {
  /** The cluster the add-ons run on. */
  readonly cluster: eks.ICluster;
  /** Pinned add-on versions; an unpinned add-on would drift with every EKS release. */
  readonly versions: CoreAddonVersions;
  /**
   * Turn on Kubernetes NetworkPolicy enforcement in the VPC CNI (`enableNetworkPolicy`).
   * @default true
   */
  readonly networkPolicy?: boolean;
}

/**
 * The EKS managed add-ons every cluster of the platform runs, each at a pinned
 * version: VPC CNI (with network policy enforcement), kube-proxy and the Pod
 * Identity agent, which nodes need to become ready; CoreDNS and the EBS CSI
 * driver (with a Pod Identity association for its role), which need nodes.
 * Call `requireCapacity` with the node groups so CloudFormation creates them
 * in that order.
 */
export class CoreAddons extends Construct {
  public readonly vpcCni: eks.CfnAddon;
  public readonly kubeProxy: eks.CfnAddon;
  public readonly podIdentityAgent: eks.CfnAddon;
  public readonly coreDns: eks.CfnAddon;
  public readonly ebsCsiDriver: eks.CfnAddon;
  /** Role the EBS CSI controller gets through Pod Identity. */
  public readonly ebsCsiRole: iam.Role;
  /** The add-ons nodes need before they can become ready: depend on it from node groups. */
  public readonly networking: DependencyGroup;

  constructor(scope: Construct, id: string, props: CoreAddonsProps) {
    super(scope, id);
    const clusterName = props.cluster.clusterName;
    const addon = (constructId: string, addonName: string, addonVersion: string, extra: Partial<eks.CfnAddonProps> = {}) => {
      if (!/^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(addonVersion)) {
        throw new Error(`CoreAddons: expected a pinned ${addonName} version like "v1.2.3-eksbuild.1", got "${addonVersion}"`);
      }
      return new eks.CfnAddon(this, constructId, { clusterName, addonName, addonVersion, resolveConflicts: 'OVERWRITE', ...extra });
    };

    this.vpcCni = addon('VpcCni', 'vpc-cni', props.versions.vpcCni, {
      configurationValues: JSON.stringify({ enableNetworkPolicy: String(props.networkPolicy ?? true) }),
    });
    this.kubeProxy = addon('KubeProxy', 'kube-proxy', props.versions.kubeProxy);
    this.podIdentityAgent = addon('PodIdentityAgent', 'eks-pod-identity-agent', props.versions.podIdentityAgent);
    this.networking = new DependencyGroup(this.vpcCni, this.kubeProxy, this.podIdentityAgent);

    this.coreDns = addon('CoreDns', 'coredns', props.versions.coreDns);

    this.ebsCsiRole = new iam.Role(this, 'EbsCsiRole', {
      description: `EBS CSI controller (EKS Pod Identity, kube-system/${EBS_CSI_SERVICE_ACCOUNT})`,
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')).withConditions({
        StringEquals: {
          'aws:SourceAccount': Stack.of(this).account,
          'aws:RequestTag/eks-cluster-name': clusterName,
          'aws:RequestTag/kubernetes-namespace': 'kube-system',
          'aws:RequestTag/kubernetes-service-account': EBS_CSI_SERVICE_ACCOUNT,
        },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEBSCSIDriverPolicy')],
    });
    Validations.of(this.ebsCsiRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]',
      reason: 'AmazonEBSCSIDriverPolicy is the policy AWS maintains for the EBS CSI driver add-on; its volume and snapshot actions are scoped by the ebs.csi.aws.com tags it sets.',
    });

    this.ebsCsiDriver = addon('EbsCsiDriver', 'aws-ebs-csi-driver', props.versions.ebsCsiDriver, {
      podIdentityAssociations: [{ roleArn: this.ebsCsiRole.roleArn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }],
    });
    // The association is created by the add-on and only works once the agent runs.
    this.ebsCsiDriver.node.addDependency(this.podIdentityAgent);
  }

  /** Creates CoreDNS and the EBS CSI driver only after `capacity` (node groups) exists. */
  public requireCapacity(...capacity: IDependable[]): void {
    for (const dependency of capacity) {
      this.coreDns.node.addDependency(dependency);
      this.ebsCsiDriver.node.addDependency(dependency);
    }
  }
}
