import { Stack } from 'aws-cdk-lib';
import type { aws_ec2 as ec2, aws_eks_v2 as eks } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CoreAddons } from '../../constructs/cluster/core-addons';
import { GitOpsController } from '../../constructs/cluster/gitops-controller';
import { GovernanceAccess } from '../../constructs/cluster/governance-access';
import { LoadBalancerController } from '../../constructs/cluster/load-balancer-controller';
import { ManagedNodePool } from '../../constructs/cluster/managed-node-pool';
import { PlatformCluster } from '../../constructs/cluster/platform-cluster';
import { clusterPlan } from '../mapping/cluster';
import { withinStackLimits } from './private/resource-budget';
import type { PlatformKeys } from './security-stack';
import type { RegionalStackProps } from './stack-props';

/** What to change when the stack passes its resource or template limit. */
const LIMITS_FIX = 'it grows with the node pools of the cluster and the organization-scoped governance roles with a permission set, '
  + 'never with tenants or agents (those are in the tenant stacks); use fewer node pools';

export interface ClusterStackProps extends RegionalStackProps {
  readonly vpc: ec2.IVpc;
  readonly keys: PlatformKeys;
  /** Web ACL the load balancer controller attaches to ingresses. */
  readonly webAclArn: string;
}

/**
 * The EKS cluster of one region, its node groups, the access entries of the
 * organization-scoped governance roles, the add-ons and the controllers (Argo
 * CD unless `delivery: cdk`). Nothing in it belongs to one tenant: each
 * tenant's workload identity, people's access and, with `delivery: cdk`,
 * manifests are in the tenant's own stack (`tenant-stack.ts`), which takes
 * `cluster` from this one and deploys after it. Its size does not depend on
 * the number of tenants or agents.
 */
export class ClusterStack extends Stack {
  public readonly cluster: eks.Cluster;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, withinStackLimits(props, LIMITS_FIX));
    const plan = clusterPlan(props.model, props.environment, props.region.region, this.partition);

    const platform = new PlatformCluster(this, 'Cluster', {
      ...plan.cluster,
      vpc: props.vpc,
      secretsKey: props.keys.secrets,
      logsKey: props.keys.logs,
    });
    const cluster = platform.cluster;
    this.cluster = cluster;

    const addons = new CoreAddons(this, 'Addons', { ...plan.addons, cluster });

    const poolScope = new Construct(this, 'NodePools');
    const pools = plan.nodePools.map(({ id: poolId, props: pool }) => {
      const nodePool = new ManagedNodePool(poolScope, poolId, { ...pool, cluster, volumeKey: props.keys.data });
      nodePool.nodegroup.node.addDependency(addons.networking);
      return nodePool;
    });
    addons.requireCapacity(...pools.map((p) => p.nodegroup));

    new GovernanceAccess(this, 'Access', { cluster, roles: plan.governance });

    // Controllers are Helm releases that wait for their pods: they need nodes and DNS.
    const loadBalancer = new LoadBalancerController(this, 'LoadBalancerController', { ...plan.loadBalancer, cluster, webAclArn: props.webAclArn });
    loadBalancer.node.addDependency(addons.coreDns);
    if (plan.gitOps) {
      const gitOps = new GitOpsController(this, 'GitOps', { ...plan.gitOps, cluster });
      gitOps.node.addDependency(addons.coreDns);
    }
  }
}
