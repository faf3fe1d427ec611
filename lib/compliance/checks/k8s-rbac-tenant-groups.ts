import type { CheckDefinition, Finding } from '../check';
import { fail, pass } from '../check';
import { tenantGroupPrefix } from '../../definition/platform-names';
import { asArray, flatten, get, isObject } from '../private/cfn';
import { k8sRef, manifestsOfKind } from '../private/k8s';

const FIX = 'Bind a tenant\'s roles only to its own groups (`oaas:<tenant>:<name>`): the tenant file\'s `roles` lists such groups, never `system:authenticated`, `system:serviceaccounts` or a group of another tenant.';

/** A tenant's RoleBindings name only the tenant's own groups: none of another tenant, none of Kubernetes' built-in ones, no users. */
export const k8sRbacTenantGroups: CheckDefinition = {
  id: 'k8s-rbac-tenant-groups',
  title: 'Tenant roles are bound to the tenant\'s own groups',
  description: 'Every RoleBinding in a tenant namespace binds only groups with the tenant\'s prefix (`oaas:<tenant>:`) and service accounts of that namespace: never a group Kubernetes gives every user or service account (`system:authenticated`, `system:serviceaccounts`), a group of another tenant or a user.',
  run: (evidence, req) => manifestsOfKind(evidence, 'RoleBinding').flatMap((binding): Finding[] => {
    const namespace = binding.object.metadata?.namespace;
    const tenant = req.tenants.find((t) => t.namespaces.includes(String(namespace)));
    if (!tenant) return [];
    const prefix = tenantGroupPrefix(tenant.id);
    const outsiders = asArray(get(binding.object, 'subjects')).filter(isObject).filter((s) => (s.kind === 'Group'
      ? !String(s.name).startsWith(prefix) || String(s.name) === prefix
      : s.kind === 'ServiceAccount' ? (typeof s.namespace === 'string' ? s.namespace : namespace) !== namespace : true))
      .map((s) => `${flatten(s.kind)} ${s.namespace ? `${flatten(s.namespace)}/` : ''}${flatten(s.name)}`);
    if (outsiders.length > 0) return [fail(k8sRef(binding), `binds ${outsiders.join(', ')}, outside tenant ${tenant.id}`, FIX)];
    return [pass(k8sRef(binding), `binds only groups of tenant ${tenant.id} (${prefix}...)`)];
  }),
};
