/** Capacity: what the tenants of an environment may ask for against what its clusters can run. */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import { HOURS_PER } from '../units';
import type { AgentSite, CheckContext } from './report';
import { groupByTenant } from './report';

/**
 * Warns when the tenants of an environment could ask for more CPU than its
 * clusters can ever have: quotas are promises, and promises beyond capacity
 * turn into pending pods.
 */
export function checkCapacity(files: WorkspaceFiles, agents: readonly AgentSite[], { report }: CheckContext): void {
  const agentsByTenant = groupByTenant(agents);
  const workspace = files.workspace;
  const context = files.context?.data;
  if (!workspace || !context) return;
  const defaults = context.defaults;
  workspace.data.environments.forEach((env, e) => {
    const capacityMillis = env.cluster.node_pools.reduce((sum, p) => sum + p.max_size * p.vcpu_per_node * 1000, 0);
    const tenants = files.tenants.filter((t) => !t.data.environments || t.data.environments.includes(env.name));
    let requested = 0;
    let quotaHours = 0;
    for (const tenant of tenants) {
      for (const agent of agentsByTenant.get(tenant.data.tenant_id) ?? []) {
        requested += (agent.maxReplicas ?? defaults.agent.replicas.max) * (agent.cpu ?? defaults.agent.resources.cpu);
      }
      const quota = tenant.data.resource_limits?.compute_quota ?? defaults.tenant.resource_limits.compute_quota;
      quotaHours += quota.amount / HOURS_PER[quota.per];
    }
    if (requested > capacityMillis) {
      report(workspace.source, ['environments', e, 'cluster', 'node_pools'], CODES.capacityExceeded,
        `expected node pools that can hold every agent at its maximum replicas (${Math.ceil(requested / 1000)} vCPU), got ${capacityMillis / 1000} vCPU per region`,
        'Raise max_size of a node pool or lower agent replicas; agents beyond capacity stay pending.', { severity: 'warning' });
    }
    if (quotaHours * 1000 > capacityMillis) {
      report(workspace.source, ['environments', e, 'cluster', 'node_pools'], CODES.capacityExceeded,
        `expected tenant compute quotas within cluster capacity (${capacityMillis / 1000} vCPU), got quotas averaging ${Math.ceil(quotaHours)} vCPU`,
        'Tenant quotas add up to more than the clusters can run; raise node pool sizes or lower compute_quota.', { severity: 'warning' });
    }
  });
}
