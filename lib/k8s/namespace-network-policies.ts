/**
 * The NetworkPolicies every tenant namespace starts with: deny all traffic in
 * both directions, then allow DNS, the EKS Pod Identity agent and traffic
 * inside the namespace. Egress to anything else is opened per agent by
 * `AgentEgressPolicy`; ingress from other namespaces only for shared endpoints
 * that `context.yml` declares in this namespace.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { LABELS } from './labels';

/** Where cluster DNS runs: CoreDNS in kube-system, labelled `k8s-app=kube-dns` on EKS. */
export const CLUSTER_DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53 } as const;

/** The EKS Pod Identity agent, which hands agents their AWS credentials: a link-local address on every node. */
export const POD_IDENTITY_AGENT = { cidr: '169.254.170.23/32', port: 80 } as const;

/** Names of the baseline policies, so checks can find them. */
export const BASELINE_POLICY_NAMES = {
  defaultDeny: 'default-deny',
  dns: 'allow-dns',
  sameNamespace: 'allow-same-namespace',
  podIdentity: 'allow-pod-identity',
} as const;

/** Name of the ingress allowance of a shared endpoint: `allow-endpoint-<endpoint>`. */
export function endpointPolicyName(endpoint: string): string {
  return `allow-endpoint-${endpoint}`;
}

/**
 * A shared endpoint (from `context.yml`) served from this namespace: agents of any
 * tenant may declare it as egress, so the serving pods accept them on its ports.
 */
export interface InboundEndpoint {
  readonly name: string;
  /** Labels of the serving pods; empty selects every pod of the namespace. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly ports: readonly number[];
}

export interface NamespaceNetworkPoliciesProps {
  readonly namespace: string;
  /** Labels of every policy. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Shared endpoints served from this namespace. Their ingress comes from tenant
   * namespaces only (`oaas.io/tenant` set); each caller's own egress policy still
   * has to declare the endpoint.
   * @default - none: no ingress from other namespaces
   */
  readonly inboundEndpoints?: readonly InboundEndpoint[];
  /**
   * Allow egress to the EKS Pod Identity agent, which agents need for AWS credentials.
   * @default true
   */
  readonly podIdentity?: boolean;
}

/** The baseline NetworkPolicies of one namespace. */
export class NamespaceNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceNetworkPoliciesProps) {
    super(scope, id);
    const metadata = (name: string) => ({ name, namespace: props.namespace, labels: { ...props.labels } });

    new kplus.NetworkPolicy(this, 'DefaultDeny', {
      metadata: metadata(BASELINE_POLICY_NAMES.defaultDeny),
      ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
      egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    });

    const dns = new kplus.NetworkPolicy(this, 'AllowDns', { metadata: metadata(BASELINE_POLICY_NAMES.dns) });
    dns.addEgressRule(
      kplus.Pods.select(this, 'ClusterDns', {
        labels: { ...CLUSTER_DNS.podLabels },
        namespaces: kplus.Namespaces.select(this, 'ClusterDnsNamespace', { names: [CLUSTER_DNS.namespace] }),
      }),
      [kplus.NetworkPolicyPort.udp(CLUSTER_DNS.port), kplus.NetworkPolicyPort.tcp(CLUSTER_DNS.port)],
    );

    const local = new kplus.NetworkPolicy(this, 'AllowSameNamespace', { metadata: metadata(BASELINE_POLICY_NAMES.sameNamespace) });
    local.addIngressRule(kplus.Pods.all(this, 'IngressFromNamespace'));
    local.addEgressRule(kplus.Pods.all(this, 'EgressToNamespace'));

    if (props.podIdentity ?? true) {
      const identity = new kplus.NetworkPolicy(this, 'AllowPodIdentity', { metadata: metadata(BASELINE_POLICY_NAMES.podIdentity) });
      identity.addEgressRule(kplus.NetworkPolicyIpBlock.ipv4(this, 'PodIdentityAgent', POD_IDENTITY_AGENT.cidr), [kplus.NetworkPolicyPort.tcp(POD_IDENTITY_AGENT.port)]);
    }

    for (const endpoint of props.inboundEndpoints ?? []) {
      const policy = new kplus.NetworkPolicy(this, `Endpoint-${endpoint.name}`, {
        metadata: metadata(endpointPolicyName(endpoint.name)),
        selector: kplus.Pods.select(this, `Endpoint-${endpoint.name}-Servers`, { labels: { ...endpoint.podLabels } }),
      });
      policy.addIngressRule(
        kplus.Pods.all(this, `Endpoint-${endpoint.name}-Callers`, {
          namespaces: kplus.Namespaces.select(this, `Endpoint-${endpoint.name}-TenantNamespaces`, {
            expressions: [kplus.LabelExpression.exists(LABELS.tenant)],
          }),
        }),
        endpoint.ports.map((port) => kplus.NetworkPolicyPort.tcp(port)),
      );
    }
  }
}
