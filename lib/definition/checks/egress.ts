/**
 * Egress, of every agent and of the context defaults: names of endpoints of
 * context.yml or the agent's tenant; and a tenant's own endpoint reaches
 * another tenant's namespace only where that tenant opened it (a shared
 * endpoint of context.yml in it), as the isolation check of the rendered
 * manifests requires.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import { namespaceOwners } from './namespaces';
import type { AgentSite, CheckContext } from './report';
import { groupByTenant } from './report';

export function checkEgress(files: WorkspaceFiles, agents: readonly AgentSite[], { report, suggest }: CheckContext): void {
  const context = files.context;
  if (!context) return;
  const agentsByTenant = groupByTenant(agents);
  const endpointNames = new Set(Object.keys(context.data.endpoints));
  for (const { data: tenant } of files.tenants) {
    const names = new Set([...endpointNames, ...Object.keys(tenant.endpoints)]);
    for (const agent of agentsByTenant.get(tenant.tenant_id) ?? []) {
      (agent.egress ?? []).forEach((name, i) => {
        if (!names.has(name)) {
          report(agent.source, [...agent.path, 'egress', i], CODES.danglingReference, `expected an egress endpoint of context.yml or the tenant, got "${name}"`, suggest(name, [...names], 'endpoint'));
        }
      });
    }
  }
  context.data.defaults.agent.egress.forEach((name, i) => {
    if (!endpointNames.has(name)) {
      report(context.source, ['defaults', 'agent', 'egress', i], CODES.danglingReference, `expected an endpoint of context.yml endpoints, got "${name}"`, suggest(name, [...endpointNames], 'endpoint'));
    }
  });
  const owners = namespaceOwners(files);
  const opened = new Set(Object.values(context.data.endpoints).flatMap((e) => ('namespace' in e ? [e.namespace] : [])));
  for (const { source, data: tenant } of files.tenants) {
    for (const [name, endpoint] of Object.entries(tenant.endpoints)) {
      if (!('namespace' in endpoint)) continue;
      const owner = owners.get(endpoint.namespace);
      if (owner === undefined || owner === tenant.tenant_id || opened.has(endpoint.namespace)) continue;
      report(source, ['endpoints', name, 'namespace'], CODES.inconsistent,
        `expected a namespace of this tenant or one another tenant opened to others, got "${endpoint.namespace}" of tenant "${owner}"`,
        `Tenants are isolated: to share a service of "${owner}", declare it as an endpoint in context.yml (which opens its namespace to the agents that name it).`);
    }
  }
}
