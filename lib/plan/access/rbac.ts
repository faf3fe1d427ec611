/**
 * Widening or narrowing of Kubernetes RBAC: a Role's or ClusterRole's rules,
 * split into permissions (API group, resource, verb, resource name, or a
 * non-resource URL and verb) and compared with `*` as Kubernetes reads it;
 * a binding's grants (its role for each subject).
 */
import { canonicalJson, wildcardMatch } from './patterns';
import type { StatementComparison } from './policy-statements';
import { obj, str } from '../private/json';

interface Permission {
  readonly group: string;
  readonly resource: string;
  readonly verb: string;
  /** `*` when the rule names no resource names (every object). */
  readonly name: string;
  readonly url?: string;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map((x) => str(x)) : []);

function permissions(role: unknown): Permission[] {
  if (role === undefined) return [];
  const out: Permission[] = [];
  for (const rule of (Array.isArray(obj(role).rules) ? obj(role).rules as unknown[] : []).map(obj)) {
    const verbs = strings(rule.verbs);
    for (const url of strings(rule.nonResourceURLs)) for (const verb of verbs) out.push({ group: '', resource: '', verb, name: '', url });
    const names = strings(rule.resourceNames);
    for (const group of strings(rule.apiGroups)) {
      for (const resource of strings(rule.resources)) {
        for (const verb of verbs) for (const name of names.length > 0 ? names : ['*']) out.push({ group, resource, verb, name });
      }
    }
  }
  return out;
}

const match = (pattern: string, value: string) => pattern === '*' || wildcardMatch(pattern, value);

function covers(cover: Permission, p: Permission): boolean {
  if (cover.url !== undefined || p.url !== undefined) return cover.url !== undefined && p.url !== undefined && match(cover.url, p.url) && match(cover.verb, p.verb);
  return match(cover.group, p.group) && match(cover.resource, p.resource) && match(cover.verb, p.verb) && match(cover.name, p.name);
}

/** One sentence per object the permissions are on, with their verbs: `allows get, list on apps/deployments`. */
function describe(verb: string, permissions: readonly Permission[]): string[] {
  const byObject = new Map<string, string[]>();
  for (const p of permissions) {
    const object = p.url !== undefined ? p.url : `${p.group === '' ? 'core' : p.group}/${p.resource}${p.name === '*' ? '' : ` named ${p.name}`}`;
    byObject.set(object, [...(byObject.get(object) ?? []), p.verb]);
  }
  return [...byObject.entries()].map(([object, verbs]) => `${verb} ${[...new Set(verbs)].join(', ')} on ${object}`);
}

function compare<T>(before: readonly T[], after: readonly T[], covered: (cover: T, x: T) => boolean, text: (verb: string, list: readonly T[]) => string[]): StatementComparison {
  const added = after.filter((a) => !before.some((b) => covered(b, a)));
  const removed = before.filter((b) => !after.some((a) => covered(a, b)));
  return {
    effect: added.length > 0 ? 'widened' : removed.length > 0 ? 'narrowed' : 'same',
    findings: [...new Set([...text('allows', added), ...text('no longer allows', removed)])],
  };
}

/** Compares two versions of a Role or ClusterRole (either absent). An aggregated ClusterRole is compared by its aggregation rule. */
export function compareRoles(before: unknown, after: unknown): StatementComparison {
  const aggregation = (r: unknown) => (obj(r).aggregationRule !== undefined ? canonicalJson(obj(r).aggregationRule) : undefined);
  const a = aggregation(before);
  const b = aggregation(after);
  if (a !== b) {
    return { effect: b !== undefined ? 'widened' : 'narrowed', findings: [b !== undefined ? `aggregates the roles matching ${b}` : `no longer aggregates ${a}`] };
  }
  return compare(permissions(before), permissions(after), covers, describe);
}

interface BindingGrant {
  readonly role: string;
  readonly subject: string;
}

function bindingGrants(binding: unknown): BindingGrant[] {
  if (binding === undefined) return [];
  const ref = obj(obj(binding).roleRef);
  const role = `${str(ref.kind, 'Role')} ${str(ref.name)}`;
  return (Array.isArray(obj(binding).subjects) ? obj(binding).subjects as unknown[] : []).map(obj).map((s) => ({
    role,
    subject: `${str(s.kind)} ${s.namespace !== undefined ? `${str(s.namespace)}/` : ''}${str(s.name)}`,
  }));
}

/** Compares two versions of a RoleBinding or ClusterRoleBinding: a subject given a role it did not have widens access. */
export function compareBindings(before: unknown, after: unknown): StatementComparison {
  return compare(bindingGrants(before), bindingGrants(after), (c, g) => c.role === g.role && c.subject === g.subject,
    (verb, list) => list.map((g) => `${verb === 'allows' ? 'grants' : 'no longer grants'} ${g.role} to ${g.subject}`));
}
