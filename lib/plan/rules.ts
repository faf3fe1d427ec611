/**
 * The classification rules, in one table: each with its id, the risk and
 * change types it gives, when it applies and why. Rules are tried in order
 * and the first that applies decides, so the order is part of the table: a
 * lost bucket outranks everything, a new tenant's or agent's resources are
 * judged as its creation (their grants are new by definition), access
 * changes come before the plain kinds of change.
 */
import type { DetectedChange } from './detected';
import type { ChangeType, Risk } from './types';

/** What a rule sees: the detected change and whether its tenant or agent is new. */
export interface RuleInput {
  readonly change: DetectedChange;
  /** The change belongs to a tenant the base does not have. */
  readonly newTenant: boolean;
  /** The change belongs to an agent the base does not have (of a tenant it has). */
  readonly newAgent: boolean;
  /** The change belongs to a tenant or agent the new version no longer has. */
  readonly removedOwner: 'tenant' | 'agent' | undefined;
  /** The change belongs to an agent (its workload, identity or policies). */
  readonly agentOwned: boolean;
}

export interface ClassificationRule {
  readonly id: string;
  readonly risk: Risk;
  readonly changeTypes: readonly ChangeType[];
  /** Why the rule gives this risk, for the reviewer. */
  readonly reason: string;
  readonly applies: (input: RuleInput) => boolean;
}

/** Resource types shared by every tenant of a region: updating one touches all of them. */
const SHARED_INFRASTRUCTURE = new Set([
  'AWS::EKS::Cluster', 'AWS::EKS::Nodegroup', 'AWS::EKS::Addon', 'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::NatGateway',
  'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::LaunchTemplate', 'AWS::CloudTrail::Trail',
  'AWS::WAFv2::WebACL', 'AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub',
]);

const isAccess = (input: RuleInput, effect: 'widened' | 'narrowed') => input.change.access?.effect === effect;

export const RULES: readonly ClassificationRule[] = [
  {
    id: 'stateful-removed-or-replaced',
    risk: 'high',
    changeTypes: ['infrastructure_change'],
    reason: 'Removing or replacing a stateful or retained resource (a bucket, key, log group, backup vault, cluster or namespace) loses its data or leaves it orphaned, and a replacement of a named resource fails until the old one is gone.',
    applies: ({ change }) => (change.action === 'remove' || change.action === 'replace') && (change.stateful || change.retained),
  },
  {
    id: 'new-tenant',
    risk: 'medium',
    changeTypes: ['tenant_provisioning', 'agent_creation'],
    reason: 'A new tenant brings its namespace, identity, access and agents: an agent-creation change, approved through the agent-creation workflow.',
    applies: ({ change, newTenant }) => newTenant && change.action === 'add',
  },
  {
    id: 'new-agent',
    risk: 'medium',
    changeTypes: ['agent_creation'],
    reason: 'A new agent of an existing tenant (its workload, service account, egress policy and Pod Identity association): an agent-creation change, approved through the agent-creation workflow.',
    applies: ({ change, newAgent }) => newAgent && change.action === 'add',
  },
  {
    id: 'access-widened',
    risk: 'high',
    changeTypes: ['infrastructure_change'],
    reason: 'Access widens: comparing the statements or rules, something is allowed that was not (an IAM, key, resource or service control policy, a security group, EKS access, a NetworkPolicy, RBAC or pod security).',
    applies: (input) => isAccess(input, 'widened'),
  },
  {
    id: 'owner-removed',
    risk: 'medium',
    changeTypes: ['agent_update'],
    reason: 'A tenant or agent is removed, and with it what it was granted; its data stores are judged by the stateful rule.',
    applies: ({ change, removedOwner }) => removedOwner !== undefined && change.action === 'remove',
  },
  {
    id: 'access-narrowed',
    risk: 'medium',
    changeTypes: ['infrastructure_change'],
    reason: 'Access narrows: comparing the statements or rules, only less is allowed than before. Nothing is exposed, but whatever relied on the removed access breaks.',
    applies: (input) => isAccess(input, 'narrowed'),
  },
  {
    id: 'metadata-only',
    risk: 'low',
    changeTypes: ['configuration_change'],
    reason: 'Only tags, labels, annotations or descriptions change (cost allocation and bookkeeping; the pod security labels are judged as access, and selectors that match labels are not evaluated).',
    applies: ({ change }) => change.metadataOnly,
  },
  {
    id: 'replaced',
    risk: 'medium',
    changeTypes: ['infrastructure_change'],
    reason: 'The resource or object is deleted and created again: whatever uses it is interrupted meanwhile.',
    applies: ({ change }) => change.action === 'replace',
  },
  {
    id: 'removed',
    risk: 'medium',
    changeTypes: ['infrastructure_change'],
    reason: 'A resource or object is removed: whatever depends on it stops working.',
    applies: ({ change }) => change.action === 'remove',
  },
  {
    id: 'stateful-updated',
    risk: 'medium',
    changeTypes: ['infrastructure_change'],
    reason: 'A stateful resource\'s settings change in place (retention, encryption, lifecycle, versions): its data is kept, but how long and how it is kept changes.',
    applies: ({ change }) => change.action === 'update' && change.stateful,
  },
  {
    id: 'shared-infrastructure-updated',
    risk: 'medium',
    changeTypes: ['infrastructure_change'],
    reason: 'Infrastructure every tenant of the region shares (cluster, node groups, add-ons, network, trail, firewall) changes in place.',
    applies: ({ change }) => change.action === 'update' && change.target.kind === 'cloudformation' && SHARED_INFRASTRUCTURE.has(change.target.resourceType),
  },
  {
    id: 'agent-updated',
    risk: 'low',
    changeTypes: ['agent_update', 'agent_deployment'],
    reason: 'An existing agent\'s workload changes (image, resources, replicas, probes) without changing its access or pod security.',
    applies: ({ change, agentOwned }) => agentOwned && (change.action === 'update' || change.action === 'add'),
  },
  {
    id: 'added',
    risk: 'low',
    changeTypes: ['infrastructure_change'],
    reason: 'A resource or object is added that grants no access (or grants nothing it did not before) and replaces nothing.',
    applies: ({ change }) => change.action === 'add',
  },
  {
    id: 'updated',
    risk: 'low',
    changeTypes: ['configuration_change'],
    reason: 'A setting changes in place, without replacing anything, changing access or touching a stateful or shared resource.',
    applies: () => true,
  },
];

/** The rule that decides a change: the first that applies. */
export function classify(input: RuleInput, rules: readonly ClassificationRule[] = RULES): ClassificationRule {
  const rule = rules.find((r) => r.applies(input));
  if (!rule) throw new Error(`classify: no rule applies to ${input.change.id}; the table must end with a rule that always applies`);
  return rule;
}
