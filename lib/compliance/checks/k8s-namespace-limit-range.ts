import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { asArray, get } from '../private/cfn';
import { clusterNamespaces, inNamespace, namespaceRef } from '../private/k8s';

/** Every namespace has a LimitRange with container defaults. */
export const k8sNamespaceLimitRange: CheckDefinition = {
  id: 'k8s-namespace-limit-range',
  title: 'Namespaces have a limit range',
  description: 'Every namespace has a LimitRange giving containers default requests and limits, so pods without resources still count against the quota.',
  run: (evidence, req) => clusterNamespaces(evidence, req).map((ns) => {
    const ranges = inNamespace(evidence, ns, 'LimitRange').filter((l) => asArray(get(l.object, 'spec', 'limits')).length > 0);
    return ranges.length > 0
      ? pass(namespaceRef(ns), `LimitRange ${ranges.map((l) => l.object.metadata?.name).join(', ')}`)
      : fail(namespaceRef(ns), 'no LimitRange', 'Render a LimitRange with container default requests and limits in the namespace.');
  }),
};
