/**
 * Label and annotation keys of the rendered manifests, and the pure functions
 * that derive an object's labels from the model. Keys live here, in one place,
 * so selectors, policies and the cluster stack agree on them.
 */
import type { AgentModel, TenantModel } from '../definition/model';
import { NODE_POOL_LABEL, TENANT_LABEL } from '../definition/platform-names';

/** Label keys the platform writes. */
export const LABELS = {
  tenant: TENANT_LABEL,
  team: 'oaas.io/team',
  environment: 'oaas.io/environment',
  dataClassification: 'oaas.io/data-classification',
  project: 'oaas.io/project',
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  component: 'app.kubernetes.io/component',
  managedBy: 'app.kubernetes.io/managed-by',
  /** The name label every namespace carries since Kubernetes 1.22; NetworkPolicies select namespaces with it. */
  namespaceName: 'kubernetes.io/metadata.name',
  zone: 'topology.kubernetes.io/zone',
  hostname: 'kubernetes.io/hostname',
} as const;

/** Annotation keys the platform writes. */
export const ANNOTATIONS = {
  displayName: 'oaas.io/display-name',
  costCenter: 'oaas.io/cost-center',
  /** The tenant's compute quota as written in the definition, e.g. "1000 CPU hours/month". */
  computeQuota: 'oaas.io/compute-quota',
  /** The part of the tenant quota one namespace holds, e.g. "1/6". */
  quotaShare: 'oaas.io/quota-share',
  roleTitle: 'oaas.io/role-title',
  reportsTo: 'oaas.io/reports-to',
} as const;

/** `compliance.oaas.io/<framework>: "true"` marks a namespace subject to a framework. */
export const COMPLIANCE_LABEL_PREFIX = 'compliance.oaas.io/';

/**
 * Label that nodes of a node pool carry, with the pool name as value. Agents of a
 * tenant with a dedicated node pool select it; the cluster stack must set it on the
 * pool's nodes (EKS only sets `eks.amazonaws.com/nodegroup`, whose value is the node
 * group name, not the pool name).
 */
export { NODE_POOL_LABEL };

/** Taint key of dedicated node pools: `oaas.io/tenant=<tenant>:NoSchedule`. */
export const TENANT_TAINT_KEY = LABELS.tenant;

/** Value of `app.kubernetes.io/managed-by` on everything the platform renders. */
export const MANAGED_BY = 'oaas';

/** Pod Security Admission level every tenant namespace enforces, audits and warns on. */
export const POD_SECURITY_LEVEL = 'restricted';

/** Labels on every object of a tenant. */
export function tenantObjectLabels(tenant: TenantModel): Record<string, string> {
  return { [LABELS.managedBy]: MANAGED_BY, [LABELS.tenant]: tenant.id };
}

/**
 * Pod Security Admission labels: enforce, audit and warn `restricted`, each pinned
 * to the cluster's Kubernetes minor version so an upgrade never tightens or loosens
 * the profile unannounced.
 */
export function podSecurityLabels(kubernetesVersion: string): Record<string, string> {
  const version = `v${kubernetesVersion}`;
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    labels[`pod-security.kubernetes.io/${mode}`] = POD_SECURITY_LEVEL;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}

/** Labels of one of the tenant's namespaces (`project` is set when the tenant has a namespace per project). */
export function namespaceLabels(tenant: TenantModel, environment: string, kubernetesVersion: string, project?: string): Record<string, string> {
  const labels: Record<string, string> = {
    [LABELS.tenant]: tenant.id,
    [LABELS.team]: tenant.team,
    [LABELS.environment]: environment,
    [LABELS.dataClassification]: tenant.dataClassification,
    ...(project !== undefined ? { [LABELS.project]: project } : {}),
    ...podSecurityLabels(kubernetesVersion),
  };
  for (const framework of tenant.complianceRequirements) labels[`${COMPLIANCE_LABEL_PREFIX}${framework}`] = 'true';
  return labels;
}

/** The labels that select an agent's pods: unique in its namespace, since agent names are unique per tenant. */
export function agentSelectorLabels(agent: AgentModel): Record<string, string> {
  return { [LABELS.name]: agent.name };
}

/** Labels of an agent's objects and pods. */
export function agentLabels(agent: AgentModel): Record<string, string> {
  return {
    ...agentSelectorLabels(agent),
    [LABELS.partOf]: agent.project,
    [LABELS.component]: 'agent',
    [LABELS.tenant]: agent.tenant,
    [LABELS.project]: agent.project,
  };
}
