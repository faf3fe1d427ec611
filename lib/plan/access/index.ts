/**
 * Which resources and objects grant access, and how to compare two versions
 * of each: the IAM, service control, key and resource policies, security
 * groups and EKS access of a CloudFormation template; NetworkPolicies, RBAC
 * and pod security of the Kubernetes manifests. Each returns undefined for
 * anything that grants no access, so the rules judge it otherwise.
 */
import type { AccessComparison, AccessSurface } from '../types';
import { compareNetworkPolicies } from './network-policy';
import type { NamespaceIsolation } from './network-policy';
import { compareWeaknesses, isWorkloadKind, namespaceWeaknesses, workloadWeaknesses } from './pod-security';
import type { StatementComparison } from './policy-statements';
import { comparePolicies, policyStatements } from './policy-statements';
import { compareBindings, compareRoles } from './rbac';
import { compareSecurityGroupRules, securityGroupRule, securityGroupRules } from './security-group-rules';
import { showValue, valueText } from './patterns';
import { str } from '../private/json';

type Props = Readonly<Record<string, unknown>> | undefined;

interface Aspect extends StatementComparison {
  readonly surface: AccessSurface;
}

/** One verdict from several aspects of a resource: widened if any widens, narrowed if any narrows and none widens. */
export function combineAspects(aspects: readonly Aspect[]): AccessComparison | undefined {
  if (aspects.length === 0) return undefined;
  const widened = aspects.filter((a) => a.effect === 'widened');
  const narrowed = aspects.filter((a) => a.effect === 'narrowed');
  const deciding = widened[0] ?? narrowed[0] ?? aspects[0]!;
  return {
    surface: deciding.surface,
    effect: widened.length > 0 ? 'widened' : narrowed.length > 0 ? 'narrowed' : 'same',
    findings: aspects.flatMap((a) => a.findings.map((f) => (aspects.length > 1 && a.surface !== deciding.surface ? `${a.surface}: ${f}` : f))),
  };
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Members added to or removed from a list (attachments, target ids, groups), as a comparison. */
function compareMembers(before: unknown, after: unknown, words: { added: string; removed: string }, addedEffect: 'widened' | 'narrowed' = 'widened'): StatementComparison {
  const a = new Set(list(before).map(valueText));
  const b = new Set(list(after).map(valueText));
  const added = [...b].filter((x) => !a.has(x)).sort();
  const removed = [...a].filter((x) => !b.has(x)).sort();
  const widening = addedEffect === 'widened' ? added.length : removed.length;
  const narrowing = addedEffect === 'widened' ? removed.length : added.length;
  return {
    effect: widening > 0 ? 'widened' : narrowing > 0 ? 'narrowed' : 'same',
    findings: [...added.map((x) => `${words.added} ${showValue(x)}`), ...removed.map((x) => `${words.removed} ${showValue(x)}`)],
  };
}

/** Inline policies of a role, user or group, as one statement list (their names do not change what they grant). */
function inlineStatements(props: Props): unknown {
  return { Statement: list(props?.Policies).flatMap((p) => list((p as { PolicyDocument?: { Statement?: unknown } } | null)?.PolicyDocument?.Statement)) };
}

function identityAspects(oldProps: Props, newProps: Props): Aspect[] {
  const aspects: Aspect[] = [
    { surface: 'IAM policy', ...comparePolicies(inlineStatements(oldProps), inlineStatements(newProps)) },
    { surface: 'IAM policy', ...compareMembers(oldProps?.ManagedPolicyArns, newProps?.ManagedPolicyArns, { added: 'attaches managed policy', removed: 'detaches managed policy' }) },
  ];
  const boundary = compareMembers(oldProps?.PermissionsBoundary, newProps?.PermissionsBoundary, { added: 'sets permissions boundary', removed: 'removes permissions boundary' }, 'narrowed');
  // A different boundary is a new ceiling that cannot be compared here: counted as widening.
  const replacedBoundary = oldProps?.PermissionsBoundary !== undefined && newProps?.PermissionsBoundary !== undefined && boundary.effect !== 'same';
  aspects.push({ surface: 'IAM policy', ...boundary, ...(replacedBoundary ? { effect: 'widened' as const } : {}) });
  return aspects;
}

function isScp(props: Props): boolean {
  return props !== undefined && ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'].includes(str(props.Type));
}

function organizationsPolicyAspects(oldProps: Props, newProps: Props): Aspect[] {
  if (!isScp(oldProps) && !isScp(newProps)) return [];
  const content = comparePolicies(oldProps?.Content, newProps?.Content);
  // A deny-only policy restricts the targets it is attached to: attaching it to more narrows access.
  const denyOnly = [oldProps?.Content, newProps?.Content].every((c) => policyStatements(c).every((s) => s.effect === 'Deny'));
  const targets = compareMembers(oldProps?.TargetIds, newProps?.TargetIds, { added: 'applies to', removed: 'no longer applies to' }, 'narrowed');
  const targetAspect = denyOnly ? targets : { ...targets, effect: targets.effect === 'same' ? 'same' as const : 'widened' as const };
  // Added or removed as a whole: the content's verdict already says what attaching or detaching it does.
  const whole = oldProps === undefined || newProps === undefined;
  return whole ? [{ surface: 'service control policy', ...content }] : [{ surface: 'service control policy', ...content }, { surface: 'service control policy', ...targetAspect }];
}

function accessEntryGrants(props: Props): string[] {
  if (!props) return [];
  const principal = valueText(props.PrincipalArn);
  const out = list(props.KubernetesGroups).map((g) => `${showValue(principal)} in group ${showValue(valueText(g))}`);
  for (const policy of list(props.AccessPolicies) as Array<Record<string, unknown>>) {
    const scope = (policy.AccessScope ?? {}) as Record<string, unknown>;
    const where = str(scope.Type) === 'namespace' ? list(scope.Namespaces).map((n) => `namespace ${showValue(valueText(n))}`) : ['the whole cluster'];
    for (const w of where) out.push(`${showValue(principal)} gets ${showValue(valueText(policy.PolicyArn))} on ${w}`);
  }
  return out;
}

function podIdentityGrant(props: Props): string[] {
  if (!props) return [];
  return [`role ${showValue(valueText(props.RoleArn))} to service account ${showValue(valueText(props.Namespace))}/${showValue(valueText(props.ServiceAccount))}`];
}

/** The access aspects of a CloudFormation resource of `type`; none for a type that grants no access. */
function cloudFormationAspects(type: string, oldProps: Props, newProps: Props): Aspect[] {
  switch (type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return [
        { surface: 'IAM policy', ...comparePolicies(oldProps?.PolicyDocument, newProps?.PolicyDocument) },
        ...(['Roles', 'Users', 'Groups'] as const).map((key) => ({
          surface: 'IAM policy' as const,
          ...compareMembers(oldProps?.[key], newProps?.[key], { added: `attached to ${key.toLowerCase().slice(0, -1)}`, removed: `detached from ${key.toLowerCase().slice(0, -1)}` }),
        })),
      ];
    case 'AWS::IAM::Role':
      return [{ surface: 'IAM trust policy', ...comparePolicies(oldProps?.AssumeRolePolicyDocument, newProps?.AssumeRolePolicyDocument) }, ...identityAspects(oldProps, newProps)];
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      return identityAspects(oldProps, newProps);
    case 'AWS::KMS::Key':
      return [{ surface: 'KMS key policy', ...comparePolicies(oldProps?.KeyPolicy, newProps?.KeyPolicy) }];
    case 'AWS::S3::BucketPolicy':
    case 'AWS::SNS::TopicPolicy':
    case 'AWS::SQS::QueuePolicy':
      return [{ surface: 'resource policy', ...comparePolicies(oldProps?.PolicyDocument, newProps?.PolicyDocument) }];
    case 'AWS::Organizations::Policy':
      return organizationsPolicyAspects(oldProps, newProps);
    case 'AWS::EC2::SecurityGroup':
      return [{ surface: 'security group', ...compareSecurityGroupRules(securityGroupRules(oldProps), securityGroupRules(newProps)) }];
    case 'AWS::EC2::SecurityGroupIngress':
    case 'AWS::EC2::SecurityGroupEgress': {
      const direction = type.endsWith('Ingress') ? 'ingress' : 'egress';
      const rules = (p: Props) => (p ? [securityGroupRule(direction, p)] : []);
      return [{ surface: 'security group', ...compareSecurityGroupRules(rules(oldProps), rules(newProps)) }];
    }
    case 'AWS::EKS::AccessEntry':
      return [{ surface: 'EKS access', ...compareMembers(accessEntryGrants(oldProps), accessEntryGrants(newProps), { added: 'grants', removed: 'no longer grants' }) }];
    case 'AWS::EKS::PodIdentityAssociation':
      return [{ surface: 'EKS access', ...compareMembers(podIdentityGrant(oldProps), podIdentityGrant(newProps), { added: 'gives', removed: 'no longer gives' }) }];
    default:
      return [];
  }
}

/** Compares the access a CloudFormation resource grants before and after; undefined when its type grants none. */
export function cloudFormationAccess(type: string, oldProps: Props, newProps: Props): AccessComparison | undefined {
  return combineAspects(cloudFormationAspects(type, oldProps, newProps));
}

/** Compares the access a Kubernetes object grants before and after; undefined when its kind grants none. */
export function kubernetesAccess(kind: string, before: unknown, after: unknown, isolation?: NamespaceIsolation): AccessComparison | undefined {
  switch (kind) {
    case 'NetworkPolicy':
      return combineAspects([{ surface: 'NetworkPolicy', ...compareNetworkPolicies(before, after, isolation) }]);
    case 'Role':
    case 'ClusterRole':
      return combineAspects([{ surface: 'RBAC', ...compareRoles(before, after) }]);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return combineAspects([{ surface: 'RBAC', ...compareBindings(before, after) }]);
    case 'Namespace':
      return combineAspects([{ surface: 'pod security', ...compareWeaknesses(namespaceWeaknesses(before), namespaceWeaknesses(after)) }]);
    default:
      if (!isWorkloadKind(kind)) return undefined;
      return combineAspects([{ surface: 'pod security', ...compareWeaknesses(workloadWeaknesses(before), workloadWeaknesses(after)) }]);
  }
}
