import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { get, isObject } from '../private/cfn';
import { clusterNamespaces, inNamespace, namespaceRef } from '../private/k8s';

/** Every namespace has a ResourceQuota with hard limits. */
export const k8sNamespaceResourceQuota: CheckDefinition = {
  id: 'k8s-namespace-resource-quota',
  title: 'Namespaces have a resource quota',
  description: 'Every namespace has a ResourceQuota with hard limits, so one tenant cannot exhaust the cluster (resource isolation).',
  run: (evidence, req) => clusterNamespaces(evidence, req).map((ns) => {
    const quotas = inNamespace(evidence, ns, 'ResourceQuota').filter((q) => {
      const hard = get(q.object, 'spec', 'hard');
      return isObject(hard) && Object.keys(hard).length > 0;
    });
    return quotas.length > 0
      ? pass(namespaceRef(ns), `ResourceQuota ${quotas.map((q) => q.object.metadata?.name).join(', ')}`)
      : fail(namespaceRef(ns), 'no ResourceQuota with hard limits', 'Render a ResourceQuota from the tenant\'s `resource_limits` in the namespace.');
  }),
};
