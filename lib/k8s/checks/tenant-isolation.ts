/**
 * Cross-tenant isolation of one cluster's manifests: nothing a tenant ships
 * lives in, or grants anything in, another tenant's namespace.
 *
 * - Objects: every object of a tenant is one of its Namespaces or lives in one.
 * - RBAC: RoleBindings bind Roles (not ClusterRoles), only to groups of the
 *   tenant's own (`oaas:<tenant>:...`: never `system:authenticated` or any other
 *   group outside it) and to no ServiceAccount of another namespace.
 * - NetworkPolicies: ingress never admits an address block or a namespace of
 *   another tenant by name; egress reaches another tenant's namespace only where
 *   that tenant opened it (an ingress policy there that admits tenant namespaces).
 * - AppProjects: destinations and whitelisted Namespaces are the tenant's own,
 *   on the in-cluster server; no wildcard kinds.
 */
import { tenantGroupPrefix } from '../../definition/platform-names';
import { IN_CLUSTER } from '../gitops-chart';
import { LABELS } from '../labels';
import type { KubeObject } from '../manifest';
import { describeObject } from '../manifest';
import type { Json } from './private/json';
import { obj, objs, str, strs } from './private/json';
import type { Violation } from './violation';

/** The namespaces a peer selects by name, if it selects by name. */
function namedNamespaces(peer: Json): string[] {
  const selector = obj(peer.namespaceSelector);
  const names = [str(obj(selector.matchLabels)[LABELS.namespaceName])].filter((n): n is string => n !== undefined);
  for (const e of objs(selector.matchExpressions)) {
    if (e.key === LABELS.namespaceName && e.operator === 'In') names.push(...strs(e.values));
  }
  return names;
}

/** True when an ingress policy admits pods of tenant namespaces (a shared endpoint the owner opened). */
function admitsTenants(policy: KubeObject): boolean {
  return objs(obj((policy as unknown as Json).spec).ingress).some((rule) => objs(rule.from).some((peer) =>
    objs(obj(peer.namespaceSelector).matchExpressions).some((e) => e.key === LABELS.tenant && e.operator === 'Exists')));
}

/**
 * Every isolation violation among the tenants of one cluster (`tenants`: tenant id →
 * its objects) and the cluster's Argo CD objects.
 */
export function checkTenantIsolation(tenants: ReadonlyMap<string, readonly KubeObject[]>, argo: readonly KubeObject[] = []): Violation[] {
  const out: Violation[] = [];
  const owner = new Map<string, string>();
  for (const [tenant, objects] of tenants) {
    for (const o of objects) if (o.kind === 'Namespace') owner.set(o.metadata.name, tenant);
  }
  const opened = new Set<string>();
  for (const objects of tenants.values()) {
    for (const o of objects) if (o.kind === 'NetworkPolicy' && o.metadata.namespace && admitsTenants(o)) opened.add(o.metadata.namespace);
  }
  const own = (tenant: string, namespace: string | undefined) => namespace !== undefined && owner.get(namespace) === tenant;

  for (const [tenant, objects] of tenants) {
    for (const o of objects) {
      const report = (rule: string, message: string) => out.push({ rule, object: describeObject(o), message });
      const where = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace;
      if (!own(tenant, where)) report('ISO-SCOPE', `belongs to tenant ${tenant} but is in namespace ${where ?? '(none)'}, owned by ${owner.get(where ?? '') ?? 'no tenant'}`);
      const body = o as unknown as Json;
      if (o.kind === 'RoleBinding') {
        const kind = str(obj(body.roleRef).kind);
        if (kind !== 'Role') report('ISO-RBAC', `binds a ${kind ?? 'missing role kind'}; expected a Role of the namespace`);
        for (const subject of objs(body.subjects)) {
          const name = str(subject.name) ?? '';
          const prefix = tenantGroupPrefix(tenant);
          if (subject.kind === 'Group' && (!name.startsWith(prefix) || name === prefix)) {
            const other = /^oaas:([^:]+):/.exec(name)?.[1];
            report('ISO-RBAC', other !== undefined && other !== tenant ? `binds group ${name} of tenant ${other}` : `binds group ${name}, which is not one of tenant ${tenant}'s (${prefix}...)`);
          }
          if (subject.kind === 'User') report('ISO-RBAC', `binds user ${name}; expected groups of tenant ${tenant} (${prefix}...)`);
          if (subject.kind === 'ServiceAccount' && !own(tenant, str(subject.namespace))) report('ISO-RBAC', `binds service account ${str(subject.namespace) ?? '?'}/${name} of another namespace`);
        }
      }
      if (o.kind === 'NetworkPolicy') {
        const spec = obj(body.spec);
        for (const peer of objs(spec.ingress).flatMap((r) => objs(r.from))) {
          if (peer.ipBlock !== undefined) report('ISO-NETWORK', `admits ingress from address block ${str(obj(peer.ipBlock).cidr) ?? '?'}, which can hold another tenant's pods`);
          for (const ns of namedNamespaces(peer)) {
            if (owner.has(ns) && !own(tenant, ns)) report('ISO-NETWORK', `admits ingress from namespace ${ns} of tenant ${owner.get(ns)}`);
          }
        }
        for (const peer of objs(spec.egress).flatMap((r) => objs(r.to))) {
          for (const ns of namedNamespaces(peer)) {
            if (owner.has(ns) && !own(tenant, ns) && !opened.has(ns)) report('ISO-NETWORK', `sends egress to namespace ${ns} of tenant ${owner.get(ns)}, which does not admit other tenants`);
          }
        }
      }
    }
  }

  for (const project of argo.filter((o) => o.kind === 'AppProject')) {
    const tenant = project.metadata.name;
    const report = (rule: string, message: string) => out.push({ rule, object: describeObject(project), message });
    const spec = obj((project as unknown as Json).spec);
    for (const d of objs(spec.destinations)) {
      if (str(d.server) !== IN_CLUSTER) report('ISO-APPPROJECT', `allows server ${str(d.server) ?? str(d.name) ?? '?'}; expected ${IN_CLUSTER}`);
      if (!own(tenant, str(d.namespace))) report('ISO-APPPROJECT', `allows namespace ${str(d.namespace) ?? '?'}, not one of tenant ${tenant}'s`);
    }
    for (const c of objs(spec.clusterResourceWhitelist)) {
      if (c.group !== '' || c.kind !== 'Namespace') report('ISO-APPPROJECT', `allows cluster-scoped ${str(c.group) ?? '?'}/${str(c.kind) ?? '?'}; expected only Namespace`);
      else if (!own(tenant, str(c.name))) report('ISO-APPPROJECT', `allows the Namespace ${str(c.name) ?? '(any name)'}, not one of tenant ${tenant}'s`);
    }
    for (const k of objs(spec.namespaceResourceWhitelist)) {
      if (k.group === '*' || k.kind === '*') report('ISO-APPPROJECT', 'whitelists every namespaced kind; expected the kinds tenants render');
    }
    if (strs(spec.sourceRepos).includes('*')) report('ISO-APPPROJECT', 'accepts any source repository');
  }
  return out;
}
