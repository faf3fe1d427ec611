import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import type { ManifestEvidence } from '../evidence';
import { asArray, get, isObject } from '../private/cfn';
import { clusterNamespaces, inNamespace, namespaceRef } from '../private/k8s';

const FIX = 'Render a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress, Egress]` and no rules in the namespace; allow traffic with further policies.';

function selectsAll(p: ManifestEvidence): boolean {
  const selector = get(p.object, 'spec', 'podSelector');
  if (!isObject(selector)) return false;
  const labels = isObject(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  return labels.length === 0 && asArray(selector.matchExpressions).length === 0;
}

function denies(p: ManifestEvidence, direction: 'Ingress' | 'Egress'): boolean {
  const types = asArray(get(p.object, 'spec', 'policyTypes')).map(String);
  const rules = asArray(get(p.object, 'spec', direction.toLowerCase()));
  return selectsAll(p) && types.includes(direction) && rules.length === 0;
}

/** Every namespace denies all ingress and egress by default. */
export const k8sNamespaceDefaultDeny: CheckDefinition = {
  id: 'k8s-namespace-default-deny',
  title: 'Namespaces deny traffic by default',
  description: 'Every namespace has NetworkPolicies selecting all pods that deny all ingress and all egress unless another policy allows it, isolating tenants from each other on the network.',
  run: (evidence, req) => clusterNamespaces(evidence, req).map((ns) => {
    const policies = inNamespace(evidence, ns, 'NetworkPolicy');
    const missing = (['Ingress', 'Egress'] as const).filter((d) => !policies.some((p) => denies(p, d)));
    if (missing.length === 0) return pass(namespaceRef(ns), 'default-deny for ingress and egress');
    return fail(namespaceRef(ns), `no default-deny NetworkPolicy for ${missing.join(' and ')}${ns.manifest ? '' : ' (namespace not rendered)'}`, FIX);
  }),
};
