import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { clusterNamespaces, namespaceRef } from '../private/k8s';

const LABEL = 'pod-security.kubernetes.io/enforce';
const FIX = `Label the namespace \`${LABEL}: restricted\` (the tenant namespace chart does).`;

/** Every namespace enforces the restricted Pod Security Standard. */
export const k8sNamespacePodSecurity: CheckDefinition = {
  id: 'k8s-namespace-pod-security',
  title: 'Namespaces enforce the restricted pod security profile',
  description: 'Every tenant namespace the definition expects on each cluster, and every other rendered namespace, exists and is labelled to enforce the restricted Pod Security Standard, so the API server rejects privileged pods.',
  run: (evidence, req) => clusterNamespaces(evidence, req).map((ns) => {
    if (!ns.manifest) return fail(namespaceRef(ns), 'expected by the definition but not rendered', FIX);
    const level = ns.manifest.object.metadata?.labels?.[LABEL];
    return level === 'restricted' ? pass(namespaceRef(ns), 'enforces restricted') : fail(namespaceRef(ns), `enforces ${level ?? 'nothing'}, not restricted`, FIX);
  }),
};
