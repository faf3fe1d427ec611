/** The whole cluster of a region (`clusterPlan`): everything the cluster stack builds. */
import { aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { EnvironmentModel, WorkspaceModel } from '../../definition/model';
import { idFrom } from '../../conventions/naming';
import { retentionDaysAtLeast } from '../security';
import type { CoreAddonsProps } from '../../../constructs/cluster/core-addons';
import type { GitOpsControllerProps } from '../../../constructs/cluster/gitops-controller';
import type { GovernanceRoleAccess } from '../../../constructs/cluster/governance-access';
import type { LoadBalancerControllerProps } from '../../../constructs/cluster/load-balancer-controller';
import type { ManagedNodePoolProps } from '../../../constructs/cluster/managed-node-pool';
import type { PlatformClusterProps } from '../../../constructs/cluster/platform-cluster';
import { addonVersions, publicAccessCidrs } from './control-plane';
import { governanceAccessRoles } from './governance-access';
import { nodePoolProps } from './node-pools';
import { clusterName } from './names';
import { ALB_CONTROLLER_VERSION, ARGO_CD_CHART_VERSION, INGRESS_SSL_POLICY } from './pinned-versions';

export interface NodePoolPlan {
  /** Construct id, from the pool name. */
  readonly id: string;
  readonly props: Omit<ManagedNodePoolProps, 'cluster' | 'volumeKey'>;
}

/**
 * Everything the cluster stack builds, except what needs the VPC, the keys or
 * the cluster. Nothing in it grows with tenants or agents: their resources are
 * in the tenant stacks (`tenant-stacks.ts`).
 */
export interface ClusterPlan {
  readonly cluster: Omit<PlatformClusterProps, 'vpc' | 'secretsKey' | 'logsKey' | 'kubectlLayer'>;
  readonly nodePools: readonly NodePoolPlan[];
  readonly addons: Omit<CoreAddonsProps, 'cluster'>;
  readonly governance: readonly GovernanceRoleAccess[];
  readonly loadBalancer: Omit<LoadBalancerControllerProps, 'cluster' | 'webAclArn'>;
  /** Argo CD, when manifests are delivered by GitOps; undefined with `delivery: cdk` (the tenant stacks apply them). */
  readonly gitOps?: Omit<GitOpsControllerProps, 'cluster'>;
}

export function clusterPlan(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string): ClusterPlan {
  const cluster = env.cluster;
  return {
    cluster: {
      clusterName: clusterName(model.organization, env, region),
      version: eks.KubernetesVersion.of(cluster.kubernetesVersion),
      ...(cluster.endpointAccess.public ? { publicAccessCidrs: publicAccessCidrs(cluster) } : {}),
      // The control-plane log group holds the Kubernetes audit log, so it keeps records for the audit retention.
      logRetention: retentionDaysAtLeast(Math.max(model.monitoring.logRetentionSeconds, model.auditRetention)),
    },
    nodePools: cluster.nodePools.map((pool) => ({ id: idFrom(pool.name), props: nodePoolProps(pool, env) })),
    addons: { versions: addonVersions(cluster.kubernetesVersion), networkPolicy: true },
    governance: governanceAccessRoles(model, env, region, partition),
    loadBalancer: { version: ALB_CONTROLLER_VERSION, sslPolicy: INGRESS_SSL_POLICY, ingressClassName: 'alb', defaultIngressClass: true },
    ...(cluster.delivery === 'gitops' ? { gitOps: { version: ARGO_CD_CHART_VERSION, namespace: 'argocd' } } : {}),
  };
}
