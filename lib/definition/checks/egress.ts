/** Egress names, of every agent and of the context defaults: endpoints of context.yml or the agent's tenant. */
import { CODES, suggestion } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { AgentSite, Report } from './report';
import { groupByTenant } from './report';

export function checkEgress(files: WorkspaceFiles, agents: readonly AgentSite[], report: Report): void {
  const context = files.context;
  if (!context) return;
  const agentsByTenant = groupByTenant(agents);
  const endpointNames = new Set(Object.keys(context.data.endpoints));
  for (const { data: tenant } of files.tenants) {
    const names = new Set([...endpointNames, ...Object.keys(tenant.endpoints)]);
    for (const agent of agentsByTenant.get(tenant.tenant_id) ?? []) {
      (agent.egress ?? []).forEach((name, i) => {
        if (!names.has(name)) {
          report(agent.source, [...agent.path, 'egress', i], CODES.danglingReference, `expected an egress endpoint of context.yml or the tenant, got "${name}"`, suggestion(name, [...names], 'endpoint'));
        }
      });
    }
  }
  context.data.defaults.agent.egress.forEach((name, i) => {
    if (!endpointNames.has(name)) {
      report(context.source, ['defaults', 'agent', 'egress', i], CODES.danglingReference, `expected an endpoint of context.yml endpoints, got "${name}"`, suggestion(name, [...endpointNames], 'endpoint'));
    }
  });
}
