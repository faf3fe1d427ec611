/**
 * The egress an agent declares, as a NetworkPolicy on its pods: a CIDR
 * endpoint becomes an ipBlock per range, a namespace endpoint a namespace
 * selector (`kubernetes.io/metadata.name`) with the endpoint's pod labels, each
 * on the endpoint's TCP ports. Everything else stays denied by the namespace's
 * default-deny policy.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { AgentModel } from '../definition/model';
import { agentSelectorLabels } from './labels';

/** Name of an agent's egress policy: `<agent>-egress`. */
export function agentEgressPolicyName(agent: Pick<AgentModel, 'name'>): string {
  return `${agent.name}-egress`;
}

export interface AgentEgressPolicyProps {
  readonly agent: AgentModel;
  /** Labels of the policy. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The egress NetworkPolicy of one agent; create it only for agents that declare egress. */
export class AgentEgressPolicy extends Construct {
  constructor(scope: Construct, id: string, props: AgentEgressPolicyProps) {
    super(scope, id);
    const { agent } = props;
    if (agent.egress.length === 0) {
      throw new Error(`agent "${agent.tenant}/${agent.name}" declares no egress; render no egress policy for it`);
    }
    const policy = new kplus.NetworkPolicy(this, 'Resource', {
      metadata: { name: agentEgressPolicyName(agent), namespace: agent.namespace, labels: { ...props.labels } },
      selector: kplus.Pods.select(this, 'Agent', { labels: agentSelectorLabels(agent) }),
    });
    for (const endpoint of agent.egress) {
      const ports = endpoint.ports.map((port) => kplus.NetworkPolicyPort.tcp(port));
      if (endpoint.kind === 'cidr') {
        for (const cidr of endpoint.cidrs) {
          policy.addEgressRule(kplus.NetworkPolicyIpBlock.ipv4(this, `${endpoint.name}-${cidr.replace('/', '_')}`, cidr), ports);
        }
      } else {
        policy.addEgressRule(
          kplus.Pods.select(this, endpoint.name, {
            labels: { ...endpoint.podLabels },
            namespaces: kplus.Namespaces.select(this, `${endpoint.name}-namespace`, { names: [endpoint.namespace] }),
          }),
          ports,
        );
      }
    }
  }
}
