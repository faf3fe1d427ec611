/** How many agents each tenant has: at most its max_agents, or the context default. */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { AgentSite, CheckContext } from './report';
import { groupByTenant } from './report';

export function checkAgentLimits(files: WorkspaceFiles, agents: readonly AgentSite[], { report }: CheckContext): void {
  const agentsByTenant = groupByTenant(agents);
  const limitDefault = files.context?.data.defaults.tenant.resource_limits.max_agents;
  for (const { source, data: tenant } of files.tenants) {
    const own = agentsByTenant.get(tenant.tenant_id) ?? [];
    const limit = tenant.resource_limits?.max_agents ?? limitDefault;
    if (limit !== undefined && own.length > limit) {
      const ownLimit = tenant.resource_limits?.max_agents !== undefined;
      report(source, ownLimit ? ['resource_limits', 'max_agents'] : ['tenant_id'], CODES.agentLimit,
        `expected at most ${limit} agent${limit === 1 ? '' : 's'} (resource_limits.max_agents${ownLimit ? '' : ' from context.yml defaults'}), got ${own.length}`,
        ownLimit
          ? 'Raise resource_limits.max_agents or move agents to another tenant.'
          : 'Set resource_limits.max_agents in this tenant (or raise the default in context.yml), or move agents to another tenant.');
    }
  }
}
