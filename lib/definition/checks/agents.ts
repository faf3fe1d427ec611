/**
 * The agents of every tenant and project file, as the other checks read them;
 * and the rules about where they are declared: a project file's tenant exists,
 * project names are unique within a tenant, agent names within a tenant.
 */
import { CODES } from '../diagnostics';
import type { ValidFile, WorkspaceFiles } from '../files';
import type { TenantFile } from '../schema/tenant';
import type { SourceFile, YamlPath } from '../source';
import type { AgentSite, CheckContext } from './report';
import { pushTo, unique } from './report';

export function collectAgents(files: WorkspaceFiles, { report, suggest }: CheckContext): AgentSite[] {
  const sites: AgentSite[] = [];
  const tenantIds = new Set(files.tenants.map((t) => t.data.tenant_id));
  const perTenantProjects = new Map<string, Array<{ name: string; source: SourceFile; path: YamlPath }>>();
  const addProjects = (file: ValidFile<unknown>, tenant: string, projects: TenantFile['projects'], base: (i: number) => YamlPath) => {
    projects.forEach((project, i) => {
      pushTo(perTenantProjects, tenant, { name: project.name, source: file.source, path: [...base(i), 'name'] });
      project.agents.forEach((agent, j) => {
        sites.push({
          tenant, project: project.name, name: agent.name, source: file.source, path: [...base(i), 'agents', j],
          ...(agent.egress ? { egress: agent.egress } : {}),
          ...(agent.replicas ? { maxReplicas: agent.replicas.max } : {}),
          ...(agent.resources ? { cpu: agent.resources.cpu } : {}),
        });
      });
    });
  };
  for (const tenant of files.tenants) addProjects(tenant, tenant.data.tenant_id, tenant.data.projects, (i) => ['projects', i]);
  for (const project of files.projects) {
    if (!tenantIds.has(project.data.tenant_id) && !files.incomplete) {
      report(project.source, ['tenant_id'], CODES.danglingReference, `expected the id of a tenant declared under tenants/, got "${project.data.tenant_id}"`,
        suggest(project.data.tenant_id, [...tenantIds], 'tenant'));
    }
    addProjects(project, project.data.tenant_id, [project.data.project], () => ['project']);
  }
  for (const [, projects] of perTenantProjects) {
    unique(projects, (p) => p.name, (p) => [p.source, p.path], 'project', report);
  }
  const byTenant = new Map<string, AgentSite[]>();
  for (const site of sites) pushTo(byTenant, site.tenant, site);
  for (const [, list] of byTenant) unique(list, (a) => a.name, (a) => [a.source, [...a.path, 'name']], 'agent', report);
  return sites;
}
