import { k8sRbacTenantGroups } from '../../../lib/compliance/checks/k8s-rbac-tenant-groups';
import { evidence, failing, manifest, run } from '../helpers';

const binding = (name: string, namespace: string, subjects: unknown[]) => manifest({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects,
});

describe('k8s-rbac-tenant-groups', () => {
  test('passes bindings to the tenant\'s own groups and service accounts of the namespace', () => {
    const result = run(k8sRbacTenantGroups, evidence([], [
      binding('oaas:agent_developer', 'payments', [{ kind: 'Group', name: 'oaas:payments:agent_developer' }, { kind: 'ServiceAccount', name: 'agent', namespace: 'payments' }]),
    ]));
    expect(result.status).toBe('pass');
  });

  test.each([
    ['system:authenticated', { kind: 'Group', name: 'system:authenticated' }],
    ['system:serviceaccounts', { kind: 'Group', name: 'system:serviceaccounts' }],
    ['another tenant\'s group', { kind: 'Group', name: 'oaas:web:agent_developer' }],
    ['a group without the prefix', { kind: 'Group', name: 'payments-admins' }],
    ['a user', { kind: 'User', name: 'alice' }],
    ['a service account of another namespace', { kind: 'ServiceAccount', name: 'agent', namespace: 'web' }],
  ])('fails a binding to %s', (_name, subject) => {
    const result = run(k8sRbacTenantGroups, evidence([], [binding('oaas:agent_developer', 'payments', [subject])]));
    expect(failing(result)).toEqual(['oaas:agent_developer']);
    expect(result.findings[0]!.message).toMatch(/outside tenant payments/);
  });
});
