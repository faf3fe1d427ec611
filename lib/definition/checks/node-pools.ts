/** The node pools of each cluster: unique names, and sizes within their bounds. */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import type { Report } from './report';
import { unique } from './report';

export function checkNodePools(files: WorkspaceFiles, report: Report): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  workspace.data.environments.forEach((env, e) => {
    const base: YamlPath = ['environments', e, 'cluster', 'node_pools'];
    unique(env.cluster.node_pools, (p) => p.name, (_p, i) => [source, [...base, i, 'name']], 'node pool', report);
    env.cluster.node_pools.forEach((pool, p) => {
      const pp: YamlPath = [...base, p];
      if (pool.min_size > pool.max_size) {
        report(source, [...pp, 'min_size'], CODES.outOfRange, `expected min_size at most max_size (${pool.max_size}), got ${pool.min_size}`, 'Lower min_size or raise max_size.');
      }
      if (pool.desired_size !== undefined && (pool.desired_size < pool.min_size || pool.desired_size > pool.max_size)) {
        report(source, [...pp, 'desired_size'], CODES.outOfRange, `expected desired_size between ${pool.min_size} and ${pool.max_size}, got ${pool.desired_size}`, 'Set it within the pool\'s bounds or leave it out.');
      }
    });
  });
}
