import { k8sNamespaceLimitRange } from '../../../lib/compliance/checks/k8s-namespace-limit-range';
import { evidence, failing, run } from '../helpers';
import { limitRange, namespace } from './k8s-fixtures';

describe('k8s-namespace-limit-range', () => {
  test('passes a namespace with container defaults', () => {
    expect(run(k8sNamespaceLimitRange, evidence([], [namespace('payments'), limitRange('payments')])).status).toBe('pass');
  });

  test('fails a namespace without a LimitRange, even when another namespace has one', () => {
    const result = run(k8sNamespaceLimitRange, evidence([], [namespace('payments'), limitRange('web')]));
    expect(failing(result)).toEqual(['payments']);
  });
});
