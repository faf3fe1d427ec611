import { k8sRbacSecretsAccess } from '../../../lib/compliance/checks/k8s-rbac-secrets-access';
import { evidence, failing, manifest, run } from '../helpers';

const secretsRole = (kind: 'Role' | 'ClusterRole', name: string, namespace?: string) => manifest({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) },
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
});
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleKind: string, role: string, subjects: unknown[], namespace?: string) => manifest({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: role, ...(namespace ? { namespace } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role }, subjects,
});

describe('k8s-rbac-secrets-access', () => {
  test('passes a secrets role bound only to the tenant\'s secret-manager group', () => {
    const result = run(k8sRbacSecretsAccess, evidence([], [
      secretsRole('Role', 'oaas:security_manager', 'payments'),
      binding('RoleBinding', 'Role', 'oaas:security_manager', [{ kind: 'Group', name: 'oaas:payments:security_manager' }], 'payments'),
      manifest({ kind: 'Role', metadata: { name: 'oaas:agent_developer', namespace: 'payments' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] }),
    ]));
    expect(result.status).toBe('pass');
    expect(result.findings).toHaveLength(1);
  });

  test('fails a secrets role bound to a developer group, to another tenant\'s group, and a cluster-wide binding', () => {
    const result = run(k8sRbacSecretsAccess, evidence([], [
      secretsRole('Role', 'oaas:security_manager', 'payments'),
      binding('RoleBinding', 'Role', 'oaas:security_manager', [
        { kind: 'Group', name: 'oaas:payments:agent_developer' }, { kind: 'Group', name: 'oaas:web:security_manager' },
      ], 'payments'),
      secretsRole('ClusterRole', 'secret-reader'),
      binding('ClusterRoleBinding', 'ClusterRole', 'secret-reader', [{ kind: 'Group', name: 'oaas:payments:security_manager' }]),
    ]));
    expect(failing(result)).toEqual(['oaas:security_manager', 'secret-reader']);
    expect(result.findings[0]!.message).toMatch(/Group oaas:payments:agent_developer .*Group oaas:web:security_manager/);
  });
});
