/**
 * The Kubernetes RBAC of a tenant, derived from the governance role hierarchy
 * and permission matrix: pure functions, no constructs.
 *
 * Every tenant-scoped role becomes a Role in each of the tenant's namespaces
 * whose rules are the union of its permissions' `kubernetes` rules, bound to a
 * group that names the tenant (`oaas:<tenant>:<role>`), so holding a role in
 * one tenant grants nothing in another. Roles do not inherit along
 * `reports_to`: the matrix lists each role's permissions in full. Only roles
 * with a permission that grants `secrets` can touch the tenant's secrets.
 */
import type { GovernanceModel, RoleModel, TenantModel } from '../definition/model';
import { tenantGroupPrefix } from '../definition/platform-names';

/** A Kubernetes RBAC rule. */
export interface RbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** A governance role as bound inside one tenant. */
export interface TenantRole {
  /** The governance role id, e.g. `agent_developer`. */
  readonly role: string;
  readonly title: string;
  readonly reportsTo?: string;
  /** Name of the Role and RoleBinding in each namespace: `oaas:<role>`. */
  readonly name: string;
  readonly rules: readonly RbacRule[];
  /** Groups bound to the role in this tenant: the tenant-scoped group, then the tenant's extra groups. */
  readonly groups: readonly string[];
}

const VERB_ORDER = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const byVerb = (a: string, b: string) => VERB_ORDER.indexOf(a) - VERB_ORDER.indexOf(b) || (a < b ? -1 : a > b ? 1 : 0);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The group a role is bound to in a tenant: `oaas:<tenant>:<kubernetes_group or role>`.
 * The cluster stack maps each tenant's SSO roles to these names.
 */
export function tenantRoleGroup(tenantId: string, roleId: string, role: Pick<RoleModel, 'kubernetesGroup'>): string {
  return `${tenantGroupPrefix(tenantId)}${role.kubernetesGroup ?? roleId}`;
}

/** Name of a role's Role and RoleBinding in a tenant namespace. */
export function roleObjectName(roleId: string): string {
  return `oaas:${roleId}`;
}

/**
 * The union of `rules`, normalized: one rule per API group and verb set, resources
 * and verbs sorted. It grants exactly what the inputs grant
 * together (a rule's API groups × resources are expanded before regrouping).
 */
export function unionRules(rules: readonly RbacRule[]): RbacRule[] {
  const verbs = new Map<string, Map<string, Set<string>>>();
  for (const rule of rules) {
    for (const group of rule.apiGroups) {
      const resources = verbs.get(group) ?? new Map<string, Set<string>>();
      verbs.set(group, resources);
      for (const resource of rule.resources) {
        const set = resources.get(resource) ?? new Set<string>();
        resources.set(resource, set);
        for (const verb of rule.verbs) set.add(verb);
      }
    }
  }
  const out: RbacRule[] = [];
  for (const group of [...verbs.keys()].sort(byText)) {
    const byVerbs = new Map<string, { verbs: string[]; resources: string[] }>();
    for (const [resource, set] of verbs.get(group)!) {
      const sorted = [...set].sort(byVerb);
      const key = sorted.join(',');
      const entry = byVerbs.get(key) ?? { verbs: sorted, resources: [] };
      entry.resources.push(resource);
      byVerbs.set(key, entry);
    }
    // Each resource is in exactly one verb set, so ordering by the first resource is total.
    const entries = [...byVerbs.values()].map((e) => ({ ...e, resources: e.resources.sort(byText) }));
    for (const entry of entries.sort((a, b) => byText(a.resources[0]!, b.resources[0]!))) {
      out.push({ apiGroups: [group], resources: entry.resources, verbs: entry.verbs });
    }
  }
  return out;
}

/** The Kubernetes rules a governance role holds: the union of its permissions' rules. */
export function roleRules(governance: Pick<GovernanceModel, 'permissions' | 'roles'>, roleId: string): RbacRule[] {
  // Own properties only: a role or permission named "constructor" is one of the file's, never Object's.
  const role = Object.hasOwn(governance.roles, roleId) ? governance.roles[roleId] : undefined;
  if (!role) throw new Error(`expected a role of governance.yml roles, got "${roleId}"`);
  return unionRules(role.permissions.flatMap((p) => (Object.hasOwn(governance.permissions, p) ? governance.permissions[p]?.kubernetesRules : undefined) ?? []));
}

/** True when a rule lets its holder read or change Secrets. */
export function grantsSecrets(rule: RbacRule): boolean {
  return rule.apiGroups.some((g) => g === '' || g === '*') && rule.resources.some((r) => r === 'secrets' || r === '*');
}

/**
 * The roles bound in a tenant's namespaces, sorted by role id: every tenant-scoped
 * role, and any role (also organization-scoped) the tenant names in `roles` to give
 * extra groups its permissions inside the tenant. Roles without Kubernetes rules
 * grant nothing and are left out.
 */
export function tenantRoles(governance: Pick<GovernanceModel, 'permissions' | 'roles'>, tenant: TenantModel): TenantRole[] {
  const out: TenantRole[] = [];
  for (const roleId of Object.keys(governance.roles).sort(byText)) {
    const role = governance.roles[roleId]!;
    const extra = Object.hasOwn(tenant.extraRoleGroups, roleId) ? tenant.extraRoleGroups[roleId] ?? [] : [];
    const tenantScoped = role.scope === 'tenant';
    if (!tenantScoped && extra.length === 0) continue;
    const rules = roleRules(governance, roleId);
    if (rules.length === 0) continue;
    const own = tenantScoped ? [tenantRoleGroup(tenant.id, roleId, role)] : [];
    const groups = [...own, ...[...new Set(extra)].filter((g) => !own.includes(g)).sort(byText)];
    out.push({
      role: roleId,
      title: role.title,
      ...(role.reportsTo !== undefined ? { reportsTo: role.reportsTo } : {}),
      name: roleObjectName(roleId),
      rules,
      groups,
    });
  }
  return out;
}
