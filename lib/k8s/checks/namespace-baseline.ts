/**
 * What every tenant namespace (a Namespace labelled `oaas.io/tenant`) must
 * come with: Pod Security Admission `restricted` in all three modes with a
 * pinned version, NetworkPolicies that deny all ingress and egress by
 * default, a ResourceQuota on CPU, memory and pods, and a LimitRange that
 * gives containers default requests and limits.
 */
import { LABELS, POD_SECURITY_LEVEL } from '../labels';
import type { KubeObject } from '../manifest';
import { describeObject } from '../manifest';
import type { Json } from './private/json';
import { obj, objs, selectsAll, strs } from './private/json';
import type { Violation } from './violation';

/** Keys a tenant namespace's ResourceQuota must cap. */
export const REQUIRED_QUOTA_KEYS = ['pods', 'requests.cpu', 'limits.cpu', 'requests.memory', 'limits.memory'] as const;

/** A policy that selects every pod and lists `direction` with no rule for it: the default deny. */
function deniesByDefault(policy: KubeObject, direction: 'Ingress' | 'Egress'): boolean {
  const spec = obj((policy as unknown as Json).spec);
  const rules = direction === 'Ingress' ? spec.ingress : spec.egress;
  return selectsAll(spec.podSelector) && strs(spec.policyTypes).includes(direction) && objs(rules).length === 0;
}

/** Every violation of the namespace baseline among `objects` (all objects of the namespaces checked). */
export function checkNamespaceBaseline(objects: readonly KubeObject[]): Violation[] {
  const out: Violation[] = [];
  // Objects by kind and namespace, in their given order: one pass instead of one scan of every object per namespace.
  const byKindAndNamespace = new Map<string, KubeObject[]>();
  for (const o of objects) {
    if (o.metadata.namespace === undefined) continue;
    const key = `${o.kind}\n${o.metadata.namespace}`;
    const list = byKindAndNamespace.get(key);
    if (list) list.push(o);
    else byKindAndNamespace.set(key, [o]);
  }
  const inNamespace = (kind: string, namespace: string): readonly KubeObject[] => byKindAndNamespace.get(`${kind}\n${namespace}`) ?? [];
  for (const ns of objects.filter((o) => o.kind === 'Namespace' && o.metadata.labels?.[LABELS.tenant] !== undefined)) {
    const name = ns.metadata.name;
    const report = (rule: string, message: string) => out.push({ rule, object: describeObject(ns), message });
    const labels = ns.metadata.labels ?? {};
    for (const mode of ['enforce', 'audit', 'warn']) {
      const level = labels[`pod-security.kubernetes.io/${mode}`];
      if (level !== POD_SECURITY_LEVEL) report('NS-POD-SECURITY', `pod-security.kubernetes.io/${mode} is ${level ?? 'unset'}; expected ${POD_SECURITY_LEVEL}`);
    }
    const version = labels['pod-security.kubernetes.io/enforce-version'];
    if (version === undefined || !/^v1\.\d+$/.test(version)) {
      report('NS-POD-SECURITY', `pod-security.kubernetes.io/enforce-version is ${version ?? 'unset'}; expected a pinned version like v1.33`);
    }
    const policies = inNamespace('NetworkPolicy', name);
    for (const direction of ['Ingress', 'Egress'] as const) {
      if (!policies.some((p) => deniesByDefault(p, direction))) {
        report('NS-DEFAULT-DENY', `no NetworkPolicy denies all ${direction.toLowerCase()} by default (podSelector {}, policyTypes [${direction}], no rules)`);
      }
    }
    const quotas = inNamespace('ResourceQuota', name);
    const capped = new Set(quotas.flatMap((q) => Object.keys(obj(obj((q as unknown as Json).spec).hard))));
    const uncapped = REQUIRED_QUOTA_KEYS.filter((k) => !capped.has(k));
    if (quotas.length === 0) report('NS-RESOURCE-QUOTA', 'no ResourceQuota in the namespace');
    else if (uncapped.length > 0) report('NS-RESOURCE-QUOTA', `the ResourceQuota does not cap ${uncapped.join(', ')}`);
    const hasDefaults = inNamespace('LimitRange', name).some((lr) => objs(obj((lr as unknown as Json).spec).limits).some((item) =>
      item.type === 'Container' && ['default', 'defaultRequest'].every((k) => ['cpu', 'memory'].every((r) => obj(item[k])[r] !== undefined))));
    if (!hasDefaults) report('NS-LIMIT-RANGE', 'no LimitRange gives containers a default cpu and memory request and limit');
  }
  return out;
}
