import { k8sNamespaceDefaultDeny } from '../../../lib/compliance/checks/k8s-namespace-default-deny';
import { evidence, failing, manifest, run } from '../helpers';
import { denyAll, namespace } from './k8s-fixtures';

describe('k8s-namespace-default-deny', () => {
  test('passes a namespace with a deny-all policy for both directions (allow policies may follow)', () => {
    const allowDns = manifest({ kind: 'NetworkPolicy', metadata: { name: 'dns', namespace: 'payments' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53 }] }] } });
    expect(run(k8sNamespaceDefaultDeny, evidence([], [namespace('payments'), denyAll('payments'), allowDns])).status).toBe('pass');
  });

  test('fails a namespace without default deny, and one whose deny only covers ingress', () => {
    const result = run(k8sNamespaceDefaultDeny, evidence([], [namespace('payments')]));
    expect(failing(result)).toEqual(['payments']);
    expect(result.findings[0]!.message).toBe('no default-deny NetworkPolicy for Ingress and Egress');
    const ingressOnly = run(k8sNamespaceDefaultDeny, evidence([], [namespace('payments'), denyAll('payments', ['Ingress'])]));
    expect(ingressOnly.findings[0]!.message).toBe('no default-deny NetworkPolicy for Egress');
  });

  test('does not count a policy that selects only some pods', () => {
    const some = manifest({ kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'payments' }, spec: { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress', 'Egress'] } });
    expect(run(k8sNamespaceDefaultDeny, evidence([], [namespace('payments'), some])).status).toBe('fail');
  });
});
