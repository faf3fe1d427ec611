/**
 * Words shared by the plan's renderers: how owners, approvers, definition
 * references and values are named.
 */
import type { ApprovalRequirement, Approver, ChangeOwner, DefinitionRef, DefinitionTrace, Plan, PlanChange, Risk } from './types';

export const RISK_TITLES: Readonly<Record<Risk, string>> = { high: 'High risk', medium: 'Medium risk', low: 'Low risk' };

export function ownerText(owner: ChangeOwner): string {
  if (owner.kind === 'platform') return `platform: ${owner.layer}`;
  return owner.agent !== undefined ? `tenant ${owner.tenant}, agent ${owner.agent}` : `tenant ${owner.tenant}`;
}

/** The group a change is listed under: its tenant, or its stack (cluster for platform objects). */
export function groupOf(change: PlanChange): { key: string; title: string } {
  if (change.owner.kind === 'tenant') return { key: `tenant:${change.owner.tenant}`, title: `Tenant ${change.owner.tenant}` };
  if (change.target.kind === 'cloudformation') return { key: `stack:${change.target.stack}`, title: `Stack ${change.target.stack}` };
  return { key: `cluster:${change.target.cluster}`, title: `Cluster ${change.target.cluster} (${change.owner.layer})` };
}

/** Where a change is deployed: its stack, or its cluster and file. */
export function locationText(change: PlanChange): string {
  return change.target.kind === 'cloudformation' ? change.target.stack : change.target.file;
}

export function refText(ref: DefinitionRef): string {
  return `${ref.file}:${ref.line}:${ref.column} ${ref.path}${ref.removed ? ' (removed; position in the base)' : ''}`;
}

export function traceBasisText(trace: DefinitionTrace): string {
  switch (trace.basis) {
    case 'changed': return 'changed in the definition';
    case 'code': return 'no definition key changed: the code did';
    default: return 'declared by (the base\'s definition is unknown, or none of its keys changed)';
  }
}

export function approverText(a: Approver): string {
  return a.tenant !== undefined ? `${a.title} (${a.tenant})` : a.everyTenant ? `${a.title} (every tenant's)` : a.title;
}

export function requirementTitle(r: ApprovalRequirement): string {
  if (r.kind === 'matrix') return `${RISK_TITLES[r.risk]}: approval matrix`;
  return `Workflow ${r.workflow.replace(/_/g, ' ')} (for ${r.appliesTo.map((t) => t.replace(/_/g, ' ')).join(', ')})`;
}

/** A value in one line, cut at `max` characters. */
export function valueText(value: unknown, max = 300): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** The plan's headline: how many changes and whether approval is required. */
export function headline(plan: Plan): string {
  const { changes, approvalRequired } = plan.summary;
  if (changes === 0) return 'no changes';
  return `${changes} change${changes === 1 ? '' : 's'}, ${approvalRequired ? 'approval required' : 'low risk only'}`;
}

export function countsText(byRisk: Readonly<Record<Risk, number>>): string {
  return (['high', 'medium', 'low'] as const).filter((r) => byRisk[r] > 0).map((r) => `${byRisk[r]} ${r}`).join(', ') || 'none';
}

export function percentText(ratio: number | undefined): string {
  return ratio === undefined ? 'n/a' : `${(ratio * 100).toFixed(1)}%`;
}
