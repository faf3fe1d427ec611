import type { CheckDefinition, Finding } from '../check';
import { fail, pass } from '../check';
import type { ManifestEvidence } from '../evidence';
import { asArray, flatten, get, isObject } from '../private/cfn';
import { k8sRef, manifestsOfKind } from '../private/k8s';

const FIX = 'Grant secrets only through governance permissions held by roles meant to manage secrets (e.g. `manage_secrets`), bound only to the tenant-scoped groups of those roles.';

function grantsSecrets(role: ManifestEvidence): boolean {
  return asArray(get(role.object, 'rules')).filter(isObject).some((rule) => {
    const groups = asArray(rule.apiGroups).map(String);
    const resources = asArray(rule.resources).map(String);
    return (groups.includes('') || groups.includes('*')) && (resources.includes('secrets') || resources.includes('*'));
  });
}

function bindingsOf(evidence: Parameters<CheckDefinition['run']>[0], role: ManifestEvidence): ManifestEvidence[] {
  const name = role.object.metadata?.name;
  const cluster = (m: ManifestEvidence) => m.environment === role.environment && m.region === role.region;
  return manifestsOfKind(evidence, 'RoleBinding', 'ClusterRoleBinding').filter((b) => cluster(b)
    && get(b.object, 'roleRef', 'kind') === role.object.kind && get(b.object, 'roleRef', 'name') === name
    && (role.object.kind === 'ClusterRole' || b.object.metadata?.namespace === role.object.metadata?.namespace));
}

/** Only governance roles that manage secrets can read or change Kubernetes secrets. */
export const k8sRbacSecretsAccess: CheckDefinition = {
  id: 'k8s-rbac-secrets-access',
  title: 'Only secret managers can touch secrets',
  description: 'Every Role or ClusterRole that grants access to Secrets is bound, in a tenant namespace, only to that tenant\'s groups of governance roles whose permissions include secrets (for example Security Manager through `manage_secrets`); never cluster-wide, and never to another group, user or service account.',
  run: (evidence, req) => manifestsOfKind(evidence, 'Role', 'ClusterRole').filter(grantsSecrets).map((role): Finding => {
    const bindings = bindingsOf(evidence, role);
    const allowed = (namespace: unknown) => req.tenants.find((t) => t.namespaces.includes(String(namespace)))?.secretReaderGroups ?? [];
    const outsiders = bindings.flatMap((b) => asArray(get(b.object, 'subjects')).filter(isObject)
      .filter((s) => !(s.kind === 'Group' && b.object.kind === 'RoleBinding' && allowed(b.object.metadata?.namespace).includes(String(s.name))))
      .map((s) => `${flatten(s.kind)} ${s.namespace ? `${flatten(s.namespace)}/` : ''}${flatten(s.name)} (via ${String(b.object.kind)} ${b.object.metadata?.name ?? ''})`));
    if (outsiders.length > 0) return fail(k8sRef(role), `grants secrets to ${outsiders.join(', ')}`, FIX);
    return pass(k8sRef(role), bindings.length === 0 ? 'grants secrets but is bound to no one' : 'grants secrets only to secret-manager groups');
  }),
};
