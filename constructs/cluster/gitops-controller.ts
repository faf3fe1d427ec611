import { Duration, aws_eks_v2 as eks } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Argo Project's Helm repository. */
export const ARGO_HELM_REPOSITORY = 'https://argoproj.github.io/argo-helm';

/** Container security context of the Kubernetes "restricted" pod security standard. */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/** Argo CD components of the `argo-cd` chart that run containers. */
const ARGO_CD_COMPONENTS = ['controller', 'server', 'repoServer', 'applicationSet', 'notifications', 'dex', 'redis', 'redisSecretInit'] as const;

export interface GitOpsControllerProps {
  /** The cluster Argo CD runs on and deploys to. */
  readonly cluster: eks.ICluster;
  /** Version of the `argo-cd` Helm chart, pinned (e.g. `9.2.2`). */
  readonly version: string;
  /**
   * Helm repository of the chart.
   * @default ARGO_HELM_REPOSITORY
   */
  readonly repository?: string;
  /**
   * Namespace of Argo CD; created with the "restricted" pod security standard enforced.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Helm release name.
   * @default 'argocd'
   */
  readonly release?: string;
}

/**
 * Argo CD from its pinned Helm chart, in a namespace that enforces the
 * "restricted" pod security standard: every component runs with a restricted
 * security context, and the API server is a ClusterIP service without an
 * ingress, so it is reachable only from inside the cluster (port-forward or
 * an internal route added on purpose).
 */
export class GitOpsController extends Construct {
  public readonly namespace: string;
  public readonly chart: eks.HelmChart;

  constructor(scope: Construct, id: string, props: GitOpsControllerProps) {
    super(scope, id);
    if (!/^\d+\.\d+\.\d+$/.test(props.version)) {
      throw new Error(`GitOpsController: expected a pinned chart version like "9.2.2", got "${props.version}"`);
    }
    this.namespace = props.namespace ?? 'argocd';

    const namespace = new eks.KubernetesManifest(this, 'Namespace', {
      cluster: props.cluster,
      manifest: [{
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: this.namespace,
          labels: {
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/enforce-version': 'latest',
          },
        },
      }],
    });

    const components = Object.fromEntries(ARGO_CD_COMPONENTS.map((component) => [
      component, { containerSecurityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT },
    ]));
    this.chart = new eks.HelmChart(this, 'Chart', {
      cluster: props.cluster,
      repository: props.repository ?? ARGO_HELM_REPOSITORY,
      chart: 'argo-cd',
      version: props.version,
      release: props.release ?? 'argocd',
      namespace: this.namespace,
      createNamespace: false,
      wait: true,
      timeout: Duration.minutes(15),
      values: {
        ...components,
        global: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
        server: {
          ...components.server,
          service: { type: 'ClusterIP' },
          ingress: { enabled: false },
        },
      },
    });
    this.chart.node.addDependency(namespace);
  }
}
