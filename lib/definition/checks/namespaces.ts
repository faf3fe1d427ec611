/**
 * The namespaces tenants render: at most 63 characters with one per project,
 * none the platform owns, and none two tenants share (a tenant "a-b" and
 * project "b" of a tenant "a" that splits namespaces per project).
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import { namespaceFor } from '../naming';
import { RESERVED_NAMESPACES } from '../reserved-namespaces';
import type { CheckContext } from './report';

/** The namespaces each tenant renders, by namespace: its id, or one per project (with the projects of project files). */
export function namespaceOwners(files: WorkspaceFiles): Map<string, string> {
  const projectsOf = new Map<string, string[]>();
  for (const p of files.projects) projectsOf.set(p.data.tenant_id, [...(projectsOf.get(p.data.tenant_id) ?? []), p.data.project.name]);
  const owners = new Map<string, string>();
  for (const { data: tenant } of files.tenants) {
    const names = tenant.isolation.namespace_per_project
      ? [...tenant.projects.map((p) => p.name), ...(projectsOf.get(tenant.tenant_id) ?? [])].map((p) => namespaceFor(tenant.tenant_id, p, true))
      : [tenant.tenant_id];
    for (const namespace of names) if (!owners.has(namespace)) owners.set(namespace, tenant.tenant_id);
  }
  return owners;
}

export function checkNamespaces(files: WorkspaceFiles, { report }: CheckContext): void {
  const namespaceOwners = new Map<string, string>();
  for (const { source, data: tenant } of files.tenants) {
    // Projects of project files join the tenant's namespaces too.
    const extra = files.projects.filter((p) => p.data.tenant_id === tenant.tenant_id).map((p) => p.data.project);
    const projects = [...tenant.projects, ...extra];
    if (tenant.isolation.namespace_per_project) {
      for (const project of projects) {
        const namespace = namespaceFor(tenant.tenant_id, project.name, true);
        if (namespace.length > 63) {
          report(source, ['isolation', 'namespace_per_project'], CODES.nameTooLong,
            `expected namespace names of at most 63 characters, got "${namespace}" (${namespace.length}) for project "${project.name}"`,
            'Shorten the tenant or project name, or keep one namespace for the tenant (namespace_per_project: false).');
        }
      }
    }
    const namespaces = tenant.isolation.namespace_per_project ? projects.map((p) => namespaceFor(tenant.tenant_id, p.name, true)) : [tenant.tenant_id];
    for (const namespace of namespaces) {
      if (RESERVED_NAMESPACES.includes(namespace)) {
        report(source, ['tenant_id'], CODES.duplicateName, `expected a namespace the platform does not own, got "${namespace}"`,
          `${RESERVED_NAMESPACES.join(', ')} are reserved; rename the tenant or project.`);
      }
      const owner = namespaceOwners.get(namespace);
      if (owner !== undefined && owner !== tenant.tenant_id) {
        report(source, ['tenant_id'], CODES.duplicateName, `expected namespaces no other tenant uses, got "${namespace}", which tenant "${owner}" also renders`,
          'A tenant "a-b" collides with project "b" of tenant "a" when that tenant splits namespaces per project; rename one of them.');
      }
      namespaceOwners.set(namespace, tenant.tenant_id);
    }
  }
}
