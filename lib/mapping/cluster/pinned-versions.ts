/** Every pinned version of the cluster layer: EKS add-ons, Argo CD, the AWS Load
 * Balancer Controller and the ingress TLS policy. */
import { aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { KubernetesVersion } from '../../definition/kubernetes-versions';
import type { CoreAddonVersions } from '../../../constructs/cluster/core-addons';
import { TLS13_SSL_POLICY } from '../../../constructs/cluster/load-balancer-controller';

/**
 * EKS managed add-on versions, per Kubernetes minor. Check a row with
 * `aws eks describe-addon-versions --kubernetes-version <minor> --addon-name <name>`
 * before adding it; a cluster version without a row fails the synth.
 */
export const ADDON_VERSIONS: Readonly<Record<KubernetesVersion, CoreAddonVersions>> = {
  '1.33': {
    vpcCni: 'v1.20.2-eksbuild.1',
    coreDns: 'v1.12.4-eksbuild.1',
    kubeProxy: 'v1.33.3-eksbuild.6',
    podIdentityAgent: 'v1.3.8-eksbuild.2',
    ebsCsiDriver: 'v1.50.1-eksbuild.1',
  },
};

/** `argo-cd` chart of https://argoproj.github.io/argo-helm (Argo CD v3.2). */
export const ARGO_CD_CHART_VERSION = '9.2.2';

/** AWS Load Balancer Controller; v2.14+ reads `wafv2AclArn` from IngressClassParams. */
export const ALB_CONTROLLER_VERSION = eks.AlbControllerVersion.V3_2_2;

/** Listener SSL policy of every ALB of the platform's ingress class. */
export const INGRESS_SSL_POLICY = TLS13_SSL_POLICY;
