/**
 * Who a change belongs to, read from the output itself, so it works for a
 * saved `cdk.out` as well as a fresh synth: a tenant's stack
 * (`<org>-<env>-<region>-tenant-<tenant>`) and the `oaas.io/tenant` label
 * name the tenant; a Pod Identity association's service account and the
 * `app.kubernetes.io/name` label of an agent's objects name the agent; the
 * other stacks (`-guardrails`, `-budgets`, `-<region>-security`, `-network`,
 * `-cluster`, `-audit`) and the Argo CD objects are platform layers. The
 * stack names follow lib/platform/naming.ts.
 */
import type { DetectedChange } from './detected';
import type { PlanManifest, VersionOutputs } from './outputs';
import type { ChangeOwner, PlatformLayer } from './types';
import { obj } from './private/json';
import type { Json } from './private/json';


export interface Placement {
  readonly owner: ChangeOwner;
  readonly environment?: string;
  readonly region?: string;
}

/** What is known about the names in stack names: the organization and the environments of either version. */
export interface NamingContext {
  readonly organization?: string;
  readonly environments: readonly string[];
}

const LAYERS: readonly PlatformLayer[] = ['guardrails', 'budgets', 'security', 'network', 'cluster', 'audit'];
const REGION = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)-(.+)$/;
const TENANT_LABEL = 'oaas.io/tenant';
const NAME_LABEL = 'app.kubernetes.io/name';
const COMPONENT_LABEL = 'app.kubernetes.io/component';

/** Where a stack sits: its environment, region, and the tenant or layer it holds. */
export function parseStackName(stack: string, naming: NamingContext): { environment?: string; region?: string; tenant?: string; layer: PlatformLayer } {
  let rest = stack;
  if (naming.organization !== undefined && rest.startsWith(`${naming.organization}-`)) rest = rest.slice(naming.organization.length + 1);
  const environment = [...naming.environments].sort((a, b) => b.length - a.length).find((e) => rest.startsWith(`${e}-`));
  if (environment !== undefined) rest = rest.slice(environment.length + 1);
  const regional = REGION.exec(rest);
  const region = regional?.[1];
  if (regional) rest = regional[2]!;
  const tenant = /^tenant-(.+)$/.exec(rest)?.[1] ?? /-tenant-(.+)$/.exec(stack)?.[1];
  const layer = LAYERS.find((l) => rest === l || rest.endsWith(`-${l}`)) ?? 'other';
  return { ...(environment !== undefined ? { environment } : {}), ...(region !== undefined ? { region } : {}), ...(tenant !== undefined ? { tenant } : {}), layer };
}

/** The agent a tenant-stack resource exists for: a Pod Identity association names its service account after the agent. */
function agentOfResource(resource: unknown): string | undefined {
  const r = obj(resource);
  if (r.Type !== 'AWS::EKS::PodIdentityAssociation') return undefined;
  const sa = obj(r.Properties).ServiceAccount;
  return typeof sa === 'string' ? sa : undefined;
}

export function cloudFormationPlacement(stack: string, resource: unknown, naming: NamingContext): Placement {
  const parsed = parseStackName(stack, naming);
  const where = { ...(parsed.environment !== undefined ? { environment: parsed.environment } : {}), ...(parsed.region !== undefined ? { region: parsed.region } : {}) };
  if (parsed.tenant !== undefined) {
    const agent = agentOfResource(resource);
    return { owner: { kind: 'tenant', tenant: parsed.tenant, ...(agent !== undefined ? { agent } : {}) }, ...where };
  }
  return { owner: { kind: 'platform', layer: parsed.layer }, ...where };
}

/** The agent an object belongs to: its labels, or the pods a policy selects. */
function agentOfObject(object: Json): string | undefined {
  const labels = obj(obj(object.metadata).labels);
  if (labels[COMPONENT_LABEL] === 'agent' && typeof labels[NAME_LABEL] === 'string') return labels[NAME_LABEL];
  return undefined;
}

export function kubernetesPlacement(manifest: PlanManifest): Placement {
  const labels = obj(obj(manifest.object.metadata).labels);
  const tenant = typeof labels[TENANT_LABEL] === 'string' ? labels[TENANT_LABEL] : manifest.tenant;
  const where = { environment: manifest.environment, region: manifest.region };
  if (tenant !== undefined) {
    const agent = agentOfObject(manifest.object);
    return { owner: { kind: 'tenant', tenant, ...(agent !== undefined ? { agent } : {}) }, ...where };
  }
  return { owner: { kind: 'platform', layer: 'gitops' }, ...where };
}

/** Placement of a detected change; `manifests` maps Kubernetes change ids to the manifest they came from. */
export function placementOf(change: DetectedChange, manifests: ReadonlyMap<string, PlanManifest>, naming: NamingContext): Placement {
  if (change.target.kind === 'cloudformation') return cloudFormationPlacement(change.target.stack, change.after ?? change.before, naming);
  const manifest = manifests.get(change.id);
  if (!manifest) throw new Error(`placementOf: no manifest recorded for ${change.id}`);
  return kubernetesPlacement(manifest);
}

/** The tenants and agents (`tenant/agent`) a version's output holds, to tell new ones from existing ones. */
export function ownersIn(outputs: VersionOutputs, naming: NamingContext): { tenants: Set<string>; agents: Set<string> } {
  const tenants = new Set<string>();
  const agents = new Set<string>();
  const add = (p: Placement) => {
    if (p.owner.kind !== 'tenant') return;
    tenants.add(p.owner.tenant);
    if (p.owner.agent !== undefined) agents.add(`${p.owner.tenant}/${p.owner.agent}`);
  };
  for (const t of outputs.templates ?? []) {
    for (const resource of Object.values(t.template.Resources ?? {})) add(cloudFormationPlacement(t.stack, resource, naming));
  }
  for (const m of outputs.manifests ?? []) add(kubernetesPlacement(m));
  return { tenants, agents };
}
