import { k8sNamespaceResourceQuota } from '../../../lib/compliance/checks/k8s-namespace-resource-quota';
import { evidence, failing, manifest, run } from '../helpers';
import { namespace, quota } from './k8s-fixtures';

describe('k8s-namespace-resource-quota', () => {
  test('passes a namespace with a hard quota', () => {
    expect(run(k8sNamespaceResourceQuota, evidence([], [namespace('payments'), quota('payments')])).status).toBe('pass');
  });

  test('fails a namespace without quota and one with an empty quota', () => {
    expect(failing(run(k8sNamespaceResourceQuota, evidence([], [namespace('payments')])))).toEqual(['payments']);
    const empty = manifest({ kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'payments' }, spec: { hard: {} } });
    expect(run(k8sNamespaceResourceQuota, evidence([], [namespace('payments'), empty])).status).toBe('fail');
  });
});
