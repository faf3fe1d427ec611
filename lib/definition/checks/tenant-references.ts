/**
 * What a tenant file names elsewhere: unique tenant ids, environments and
 * regions of workspace.yml (within their residency), a node pool every one of
 * its environments has, a budgeted team, governance roles bound only to the
 * tenant's own groups, and compliance frameworks that exist and are enabled
 * (the context defaults' too, which every tenant inherits).
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import { frameworkFromName } from '../naming';
import { tenantGroupPrefix } from '../platform-names';
import type { SourceFile, YamlPath } from '../source';
import type { CheckContext } from './report';
import { unique } from './report';

/** How tenants may name frameworks, for "did you mean". */
const FRAMEWORK_NAMES = ['GDPR', 'SOX', 'HIPAA', 'ISO27001', 'ISO42001', 'NIST-AI-RMF', 'EU-AI-ACT'];

export function checkTenantReferences(files: WorkspaceFiles, { report, suggest }: CheckContext): void {
  unique(files.tenants, (t) => t.data.tenant_id, (t) => [t.source, ['tenant_id']], 'tenant', report);
  const workspace = files.workspace?.data;
  const governance = files.governance?.data;
  // Sets, so a workspace with thousands of names stays linear.
  const envNames = workspace?.environments.map((e) => e.name) ?? [];
  const envSet = new Set(envNames);
  const teams = governance ? Object.keys(governance.budgets.per_team) : undefined;
  const teamSet = new Set(teams);
  const roles = governance ? Object.keys(governance.roles) : undefined;
  const roleSet = new Set(roles);
  const enabled = governance ? new Set(Object.entries(governance.compliance.frameworks).filter(([, f]) => f?.enabled).map(([id]) => id)) : undefined;
  const checkRequirements = (source: SourceFile, base: YamlPath, names: readonly string[]) => names.forEach((name, i) => {
    const id = frameworkFromName(name);
    if (!id) {
      report(source, [...base, i], CODES.danglingReference, `expected a compliance framework, got "${name}"`, suggest(name, FRAMEWORK_NAMES, 'framework'));
    } else if (enabled && !enabled.has(id)) {
      report(source, [...base, i], CODES.inconsistent, `expected a framework enabled in governance.yml, got "${name}"`,
        `Enable ${id} under compliance.frameworks, or drop the requirement.`);
    }
  });
  if (files.context) {
    checkRequirements(files.context.source, ['defaults', 'tenant', 'compliance_requirements'], files.context.data.defaults.tenant.compliance_requirements);
  }
  for (const { source, data: tenant } of files.tenants) {
    if (workspace) {
      (tenant.environments ?? []).forEach((env, i) => {
        if (!envSet.has(env)) {
          report(source, ['environments', i], CODES.danglingReference, `expected an environment of workspace.yml, got "${env}"`, suggest(env, envNames, 'environment'));
        }
      });
      const tenantEnvs = workspace.environments.filter((e) => !tenant.environments || tenant.environments.includes(e.name));
      (tenant.regions ?? []).forEach((region, i) => {
        const hosting = tenantEnvs.filter((e) => e.regions.some((r) => r.region === region));
        if (hosting.length === 0) {
          const all = [...new Set(tenantEnvs.flatMap((e) => e.regions.map((r) => r.region)))];
          report(source, ['regions', i], CODES.danglingReference, `expected a region of the tenant's environments, got "${region}"`, suggest(region, all, 'region'));
        }
        for (const env of hosting) {
          const allowed = typeof env.data_residency === 'string' ? env.regions.map((r) => r.region) : env.data_residency.allowed_regions;
          if (!allowed.includes(region)) {
            report(source, ['regions', i], CODES.residencyViolation, `expected a region allowed by ${env.name}'s data residency, got "${region}"`, 'Remove the region from the tenant.');
          }
        }
      });
      const pool = tenant.isolation.dedicated_node_pool;
      if (pool) {
        const lacking = tenantEnvs.filter((env) => !env.cluster.node_pools.some((p) => p.name === pool));
        if (lacking.length > 0) {
          const pools = [...new Set(lacking.flatMap((env) => env.cluster.node_pools.map((p) => p.name)))];
          report(source, ['isolation', 'dedicated_node_pool'], CODES.danglingReference,
            `expected a node pool of ${lacking.length === 1 ? 'environment' : 'environments'} ${lacking.map((e) => `"${e.name}"`).join(', ')}, got "${pool}"`,
            suggest(pool, pools, 'node pool'));
        }
      }
    }
    if (teams && !teamSet.has(tenant.team)) {
      report(source, ['team'], CODES.danglingReference, `expected a team with a budget in governance.yml budgets.per_team, got "${tenant.team}"`, suggest(tenant.team, teams, 'team'));
    }
    if (roles) {
      Object.keys(tenant.roles).forEach((role) => {
        if (!roleSet.has(role)) {
          report(source, ['roles', role], CODES.danglingReference, `expected a role of governance.yml, got "${role}"`, suggest(role, roles, 'role'), { pointAtKey: true });
        }
      });
    }
    // A tenant's roles grant rights in its namespaces: only groups of its own may receive them.
    const prefix = tenantGroupPrefix(tenant.tenant_id);
    for (const [role, groups] of Object.entries(tenant.roles)) {
      groups.forEach((group, i) => {
        if (!group.startsWith(prefix) || group.length === prefix.length) {
          const what = group.startsWith('system:') ? `"${group}", a group Kubernetes gives ${group === 'system:masters' ? 'cluster administrators' : 'every user or service account it names'}` : `"${group}"`;
          report(source, ['roles', role, i], CODES.invalidValue, `expected a group of the tenant's own, starting with "${prefix}", got ${what}`,
            `Name the group "${prefix}<name>" and map your people to it (roles' sso_permission_set, or your identity provider); a group outside the tenant would grant its rights to others.`);
        }
      });
    }
    checkRequirements(source, ['compliance_requirements'], tenant.compliance_requirements ?? []);
  }
}
