/**
 * Kubernetes manifests of two versions, compared object by object: objects
 * are matched by cluster (environment and region), API group, kind,
 * namespace and name, so moving an object to another file changes nothing
 * and a new API version of the same object is an update. Fields Kubernetes
 * does not let an update change (a workload's selector, a binding's role)
 * mean the object is deleted and created again: a replacement.
 */
import { kubernetesAccess } from './access';
import { isolatesNamespace } from './access/network-policy';
import type { NamespaceIsolation } from './access/network-policy';
import { canonicalJson } from './access/patterns';
import type { DetectedChange } from './detected';
import { jsonDiff, wholeValue } from './json-diff';
import type { PlanManifest } from './outputs';
import type { ChangeAction, PropertyChange } from './types';
import { obj, str } from './private/json';
import type { Json } from './private/json';


/** Kinds whose removal or replacement loses what they hold: a namespace takes every object in it along. */
export const STATEFUL_KINDS: ReadonlySet<string> = new Set(['Namespace', 'PersistentVolumeClaim', 'PersistentVolume']);

/** Fields an update cannot change, by kind: a change to one recreates the object. */
const IMMUTABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec.selector'],
  StatefulSet: ['spec.selector', 'spec.volumeClaimTemplates', 'spec.serviceName'],
  DaemonSet: ['spec.selector'],
  ReplicaSet: ['spec.selector'],
  Job: ['spec.selector', 'spec.template'],
  RoleBinding: ['roleRef'],
  ClusterRoleBinding: ['roleRef'],
  PersistentVolumeClaim: ['spec.accessModes', 'spec.storageClassName', 'spec.volumeName'],
};

/** Labels and annotations are metadata, except the pod security labels, which are access. */
const METADATA_PATH = /^metadata\.(labels|annotations)(\b|$)/;
const POD_SECURITY_LABEL = /pod-security\.kubernetes\.io/;

function group(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0]! : 'core';
}

/** The identity of an object on its cluster. */
export function objectKey(m: PlanManifest): string {
  const md = obj(m.object.metadata);
  return `${m.environment}/${m.region}/${group(str(m.object.apiVersion))}/${str(m.object.kind)}/${str(md.namespace)}/${str(md.name)}`;
}

/** Whether other NetworkPolicies of each namespace isolate all of its pods (a default deny), per cluster and namespace. */
function isolationByNamespace(manifests: readonly PlanManifest[]): Map<string, Array<{ key: string; policy: unknown }>> {
  const out = new Map<string, Array<{ key: string; policy: unknown }>>();
  for (const m of manifests) {
    if (m.object.kind !== 'NetworkPolicy') continue;
    const ns = `${m.environment}/${m.region}/${str(obj(m.object.metadata).namespace)}`;
    out.set(ns, [...(out.get(ns) ?? []), { key: objectKey(m), policy: m.object }]);
  }
  return out;
}

function isolationWithout(policies: ReadonlyArray<{ key: string; policy: unknown }> | undefined, key: string): NamespaceIsolation {
  const others = (policies ?? []).filter((p) => p.key !== key);
  return { ingress: others.some((p) => isolatesNamespace(p.policy, 'ingress')), egress: others.some((p) => isolatesNamespace(p.policy, 'egress')) };
}

function at(value: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => obj(v)[k], value);
}

function objectChange(key: string, before: PlanManifest | undefined, after: PlanManifest | undefined, isolation: NamespaceIsolation): DetectedChange {
  const m = (after ?? before)!;
  const kind = str(m.object.kind);
  const md = obj(m.object.metadata);
  let action: ChangeAction = before === undefined ? 'add' : after === undefined ? 'remove' : 'update';
  let properties: PropertyChange[];
  let replacedBy: string[] = [];
  if (action === 'add') properties = wholeValue(after!.object, 'new');
  else if (action === 'remove') properties = wholeValue(before!.object, 'old');
  else {
    properties = jsonDiff(before!.object, after!.object);
    replacedBy = (IMMUTABLE_FIELDS[kind] ?? []).filter((f) => canonicalJson(at(before!.object, f)) !== canonicalJson(at(after!.object, f)));
    if (replacedBy.length > 0) {
      action = 'replace';
      properties = properties.map((p) => (replacedBy.some((f) => p.path === f || p.path.startsWith(`${f}.`) || p.path.startsWith(`${f}[`)) ? { ...p, impact: 'recreates the object' } : p));
    }
  }
  const access = kubernetesAccess(kind, before?.object, after?.object, isolation);
  return {
    id: `k8s:${key}`,
    target: {
      kind: 'kubernetes', cluster: `${m.environment}/${m.region}`, apiVersion: str(m.object.apiVersion), objectKind: kind,
      ...(md.namespace !== undefined ? { namespace: str(md.namespace) } : {}), name: str(md.name), file: m.path,
    },
    action,
    properties,
    ...(replacedBy.length > 0 ? { replacedBy } : {}),
    stateful: STATEFUL_KINDS.has(kind),
    retained: false,
    metadataOnly: action === 'update' && properties.length > 0 && properties.every((p) => METADATA_PATH.test(p.path) && !POD_SECURITY_LABEL.test(p.path)),
    ...(access ? { access } : {}),
    ...(before ? { before: before.object } : {}),
    ...(after ? { after: after.object } : {}),
  };
}

/** Compares the objects of two versions; `manifestOf` maps each change back to the manifest it came from (for ownership). */
export function compareManifests(base: readonly PlanManifest[], head: readonly PlanManifest[]): { changes: DetectedChange[]; manifests: Map<string, PlanManifest> } {
  const index = (list: readonly PlanManifest[]) => new Map(list.map((m) => [objectKey(m), m]));
  const before = index(base);
  const after = index(head);
  const policies = isolationByNamespace(head);
  const changes: DetectedChange[] = [];
  const manifests = new Map<string, PlanManifest>();
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(key);
    const now = after.get(key);
    if (old && now && canonicalJson(old.object) === canonicalJson(now.object)) continue;
    const m = (now ?? old)!;
    const ns = `${m.environment}/${m.region}/${str(obj(m.object.metadata).namespace)}`;
    const change = objectChange(key, old, now, isolationWithout(policies.get(ns), key));
    changes.push(change);
    manifests.set(change.id, m);
  }
  return { changes, manifests };
}
