import { Stack, Tags } from 'aws-cdk-lib';
import type { aws_ec2 as ec2, aws_eks_v2 as eks, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CoreAddons } from '../../constructs/cluster/core-addons';
import { GitOpsController } from '../../constructs/cluster/gitops-controller';
import { GovernanceAccess } from '../../constructs/cluster/governance-access';
import { LoadBalancerController } from '../../constructs/cluster/load-balancer-controller';
import { ManagedNodePool } from '../../constructs/cluster/managed-node-pool';
import { PlatformCluster } from '../../constructs/cluster/platform-cluster';
import { TenantManifests } from '../../constructs/cluster/tenant-manifests';
import { TenantWorkloadIdentity } from '../../constructs/cluster/tenant-workload-identity';
import { clusterPlan } from '../mapping/cluster';
import { tenantTags } from '../platform/naming';
import { limitResources } from './private/resource-budget';
import type { PlatformKeys } from './security-stack';
import type { RegionalStackProps } from './stack-props';

export interface ClusterStackProps extends RegionalStackProps {
  readonly vpc: ec2.IVpc;
  readonly keys: PlatformKeys;
  /** Web ACL the load balancer controller attaches to ingresses. */
  readonly webAclArn: string;
}

/**
 * The EKS cluster of one region, its node groups, the access entries of the
 * organization-scoped governance roles (tenant roles: the access stack), the
 * add-ons, the tenants' workload identities and the controllers; with
 * `delivery: cdk`, the tenants' manifests in one nested stack per tenant
 * instead of Argo CD.
 */
export class ClusterStack extends Stack {
  public readonly cluster: eks.Cluster;
  /** The workload role of each tenant that runs in this region, by tenant id. */
  public readonly tenantRoles: Readonly<Record<string, iam.IRole>>;
  /** With `delivery: cdk`, the nested stack of each tenant's manifests, by tenant id; empty with GitOps. */
  public readonly tenantManifests: Readonly<Record<string, TenantManifests>>;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    limitResources(this, 'it grows by three resources per tenant and one per agent (workload roles and Pod Identity associations); '
      + 'move the tenant workload identities into a stack of their own, as the access stack holds the tenant access entries');
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

    const tenantScope = new Construct(this, 'Tenants');
    const tenantRoles: Record<string, iam.IRole> = {};
    for (const tenant of plan.tenants) {
      const identity = new TenantWorkloadIdentity(tenantScope, tenant.id, { ...tenant.props, cluster, dataKey: props.keys.data });
      for (const [key, value] of Object.entries(tenantTags(tenant.tenant))) Tags.of(identity).add(key, value);
      tenantRoles[tenant.tenant.id] = identity.role;
    }
    this.tenantRoles = tenantRoles;

    // Controllers are Helm releases that wait for their pods: they need nodes and DNS.
    const loadBalancer = new LoadBalancerController(this, 'LoadBalancerController', { ...plan.loadBalancer, cluster, webAclArn: props.webAclArn });
    loadBalancer.node.addDependency(addons.coreDns);
    if (plan.gitOps) {
      const gitOps = new GitOpsController(this, 'GitOps', { ...plan.gitOps, cluster });
      gitOps.node.addDependency(addons.coreDns);
    }

    // The same objects Argo CD would sync. Services pass the load balancer controller's webhook, so it must be up.
    const manifestScope = new Construct(this, 'Manifests');
    const manifests: Record<string, TenantManifests> = {};
    for (const tenant of plan.manifests ?? []) {
      const nested = new TenantManifests(manifestScope, tenant.id, { cluster, tenantId: tenant.tenantId, groups: tenant.groups });
      nested.node.addDependency(addons.coreDns, loadBalancer);
      manifests[tenant.tenantId] = nested;
    }
    this.tenantManifests = manifests;
  }
}
