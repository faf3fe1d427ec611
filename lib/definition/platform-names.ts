/**
 * Names the platform reserves in the clusters: its label prefix, the node
 * pool and tenant labels, and the prefix of a tenant's groups. A module of its
 * own, without the definition's parsers, so the manifest worker can import it
 * without loading zod and yaml (like reserved-namespaces.ts).
 */

/**
 * The prefix of every Kubernetes group a tenant's roles are bound to,
 * `oaas:<tenant>:`: the groups its people receive through the tenant's
 * access entries, and the only ones its RoleBindings may name.
 */
export function tenantGroupPrefix(tenant: string): string {
  return `oaas:${tenant}:`;
}

/** Label keys of the platform: `oaas.io/...`. A node pool may not set them to other values than the platform's. */
export const PLATFORM_LABEL_PREFIX = 'oaas.io/';

/** The node label naming a node's pool, which the charts of dedicated pools select. */
export const NODE_POOL_LABEL = 'oaas.io/node-pool';

/** The label (and taint key) naming a tenant: on its objects, and on the nodes of a pool it reserves. */
export const TENANT_LABEL = 'oaas.io/tenant';
