import { k8sNamespacePodSecurity } from '../../../lib/compliance/checks/k8s-namespace-pod-security';
import { evidence, failing, run } from '../helpers';
import { namespace } from './k8s-fixtures';

describe('k8s-namespace-pod-security', () => {
  test('passes every expected namespace enforcing restricted', () => {
    expect(run(k8sNamespacePodSecurity, evidence([], [namespace('payments')])).status).toBe('pass');
  });

  test('fails a baseline namespace, and an expected namespace that was not rendered', () => {
    const baseline = run(k8sNamespacePodSecurity, evidence([], [namespace('payments', { 'pod-security.kubernetes.io/enforce': 'baseline' })]));
    expect(failing(baseline)).toEqual(['payments']);
    expect(baseline.findings[0]!.message).toBe('enforces baseline, not restricted');
    expect(failing(run(k8sNamespacePodSecurity, evidence([], [])))).toEqual(['namespace payments on prod/eu-west-1 (tenant payments): no Namespace manifest rendered']);
  });
});
