/**
 * Who must approve a change, from the governance: an approval workflow whose
 * `applies_to` names one of the change's types (agent creation: its stages,
 * in order, with their criteria and timeouts) takes the place of the approval
 * matrix; any other change needs the matrix's roles for its risk. Roles
 * scoped to tenants approve for the tenant the change belongs to.
 */
import { formatDuration } from '../definition/units';
import type { ApprovalPolicy } from './governance';
import type { Approver, ApprovalRequirement, ChangeOwner, ChangeType, Risk } from './types';

/** What approvals one change needs: ids of plan-level requirements. */
export function requirementIdsFor(changeTypes: readonly ChangeType[], risk: Risk, policy: ApprovalPolicy): string[] {
  const workflows = policy.workflows.filter((w) => w.appliesTo.some((t) => changeTypes.includes(t)));
  return workflows.length > 0 ? workflows.map((w) => `workflow:${w.id}`) : [`matrix:${risk}`];
}

/** Seconds as people write them in governance.yml: `24 hours`, `2 days`. */
export function durationText(seconds: number): string {
  const compact = formatDuration(seconds);
  const match = /^(\d+)([smhdy])$/.exec(compact);
  if (!match) return compact;
  const unit = { s: 'second', m: 'minute', h: 'hour', d: 'day', y: 'year' }[match[2] as 's' | 'm' | 'h' | 'd' | 'y'];
  // Stage timeouts read best in hours up to a few days, as the seed writes them.
  if (match[2] === 'd' && Number(match[1]) <= 3) return `${Number(match[1]) * 24} hours`;
  return `${match[1]} ${unit}${match[1] === '1' ? '' : 's'}`;
}

function approvers(roles: readonly string[], tenants: readonly string[], policy: ApprovalPolicy): Approver[] {
  return roles.flatMap((role) => {
    const known = policy.roles[role];
    const title = known?.title ?? role;
    if (known?.scope !== 'tenant') return [{ role, title }];
    return tenants.length > 0 ? tenants.map((tenant) => ({ role, title, tenant })) : [{ role, title, everyTenant: true as const }];
  });
}

/**
 * The plan's approval requirements, for the changes that need each: tenant
 * roles are named once per tenant whose changes need them, and without a
 * tenant when a platform change needs them (every tenant's holder).
 */
export function approvalRequirements(needed: ReadonlyArray<{ readonly approvals: readonly string[]; readonly owner: ChangeOwner }>, policy: ApprovalPolicy): ApprovalRequirement[] {
  const tenantsOf = new Map<string, Set<string>>();
  const platformWide = new Set<string>();
  for (const change of needed) {
    for (const id of change.approvals) {
      if (!tenantsOf.has(id)) tenantsOf.set(id, new Set());
      if (change.owner.kind === 'tenant') tenantsOf.get(id)!.add(change.owner.tenant);
      else platformWide.add(id);
    }
  }
  const order = (id: string) => (id.startsWith('workflow:') ? `0${id}` : `1${['high', 'medium', 'low'].indexOf(id.slice('matrix:'.length))}`);
  return [...tenantsOf.keys()].sort((a, b) => (order(a) < order(b) ? -1 : 1)).map((id): ApprovalRequirement => {
    // A platform change needs every tenant's holder of a tenant role, named without a tenant.
    const tenants = platformWide.has(id) ? [] : [...tenantsOf.get(id)!].sort();
    if (id.startsWith('matrix:')) {
      const risk = id.slice('matrix:'.length) as Risk;
      return { kind: 'matrix', id, risk, key: `change_management.approval_matrix.${risk}_risk`, approvers: approvers(policy.matrix[risk], tenants, policy) };
    }
    const workflow = policy.workflows.find((w) => `workflow:${w.id}` === id)!;
    return {
      kind: 'workflow',
      id,
      workflow: workflow.id,
      key: `approval_workflows.${workflow.id}`,
      appliesTo: [...workflow.appliesTo],
      parallel: workflow.parallel,
      stages: workflow.stages.map((s) => ({
        stage: s.stage,
        approvers: approvers(s.approvers, tenants, policy),
        criteria: [...s.criteria],
        timeoutSeconds: s.timeoutSeconds,
        timeout: durationText(s.timeoutSeconds),
        ...(s.escalateTo !== undefined ? { escalateTo: approvers([s.escalateTo], tenants, policy)[0]! } : {}),
      })),
      ...(workflow.emergencyBypass ? { emergencyBypass: { approvers: approvers(workflow.emergencyBypass.approvers, tenants, policy), reviewWithin: durationText(workflow.emergencyBypass.reviewWithinSeconds) } } : {}),
    };
  });
}
