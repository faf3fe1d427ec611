/** RBAC compared permission by permission, with `*` as Kubernetes reads it, and bindings by subject and role. */
import { compareBindings, compareRoles } from '../../../lib/plan/access/rbac';

const role = (...rules: unknown[]) => ({ kind: 'Role', metadata: { name: 'oaas:agent_developer', namespace: 'web' }, rules });
const READ_PODS = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };
const binding = (subjects: unknown[], roleName = 'oaas:agent_developer') => ({ kind: 'RoleBinding', roleRef: { kind: 'Role', name: roleName, apiGroup: 'rbac.authorization.k8s.io' }, subjects });
const GROUP = { kind: 'Group', name: 'oaas:web:agent_developer' };

describe('compareRoles', () => {
  test.each([
    ['the same rules, split differently', role(READ_PODS), role({ ...READ_PODS, verbs: ['get'] }, { ...READ_PODS, verbs: ['list', 'watch'] }), 'same'],
    ['secrets added', role(READ_PODS), role(READ_PODS, { apiGroups: [''], resources: ['secrets'], verbs: ['get'] }), 'widened'],
    ['a verb wildcard', role(READ_PODS), role({ ...READ_PODS, verbs: ['*'] }), 'widened'],
    ['a resource wildcard covering the old one', role({ ...READ_PODS, resources: ['*'] }), role(READ_PODS), 'narrowed'],
    ['resource names removed (every object)', role({ ...READ_PODS, resourceNames: ['one'] }), role(READ_PODS), 'widened'],
    ['a subresource is not its resource', role(READ_PODS), role({ ...READ_PODS, resources: ['pods/log'] }), 'widened'],
    ['a non-resource URL added', role(READ_PODS), role(READ_PODS, { nonResourceURLs: ['/metrics'], verbs: ['get'] }), 'widened'],
    ['a role removed', role(READ_PODS), undefined, 'narrowed'],
  ])('%s', (_name, before, after, expected) => {
    expect(compareRoles(before, after).effect).toBe(expected);
  });

  test('names the verbs per object', () => {
    expect(compareRoles(undefined, role(READ_PODS)).findings).toEqual(['allows get, list, watch on core/pods']);
  });
});

describe('compareBindings', () => {
  test.each([
    ['the same subjects', binding([GROUP]), binding([GROUP]), 'same'],
    ['a subject added', binding([GROUP]), binding([GROUP, { kind: 'User', name: 'mallory' }]), 'widened'],
    ['a subject removed', binding([GROUP, { kind: 'User', name: 'mallory' }]), binding([GROUP]), 'narrowed'],
    ['another role', binding([GROUP]), binding([GROUP], 'oaas:tenant_administrator'), 'widened'],
  ])('%s', (_name, before, after, expected) => {
    expect(compareBindings(before, after).effect).toBe(expected);
  });
});
