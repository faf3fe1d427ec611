/**
 * The node pools of each cluster: unique names, sizes within their bounds,
 * instance types that one node image runs, the platform's own labels and
 * taint left to the platform, and a dedicated pool reserved by one tenant only.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { InstanceKind } from '../instance-types';
import { instanceKind } from '../instance-types';
import { NODE_POOL_LABEL, PLATFORM_LABEL_PREFIX, TENANT_LABEL } from '../platform-names';
import type { YamlPath } from '../source';
import type { CheckContext } from './report';
import { unique } from './report';

export function checkNodePools(files: WorkspaceFiles, { report }: CheckContext): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  workspace.data.environments.forEach((env, e) => {
    const base: YamlPath = ['environments', e, 'cluster', 'node_pools'];
    unique(env.cluster.node_pools, (p) => p.name, (_p, i) => [source, [...base, i, 'name']], 'node pool', report);
    // The tenants of the environment that reserve each pool.
    const owners = new Map<string, string[]>();
    for (const { data: tenant } of files.tenants) {
      const pool = tenant.isolation.dedicated_node_pool;
      if (pool === undefined || (tenant.environments && !tenant.environments.includes(env.name))) continue;
      owners.set(pool, [...(owners.get(pool) ?? []), tenant.tenant_id]);
    }
    env.cluster.node_pools.forEach((pool, p) => {
      const pp: YamlPath = [...base, p];
      if (pool.min_size > pool.max_size) {
        report(source, [...pp, 'min_size'], CODES.outOfRange, `expected min_size at most max_size (${pool.max_size}), got ${pool.min_size}`, 'Lower min_size or raise max_size.');
      }
      if (pool.desired_size !== undefined && (pool.desired_size < pool.min_size || pool.desired_size > pool.max_size)) {
        report(source, [...pp, 'desired_size'], CODES.outOfRange, `expected desired_size between ${pool.min_size} and ${pool.max_size}, got ${pool.desired_size}`, 'Set it within the pool\'s bounds or leave it out.');
      }
      const kinds = new Map<InstanceKind, string>();
      pool.instance_types.forEach((type, t) => {
        const kind = instanceKind(type);
        if (kind === 'amd-gpu') {
          report(source, [...pp, 'instance_types', t], CODES.invalidValue, `expected an instance type an EKS-optimized AL2023 image runs, got "${type}" (AMD GPUs)`,
            'Use an NVIDIA GPU family such as g5, g6 or p5.');
        } else if (!kinds.has(kind)) {
          kinds.set(kind, type);
        }
      });
      if (kinds.size > 1) {
        report(source, [...pp, 'instance_types'], CODES.inconsistent,
          `expected instance types that one node image runs, got ${[...kinds].map(([kind, type]) => `${type} (${kind})`).join(', ')}`,
          'Put instance types of different architectures or accelerators in separate node pools.');
      }
      for (const key of Object.keys(pool.labels)) {
        if (!key.startsWith(PLATFORM_LABEL_PREFIX)) continue;
        if (key === NODE_POOL_LABEL && pool.labels[key] === pool.name) continue;
        report(source, [...pp, 'labels', key], CODES.invalidValue, `expected labels outside ${PLATFORM_LABEL_PREFIX}, which the platform sets, got "${key}"`,
          `Remove the label: the platform labels each node ${NODE_POOL_LABEL}=<pool name>, and ${TENANT_LABEL}=<tenant> on a dedicated pool.`, { pointAtKey: true });
      }
      const reservedBy = owners.get(pool.name) ?? [];
      if (reservedBy.length > 1) {
        report(source, [...pp, 'name'], CODES.inconsistent, `expected a dedicated node pool reserved by one tenant, got "${pool.name}" reserved by ${reservedBy.map((t) => `"${t}"`).join(', ')}`,
          'Give each tenant that needs its own nodes a pool of its own (isolation.dedicated_node_pool).');
      }
      pool.taints.forEach((taint, t) => {
        if (!taint.key.startsWith(PLATFORM_LABEL_PREFIX)) return;
        if (taint.key !== TENANT_LABEL) {
          report(source, [...pp, 'taints', t, 'key'], CODES.invalidValue, `expected taint keys outside ${PLATFORM_LABEL_PREFIX} other than ${TENANT_LABEL}, got "${taint.key}"`,
            'Use a key of your own; the platform reserves its prefix.');
        } else if (reservedBy.length === 1 && taint.value !== reservedBy[0]) {
          report(source, [...pp, 'taints', t, 'value'], CODES.inconsistent, `expected the taint ${TENANT_LABEL} to name the tenant that reserves the pool ("${reservedBy[0]}"), got "${taint.value}"`,
            'Remove the taint (the platform adds it) or reserve the pool for that tenant.');
        }
      });
    });
  });
}
