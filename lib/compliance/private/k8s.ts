/** Reading rendered Kubernetes manifests: objects by kind, pod specs of workloads, namespaces expected per cluster. */
import type { ResourceRef } from '../check';
import type { K8sObject, ManifestEvidence, SynthesizedEvidence } from '../evidence';
import type { ComplianceRequirements } from '../requirements';
import { asArray, get, isObject } from './cfn';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;

export function manifestsOfKind(evidence: SynthesizedEvidence, ...kinds: string[]): ManifestEvidence[] {
  return evidence.manifests.filter((m) => kinds.includes(String(m.object.kind)));
}

export function k8sRef(m: ManifestEvidence): ResourceRef {
  const namespace = m.object.metadata?.namespace;
  return {
    kind: 'kubernetes',
    environment: m.environment,
    region: m.region,
    ...(m.tenant ? { tenant: m.tenant } : {}),
    path: m.path,
    objectKind: String(m.object.kind),
    ...(namespace ? { namespace } : {}),
    name: m.object.metadata?.name ?? '(unnamed)',
  };
}

/** The pod spec of a workload object, or undefined. */
export function podSpecOf(object: K8sObject): Record<string, unknown> | undefined {
  const spec = object.kind === 'Pod' ? object.spec
    : object.kind === 'CronJob' ? get(object, 'spec', 'jobTemplate', 'spec', 'template', 'spec')
      : get(object, 'spec', 'template', 'spec');
  return isObject(spec) ? spec : undefined;
}

export function containersOf(podSpec: Record<string, unknown>): Array<Record<string, unknown>> {
  return [...asArray(podSpec.initContainers), ...asArray(podSpec.containers), ...asArray(podSpec.ephemeralContainers)].filter(isObject);
}

/** One cluster's namespace: where it runs and the Namespace object rendered for it, if any. */
export interface ClusterNamespace {
  readonly environment: string;
  readonly region: string;
  readonly namespace: string;
  readonly tenant?: string;
  readonly manifest?: ManifestEvidence;
}

/**
 * Every namespace the checks hold to the tenant baseline: each tenant
 * namespace the definition expects on each cluster (environment × region), and
 * every other Namespace object rendered.
 */
export function clusterNamespaces(evidence: SynthesizedEvidence, req: ComplianceRequirements): ClusterNamespace[] {
  const out = new Map<string, ClusterNamespace>();
  const key = (e: string, r: string, n: string) => `${e}/${r}/${n}`;
  for (const env of req.environments) {
    for (const ns of env.namespaces) {
      for (const region of ns.regions) out.set(key(env.name, region, ns.namespace), { environment: env.name, region, namespace: ns.namespace, tenant: ns.tenant });
    }
  }
  for (const m of manifestsOfKind(evidence, 'Namespace')) {
    const name = m.object.metadata?.name ?? '';
    const k = key(m.environment, m.region, name);
    const expected = out.get(k);
    out.set(k, { environment: m.environment, region: m.region, namespace: name, ...(expected?.tenant ?? m.tenant ? { tenant: expected?.tenant ?? m.tenant } : {}), manifest: m });
  }
  return [...out.values()].sort((a, b) => (key(a.environment, a.region, a.namespace) < key(b.environment, b.region, b.namespace) ? -1 : 1));
}

/** Objects of a kind in one cluster's namespace. */
export function inNamespace(evidence: SynthesizedEvidence, ns: ClusterNamespace, ...kinds: string[]): ManifestEvidence[] {
  return manifestsOfKind(evidence, ...kinds).filter((m) => m.environment === ns.environment && m.region === ns.region && m.object.metadata?.namespace === ns.namespace);
}

export function namespaceRef(ns: ClusterNamespace): ResourceRef {
  return ns.manifest ? k8sRef(ns.manifest) : { kind: 'scope', description: `namespace ${ns.namespace} on ${ns.environment}/${ns.region}${ns.tenant ? ` (tenant ${ns.tenant})` : ''}: no Namespace manifest rendered` };
}
