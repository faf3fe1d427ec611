import { grantsSecrets, roleRules, tenantRoleGroup, tenantRoles, unionRules } from '../../lib/k8s/rbac';
import { exampleModel } from '../helpers/workspace';

const enterprise = exampleModel('enterprise');
const payments = enterprise.tenants.find((t) => t.id === 'payments')!;

/** Every (group, resource, verb) a list of rules grants. */
const grants = (rules: ReadonlyArray<{ apiGroups: readonly string[]; resources: readonly string[]; verbs: readonly string[] }>) =>
  new Set(rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}|${res}|${v}`)))));

describe('unionRules', () => {
  test('grants exactly what the rules grant together, regrouped per API group and verb set', () => {
    const input = [
      { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'get'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['list', 'get'] },
    ];
    const union = unionRules(input);
    expect(grants(union)).toEqual(grants(input));
    expect(union).toEqual([
      { apiGroups: [''], resources: ['configmaps', 'deployments', 'pods'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'create'] },
      { apiGroups: ['apps'], resources: ['pods'], verbs: ['get', 'list'] },
    ]);
  });

  test('is the same whatever the order of the rules', () => {
    const a = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['update'] };
    const b = { apiGroups: [''], resources: ['services'], verbs: ['create', 'get'] };
    expect(unionRules([a, b])).toEqual(unionRules([b, a]));
  });
});

test('a role holds the union of its permissions\' Kubernetes rules', () => {
  const operator = roleRules(enterprise.governance, 'agent_operator');
  const expected = ['deploy_agents', 'view_audit'].flatMap((p) => enterprise.governance.permissions[p]!.kubernetesRules);
  expect(grants(operator)).toEqual(grants(expected));
});

test('an unknown role is refused', () => {
  expect(() => roleRules(enterprise.governance, 'janitor')).toThrow('expected a role of governance.yml roles, got "janitor"');
});

describe('tenantRoles', () => {
  const roles = tenantRoles(enterprise.governance, payments);

  test('binds every tenant-scoped role with Kubernetes rules, and no organization role', () => {
    const tenantScoped = Object.entries(enterprise.governance.roles).filter(([, r]) => r.scope === 'tenant').map(([id]) => id).sort();
    expect(roles.map((r) => r.role)).toEqual(tenantScoped);
    expect(roles.map((r) => r.role)).not.toContain('enterprise_administrator');
  });

  test('binds each role to a group that names the tenant', () => {
    for (const role of roles) expect(role.groups).toEqual([`oaas:payments:${role.role}`]);
    expect(roles.find((r) => r.role === 'agent_developer')).toMatchObject({ name: 'oaas:agent_developer', title: 'Agent Developer', reportsTo: 'meta_agent_manager' });
  });

  test('only roles with a permission that grants secrets can touch secrets', () => {
    const withSecrets = roles.filter((r) => r.rules.some(grantsSecrets)).map((r) => r.role);
    const expected = Object.entries(enterprise.governance.roles)
      .filter(([, r]) => r.scope === 'tenant' && r.permissions.some((p) => enterprise.governance.permissions[p]!.kubernetesRules.some((k) => k.resources.includes('secrets'))))
      .map(([id]) => id).sort();
    expect(withSecrets).toEqual(expected);
    expect(withSecrets).toEqual(['security_manager', 'tenant_administrator']);
  });

  test('extra groups of the tenant are bound too, also for an organization role', () => {
    const tenant = { ...payments, extraRoleGroups: { agent_operator: ['payments-oncall', 'payments-oncall'], monitoring_specialist: ['noc'] } };
    const extra = tenantRoles(enterprise.governance, tenant);
    expect(extra.find((r) => r.role === 'agent_operator')!.groups).toEqual(['oaas:payments:agent_operator', 'payments-oncall']);
    expect(extra.find((r) => r.role === 'monitoring_specialist')!.groups).toEqual(['noc']);
  });

  test('a custom kubernetes_group is scoped to the tenant as well', () => {
    expect(tenantRoleGroup('payments', 'agent_developer', { kubernetesGroup: 'developers' })).toBe('oaas:payments:developers');
  });

  test('roles whose permissions grant nothing on Kubernetes are left out', () => {
    const governance = {
      permissions: { system_admin: { id: 'system_admin', description: 'x', kubernetesRules: [] } },
      roles: { root: { id: 'root', title: 'Root', scope: 'tenant' as const, permissions: ['system_admin'] } },
    };
    expect(tenantRoles(governance, payments)).toEqual([]);
  });
});
