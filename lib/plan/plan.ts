/**
 * From the outputs of two versions to a plan: compare templates and
 * manifests, place each change (tenant, agent or platform layer), classify
 * it with the rule table, trace it to the definition, and name who must
 * approve it. Pure: everything it needs is passed in, and the result is
 * sorted, so the same inputs give the same plan.
 */
import { requirementIdsFor, approvalRequirements } from './approvals';
import type { DefinitionIndex } from './definition-trace';
import { leafTexts } from './definition-trace';
import type { DetectedChange } from './detected';
import type { ApprovalPolicy } from './governance';
import { compareManifests } from './manifest-diff';
import type { VersionOutputs } from './outputs';
import type { NamingContext, Placement } from './owners';
import { ownersIn, parseStackName, placementOf } from './owners';
import { classify } from './rules';
import { compareTemplates } from './template-diff';
import type { ChangeOwner, Plan, PlanChange, Risk } from './types';
import { RISKS } from './types';

export interface PlanInput {
  /** The workspace as shown to the user. */
  readonly workspace: string;
  /** Only this environment's stacks and manifests. */
  readonly environment?: string;
  readonly base: Plan['base'];
  readonly baseOutputs: VersionOutputs;
  readonly headOutputs: VersionOutputs;
  readonly definition: DefinitionIndex;
  readonly policy: ApprovalPolicy;
  readonly naming: NamingContext;
  /** Code files that differ from the base (git bases). */
  readonly codeFiles?: readonly string[];
  /** What the caller found while reading the versions, for the reader. */
  readonly notes?: readonly string[];
  readonly compliance?: Plan['compliance'];
}

const VERBS = { add: 'add', remove: 'remove', replace: 'replace', update: 'update' } as const;

function summaryOf(change: DetectedChange): string {
  const verb = VERBS[change.action];
  if (change.target.kind === 'cloudformation') {
    const t = change.target;
    const what = `${verb} ${t.resourceType} ${t.logicalId}`;
    if (change.action === 'replace') return `${what} (${change.mayReplace ? 'may be replaced' : 'replaced'}: ${(change.replacedBy ?? []).join(', ')})`;
    if (change.action === 'update') {
      const tops = [...new Set(change.properties.map((p) => p.path.replace(/^Properties\./, '').split(/[.[]/)[0]!))];
      return `${what} (${tops.join(', ')})`;
    }
    return what;
  }
  const t = change.target;
  const what = `${verb} ${t.objectKind} ${t.namespace !== undefined ? `${t.namespace}/` : ''}${t.name}`;
  if (change.action === 'replace') return `${what} (recreated: ${(change.replacedBy ?? []).join(', ')})`;
  return what;
}

const zero = (): Record<Risk, number> => ({ high: 0, medium: 0, low: 0 });

function ownerKey(owner: ChangeOwner): string {
  return owner.kind === 'tenant' ? `1 ${owner.tenant} ${owner.agent ?? ''}` : `0 ${owner.layer}`;
}

function inEnvironment(environment: string | undefined, naming: NamingContext) {
  return {
    template: (stack: string) => environment === undefined || parseStackName(stack, naming).environment === environment,
    manifest: (env: string) => environment === undefined || env === environment,
  };
}

export function buildPlan(input: PlanInput): Plan {
  const notes = [...(input.notes ?? [])];
  const keep = inEnvironment(input.environment, input.naming);
  const templatesCompared = input.baseOutputs.templates !== undefined && input.headOutputs.templates !== undefined;
  const manifestsCompared = input.baseOutputs.manifests !== undefined && input.headOutputs.manifests !== undefined;
  if (!templatesCompared) notes.push('CloudFormation templates were not compared: the base holds none (give a cloud assembly or a git ref to compare them).');
  if (!manifestsCompared) notes.push('Kubernetes manifests were not compared: the base holds none (give a rendered manifests folder or a git ref to compare them).');

  const filter = (o: VersionOutputs): VersionOutputs => ({
    ...(o.templates ? { templates: o.templates.filter((t) => keep.template(t.stack)) } : {}),
    ...(o.manifests ? { manifests: o.manifests.filter((m) => keep.manifest(m.environment)) } : {}),
  });
  const base = filter(input.baseOutputs);
  const head = filter(input.headOutputs);
  const templates = templatesCompared ? compareTemplates(base.templates!, head.templates!) : { changes: [], securityReports: [] };
  const manifests = manifestsCompared ? compareManifests(base.manifests!, head.manifests!) : { changes: [], manifests: new Map() };

  // Which tenants and agents each version has, from the outputs compared.
  const comparable = (o: VersionOutputs): VersionOutputs => ({
    ...(templatesCompared && o.templates ? { templates: o.templates } : {}),
    ...(manifestsCompared && o.manifests ? { manifests: o.manifests } : {}),
  });
  const before = ownersIn(comparable(base), input.naming);
  const after = ownersIn(comparable(head), input.naming);

  const changes: PlanChange[] = [...templates.changes, ...manifests.changes].map((change) => {
    const placement: Placement = placementOf(change, manifests.manifests, input.naming);
    const owner = placement.owner;
    const tenant = owner.kind === 'tenant' ? owner.tenant : undefined;
    const agentKey = owner.kind === 'tenant' && owner.agent !== undefined ? `${owner.tenant}/${owner.agent}` : undefined;
    const rule = classify({
      change,
      newTenant: tenant !== undefined && !before.tenants.has(tenant) && after.tenants.has(tenant),
      newAgent: agentKey !== undefined && before.tenants.has(tenant!) && !before.agents.has(agentKey) && after.agents.has(agentKey),
      removedOwner: tenant !== undefined && !after.tenants.has(tenant) ? 'tenant' : agentKey !== undefined && !after.agents.has(agentKey) ? 'agent' : undefined,
      agentOwned: agentKey !== undefined,
    });
    return {
      id: change.id,
      target: change.target,
      action: change.action,
      summary: summaryOf(change),
      properties: change.properties,
      ...(change.access ? { access: change.access } : {}),
      owner,
      definition: input.definition.trace(owner, placement.environment, input.codeFiles, change.properties.flatMap((p) => leafTexts([p.old, p.new]))),
      risk: rule.risk,
      changeTypes: rule.changeTypes,
      rule: { id: rule.id, reason: rule.reason },
      approvals: requirementIdsFor(rule.changeTypes, rule.risk, input.policy),
    };
  });
  changes.sort((a, b) => RISKS.indexOf(a.risk) - RISKS.indexOf(b.risk) || (ownerKey(a.owner) < ownerKey(b.owner) ? -1 : ownerKey(a.owner) > ownerKey(b.owner) ? 1 : 0)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const byRisk = zero();
  for (const c of changes) byRisk[c.risk]++;
  const stacks = new Map<string, { owner: ChangeOwner; byRisk: Record<Risk, number> }>();
  for (const c of changes) {
    if (c.target.kind !== 'cloudformation') continue;
    const entry = stacks.get(c.target.stack) ?? { owner: c.owner.kind === 'tenant' ? { kind: 'tenant', tenant: c.owner.tenant } : c.owner, byRisk: zero() };
    entry.byRisk[c.risk]++;
    stacks.set(c.target.stack, entry);
  }
  const tenants = new Map<string, Record<Risk, number>>();
  for (const c of changes) {
    if (c.owner.kind !== 'tenant') continue;
    const counts = tenants.get(c.owner.tenant) ?? zero();
    counts[c.risk]++;
    tenants.set(c.owner.tenant, counts);
  }
  // change_management.change_types lists the kinds of change the governance manages; say which ones the plan holds that it does not list.
  const byWorkflow = new Set(input.policy.workflows.flatMap((w) => w.appliesTo));
  const unlisted = new Map<string, number>();
  for (const c of changes) {
    if (c.changeTypes.some((t) => byWorkflow.has(t) || input.policy.changeTypes.includes(t))) continue;
    const type = c.changeTypes.join(' or ');
    unlisted.set(type, (unlisted.get(type) ?? 0) + 1);
  }
  for (const [type, count] of [...unlisted.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    notes.push(`${count} change(s) are ${type}, which change_management.change_types does not list: add it there, or they are outside change management (the approval matrix still names their approvers).`);
  }
  const approvalRequired = byRisk.high + byRisk.medium > 0;
  return {
    format: 'oaas-plan/1',
    workspace: input.workspace,
    ...(input.environment !== undefined ? { environment: input.environment } : {}),
    base: input.base,
    compared: { templates: templatesCompared, manifests: manifestsCompared, notes },
    summary: { changes: changes.length, byRisk, approvalRequired, exitCode: approvalRequired ? 3 : 0 },
    stacks: [...stacks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, s]) => ({ name, owner: s.owner, byRisk: s.byRisk })),
    tenants: [...tenants.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, counts]) => {
      const file = input.definition.tenantRef(id)?.file;
      return {
        id,
        ...(file !== undefined ? { file } : {}),
        status: !before.tenants.has(id) ? 'new' as const : !after.tenants.has(id) ? 'removed' as const : 'changed' as const,
        byRisk: counts,
      };
    }),
    changes,
    approvals: approvalRequirements(changes, input.policy),
    implementation: Object.keys(input.policy.implementation).sort().map((key) => ({ key, required: input.policy.implementation[key]! })),
    securityReports: templates.securityReports,
    ...(input.definition.knowsBase ? { definitionChanges: input.definition.changedRefs } : {}),
    ...(input.compliance ? { compliance: input.compliance } : {}),
  };
}
