/**
 * A rendered Kubernetes object as plain JSON, and the stable order and file
 * names both delivery paths (Argo CD folders and the cluster stack) use.
 */

/** A Kubernetes object as plain JSON, as `Chart.toJson()` returns it. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/**
 * Apply order: what others depend on comes first (a namespace before what lives in
 * it, a quota and limit range before the pods they admit, RBAC before workloads),
 * as Helm orders an install. `kubectl apply` of one list follows it.
 */
export const KIND_ORDER: readonly string[] = [
  'Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'ServiceAccount', 'Role', 'RoleBinding',
  'Service', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'AppProject', 'ApplicationSet',
];

function kindRank(kind: string): number {
  const rank = KIND_ORDER.indexOf(kind);
  return rank === -1 ? KIND_ORDER.length : rank;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts objects by kind order, then namespace, then name: the order depends on nothing but the objects. */
export function sortManifests<T extends KubeObject>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) =>
    kindRank(a.kind) - kindRank(b.kind)
    || compare(a.kind, b.kind)
    || compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '')
    || compare(a.metadata.name, b.metadata.name));
}

/** `Deployment payments-checkout/cart-validator`, for messages. */
export function describeObject(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata.name}`;
}

/** File name of an object in a folder of one file per object (the Argo CD folder): `<kind>-<name>.yaml`, lower-case, safe on every file system. */
export function manifestFileName(object: KubeObject): string {
  const safe = (text: string) => text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe(object.kind)}-${safe(object.metadata.name)}.yaml`;
}
