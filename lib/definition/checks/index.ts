/**
 * Cross-file checks that run after every file passed its schema: references
 * resolve, names are unique and fit Kubernetes, zones and CIDRs are right,
 * residency, budgets, capacity and recovery objectives hold. Each check only
 * looks at the files that validated, so one broken file does not hide the
 * problems of the others.
 */
import type { Diagnostic } from '../diagnostics';
import { CODES, diagnosticAt, suggestion } from '../diagnostics';
import type { ValidFile, WorkspaceFiles } from '../loader';
import { frameworkFromName, namespaceFor } from '../resolve';
import type { OrchestrationFile } from '../schema/orchestration';
import type { TenantFile } from '../schema/tenant';
import type { SourceFile, YamlPath } from '../source';
import { formatPath } from '../source';
import { formatDuration, formatMoney, HOURS_PER } from '../units';
import { RESERVED_NAMESPACES } from '../reserved-namespaces';
import { overlaps, parseCidr } from './network';
import type { CidrRange } from './network';

/** Options of a report: its severity (default error) and whether it points at the key rather than the value. */
interface ReportOptions {
  readonly severity?: 'error' | 'warning';
  readonly pointAtKey?: boolean;
}

export { RESERVED_NAMESPACES };

/** Public, node and data subnets in every zone (see lib/mapping/network.ts). */
const SUBNET_TIERS = 3;

/** Appends to a list in a map (linear, unlike spreading the list each time). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Agents grouped by tenant, built once so per-tenant checks stay linear in the number of agents. */
function groupByTenant(agents: readonly AgentSite[]): Map<string, AgentSite[]> {
  const map = new Map<string, AgentSite[]>();
  for (const agent of agents) pushTo(map, agent.tenant, agent);
  return map;
}

type Report = (source: SourceFile, path: YamlPath, code: string, message: string, hint: string, options?: ReportOptions) => void;

/** An agent as the checks see it: where it is written and what it belongs to. */
interface AgentSite {
  readonly tenant: string;
  readonly project: string;
  readonly name: string;
  readonly source: SourceFile;
  readonly path: YamlPath;
  readonly egress?: readonly string[];
  readonly maxReplicas?: number;
  readonly cpu?: number;
}

export function checkWorkspace(files: WorkspaceFiles): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (source, path, code, message, hint, options = {}) =>
    out.push(diagnosticAt(source, path, { code, message, hint, severity: options.severity ?? 'error', pointAtKey: options.pointAtKey }));

  const agents = collectAgents(files, report);
  checkEnvironments(files, report);
  checkTenants(files, agents, report);
  checkGovernance(files, report);
  checkOrchestration(files, agents, report);
  checkCapacity(files, agents, report);
  return out;
}

/** Reports every name that appears twice in `items`, at its second occurrence. */
function unique<T>(items: readonly T[], name: (item: T) => string, at: (item: T, index: number) => [SourceFile, YamlPath], what: string, report: Report): void {
  const seen = new Map<string, [SourceFile, YamlPath]>();
  items.forEach((item, index) => {
    const key = name(item);
    const first = seen.get(key);
    const [source, path] = at(item, index);
    if (first) {
      const [firstSource, firstPath] = first;
      report(source, path, CODES.duplicateName, `expected a unique ${what} name, got "${key}" again`,
        `"${key}" is already used at ${firstSource.file} ${formatPath(firstPath)}; rename or remove one of them.`);
    } else {
      seen.set(key, [source, path]);
    }
  });
}

function collectAgents(files: WorkspaceFiles, report: Report): AgentSite[] {
  const sites: AgentSite[] = [];
  const tenantIds = new Set(files.tenants.map((t) => t.data.tenant_id));
  const perTenantProjects = new Map<string, Array<{ name: string; source: SourceFile; path: YamlPath }>>();
  const addProjects = (file: ValidFile<unknown>, tenant: string, projects: TenantFile['projects'], base: (i: number) => YamlPath) => {
    projects.forEach((project, i) => {
      const list = perTenantProjects.get(tenant) ?? [];
      list.push({ name: project.name, source: file.source, path: [...base(i), 'name'] });
      perTenantProjects.set(tenant, list);
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
        suggestion(project.data.tenant_id, [...tenantIds], 'tenant'));
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

function checkEnvironments(files: WorkspaceFiles, report: Report): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  const envs = workspace.data.environments;
  unique(envs, (e) => e.name, (_e, i) => [source, ['environments', i, 'name']], 'environment', report);
  const cidrs: Array<{ range: CidrRange; text: string; path: YamlPath }> = [];
  const governance = files.governance?.data;
  envs.forEach((env, e) => {
    const base: YamlPath = ['environments', e];
    // Advisory residency reports what it would refuse without blocking.
    const residencySeverity = typeof env.data_residency === 'object' && env.data_residency.mode === 'advisory' ? 'warning' : 'error';
    unique(env.regions, (r) => r.region, (_r, i) => [source, [...base, 'regions', i, 'region']], 'region', report);
    unique(env.cluster.node_pools, (p) => p.name, (_p, i) => [source, [...base, 'cluster', 'node_pools', i, 'name']], 'node pool', report);
    const regionNames = env.regions.map((r) => r.region);
    const allowed = typeof env.data_residency === 'string' ? regionNames : env.data_residency.allowed_regions;
    env.regions.forEach((region, r) => {
      const rp: YamlPath = [...base, 'regions', r];
      unique(region.availability_zones, (z) => z, (_z, i) => [source, [...rp, 'availability_zones', i]], 'availability zone', report);
      region.availability_zones.forEach((zone, z) => {
        if (!new RegExp(`^${region.region}[a-z]$`).test(zone)) {
          report(source, [...rp, 'availability_zones', z], CODES.zoneOutsideRegion,
            `expected an availability zone of ${region.region}, got "${zone}"`,
            `Zones of ${region.region} are named ${region.region}a, ${region.region}b, ...`);
        }
      });
      const parsed = parseCidr(region.vpc_cidr);
      if (typeof parsed === 'string') {
        const network = /the network address is (\S+)$/.exec(parsed)?.[1];
        report(source, [...rp, 'vpc_cidr'], CODES.invalidValue, `expected a valid IPv4 CIDR block, got "${region.vpc_cidr}" (${parsed})`,
          network ? `Write the network address: "${network}".` : 'Use a private network such as "10.20.0.0/16".');
      } else if (parsed.prefix < 16 || parsed.prefix > 24) {
        report(source, [...rp, 'vpc_cidr'], CODES.invalidValue, `expected a VPC CIDR with a prefix between /16 and /24, got /${parsed.prefix}`,
          'Use a prefix from /16 (65,536 addresses) to /24 (256) so every zone gets public and private subnets.');
      } else {
        for (const other of cidrs) {
          if (overlaps(parsed, other.range)) {
            report(source, [...rp, 'vpc_cidr'], CODES.cidrOverlap, `expected a CIDR that overlaps no other VPC, got "${region.vpc_cidr}" which overlaps "${other.text}"`,
              `"${other.text}" is used at ${formatPath(other.path)}; give each region of each environment its own range so they can be peered or routed.`);
          }
        }
        cidrs.push({ range: parsed, text: region.vpc_cidr, path: [...rp, 'vpc_cidr'] });
        // Three subnet tiers (public, nodes, data) in every zone must fit, each at least /28.
        const subnetPrefix = parsed.prefix + Math.ceil(Math.log2(SUBNET_TIERS * region.availability_zones.length));
        if (subnetPrefix > 28) {
          report(source, [...rp, 'vpc_cidr'], CODES.outOfRange,
            `expected a VPC CIDR large enough for ${SUBNET_TIERS} subnets in each of ${region.availability_zones.length} zones, got /${parsed.prefix} (each subnet would be /${subnetPrefix})`,
            `Use /${28 - Math.ceil(Math.log2(SUBNET_TIERS * region.availability_zones.length))} or wider, or fewer zones.`);
        } else if (subnetPrefix > 22) {
          report(source, [...rp, 'vpc_cidr'], CODES.capacityExceeded,
            `expected node subnets of /22 or wider for pod addresses, got /${subnetPrefix}`,
            'The VPC CNI gives every pod a VPC address; a wider VPC CIDR leaves room for the agents.', { severity: 'warning' });
        }
      }
      if (!allowed.includes(region.region)) {
        report(source, [...rp, 'region'], CODES.residencyViolation,
          `expected a region allowed by the data residency rule (${allowed.join(', ')}), got "${region.region}"`,
          `Add ${region.region} to data_residency.allowed_regions if the data may live there, or remove the region.`, { severity: residencySeverity });
      }
      if (region.dr_region !== undefined) {
        if (region.dr_region === region.region) {
          report(source, [...rp, 'dr_region'], CODES.invalidValue, 'expected a DR region other than the region itself', 'Pick another region of this environment.');
        } else if (!regionNames.includes(region.dr_region)) {
          report(source, [...rp, 'dr_region'], CODES.danglingReference, `expected a region of environment "${env.name}", got "${region.dr_region}"`,
            suggestion(region.dr_region, regionNames, 'region'));
        } else if (!allowed.includes(region.dr_region)) {
          report(source, [...rp, 'dr_region'], CODES.residencyViolation, `expected a DR region allowed by the data residency rule, got "${region.dr_region}"`,
            'Replicas are data too: choose a DR region inside the residency boundary.', { severity: residencySeverity });
        }
      }
    });
    if (typeof env.data_residency === 'object') {
      env.data_residency.allowed_regions.forEach((r, i) => {
        if (!regionNames.includes(r)) {
          report(source, [...base, 'data_residency', 'allowed_regions', i], CODES.inconsistent,
            `expected allowed regions to be regions of the environment, got "${r}"`, 'Allowed regions outside the environment only widen the guardrail; remove it or add the region.', { severity: 'warning' });
        }
      });
    }
    const dr = env.disaster_recovery;
    if (typeof dr === 'object' && 'backup_retention' in dr && dr.backup_frequency !== undefined && dr.backup_frequency > dr.rpo) {
      report(source, [...base, 'disaster_recovery', 'backup_frequency'], CODES.recoveryObjective,
        `expected backups at least as often as the RPO (${formatDuration(dr.rpo)}), got every ${formatDuration(dr.backup_frequency)}`,
        `Back up every ${formatDuration(dr.rpo)} or less, or relax the RPO.`);
    }
    if (dr.rpo > dr.rto) {
      report(source, [...base, 'disaster_recovery'], CODES.recoveryObjective, `expected an RPO no longer than the RTO, got RPO ${formatDuration(dr.rpo)} and RTO ${formatDuration(dr.rto)}`,
        'Check that RTO and RPO are not swapped.', { severity: 'warning' });
    }
    if (env.failover === 'automatic' && env.regions.length < 2) {
      report(source, [...base, 'failover'], CODES.inconsistent, 'expected at least two regions for automatic failover, got one',
        'Add a second region or set failover: manual.');
    }
    const access = env.cluster.endpoint_access;
    if (access.public && access.allow_list.length === 0) {
      report(source, [...base, 'cluster', 'endpoint_access', 'allow_list'], CODES.missingKey, 'expected an allow-list for a public API endpoint, got none',
        'List the CIDRs that may reach the API, or set public: false.');
    }
    access.allow_list.forEach((c, i) => {
      const parsed = parseCidr(c);
      if (typeof parsed === 'string') {
        report(source, [...base, 'cluster', 'endpoint_access', 'allow_list', i], CODES.invalidValue, `expected a valid CIDR, got "${c}" (${parsed})`, 'Write a network address like "203.0.113.0/24".');
      } else if (parsed.prefix === 0) {
        report(source, [...base, 'cluster', 'endpoint_access', 'allow_list', i], CODES.invalidValue, `expected a restricted allow-list, got "${c}"`,
          'Allowing the whole internet is the same as no allow-list; list your corporate ranges.');
      }
    });
    env.cluster.node_pools.forEach((pool, p) => {
      const pp: YamlPath = [...base, 'cluster', 'node_pools', p];
      if (pool.min_size > pool.max_size) {
        report(source, [...pp, 'min_size'], CODES.outOfRange, `expected min_size at most max_size (${pool.max_size}), got ${pool.min_size}`, 'Lower min_size or raise max_size.');
      }
      if (pool.desired_size !== undefined && (pool.desired_size < pool.min_size || pool.desired_size > pool.max_size)) {
        report(source, [...pp, 'desired_size'], CODES.outOfRange, `expected desired_size between ${pool.min_size} and ${pool.max_size}, got ${pool.desired_size}`, 'Set it within the pool\'s bounds or leave it out.');
      }
    });
    const budget = env.budgets;
    if (budget?.daily && budget.monthly && budget.daily.cents > budget.monthly.cents) {
      report(source, [...base, 'budgets', 'daily'], CODES.budgetExceeded, `expected a daily budget no larger than the monthly one (${formatMoney(budget.monthly)}), got ${formatMoney(budget.daily)}`, 'Check the two amounts.');
    }
    // Team budgets apply in every environment, so they must fit each environment's monthly budget.
    if (governance && (budget?.monthly || budget?.per_team)) {
      const monthly = budget.monthly ?? governance.budgets.monthly;
      const perTeam = budget.per_team ?? governance.budgets.per_team;
      const total = Object.values(perTeam).reduce((sum, m) => sum + m.cents, 0);
      if (total > monthly.cents) {
        report(source, [...base, 'budgets', budget.per_team ? 'per_team' : 'monthly'], CODES.budgetExceeded,
          `expected the team budgets of ${env.name} (${formatMoney(total)}) to fit its monthly budget, got ${formatMoney(monthly)}`,
          'Give the environment its own budgets.per_team, or raise its monthly budget.');
      }
      if (budget.per_team) {
        for (const team of Object.keys(budget.per_team)) {
          if (!(team in governance.budgets.per_team)) {
            report(source, [...base, 'budgets', 'per_team', team], CODES.danglingReference, `expected a team of governance.yml budgets.per_team, got "${team}"`,
              suggestion(team, Object.keys(governance.budgets.per_team), 'team'));
          }
        }
      }
    }
  });
}

function checkTenants(files: WorkspaceFiles, agents: readonly AgentSite[], report: Report): void {
  const agentsByTenant = groupByTenant(agents);
  unique(files.tenants, (t) => t.data.tenant_id, (t) => [t.source, ['tenant_id']], 'tenant', report);
  const workspace = files.workspace?.data;
  const governance = files.governance?.data;
  const context = files.context?.data;
  const envNames = workspace?.environments.map((e) => e.name) ?? [];
  const teams = governance ? Object.keys(governance.budgets.per_team) : undefined;
  const roles = governance ? Object.keys(governance.roles) : undefined;
  const enabled = governance ? Object.entries(governance.compliance.frameworks).filter(([, f]) => f?.enabled).map(([id]) => id) : undefined;
  for (const { source, data: tenant } of files.tenants) {
    if (workspace) {
      (tenant.environments ?? []).forEach((env, i) => {
        if (!envNames.includes(env)) {
          report(source, ['environments', i], CODES.danglingReference, `expected an environment of workspace.yml, got "${env}"`, suggestion(env, envNames, 'environment'));
        }
      });
      const tenantEnvs = workspace.environments.filter((e) => !tenant.environments || tenant.environments.includes(e.name));
      (tenant.regions ?? []).forEach((region, i) => {
        const hosting = tenantEnvs.filter((e) => e.regions.some((r) => r.region === region));
        if (hosting.length === 0) {
          const all = [...new Set(tenantEnvs.flatMap((e) => e.regions.map((r) => r.region)))];
          report(source, ['regions', i], CODES.danglingReference, `expected a region of the tenant's environments, got "${region}"`, suggestion(region, all, 'region'));
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
            suggestion(pool, pools, 'node pool'));
        }
      }
    }
    if (teams && !teams.includes(tenant.team)) {
      report(source, ['team'], CODES.danglingReference, `expected a team with a budget in governance.yml budgets.per_team, got "${tenant.team}"`, suggestion(tenant.team, teams, 'team'));
    }
    if (roles) {
      Object.keys(tenant.roles).forEach((role) => {
        if (!roles.includes(role)) {
          report(source, ['roles', role], CODES.danglingReference, `expected a role of governance.yml, got "${role}"`, suggestion(role, roles, 'role'), { pointAtKey: true });
        }
      });
    }
    (tenant.compliance_requirements ?? []).forEach((name, i) => {
      const id = frameworkFromName(name);
      if (!id) {
        report(source, ['compliance_requirements', i], CODES.danglingReference, `expected a compliance framework, got "${name}"`,
          suggestion(name, ['GDPR', 'SOX', 'HIPAA', 'ISO27001', 'ISO42001', 'NIST-AI-RMF', 'EU-AI-ACT'], 'framework'));
      } else if (enabled && !enabled.includes(id)) {
        report(source, ['compliance_requirements', i], CODES.inconsistent, `expected a framework enabled in governance.yml, got "${name}"`,
          `Enable ${id} under compliance.frameworks, or drop the requirement.`);
      }
    });
    if (tenant.isolation.namespace_per_project) {
      // Projects of project files join the tenant's namespaces too.
      const extra = files.projects.filter((p) => p.data.tenant_id === tenant.tenant_id).map((p) => p.data.project);
      for (const project of [...tenant.projects, ...extra]) {
        const namespace = namespaceFor(tenant.tenant_id, project.name, true);
        if (namespace.length > 63) {
          report(source, ['isolation', 'namespace_per_project'], CODES.nameTooLong,
            `expected namespace names of at most 63 characters, got "${namespace}" (${namespace.length}) for project "${project.name}"`,
            'Shorten the tenant or project name, or keep one namespace for the tenant (namespace_per_project: false).');
        }
      }
    }
  }
  // Every tenant namespace must be unique across tenants and must not take a namespace the platform owns.
  const namespaceOwners = new Map<string, string>();
  for (const { source, data: tenant } of files.tenants) {
    const extra = files.projects.filter((p) => p.data.tenant_id === tenant.tenant_id).map((p) => p.data.project);
    const namespaces = tenant.isolation.namespace_per_project
      ? [...tenant.projects, ...extra].map((p) => namespaceFor(tenant.tenant_id, p.name, true))
      : [tenant.tenant_id];
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
  // Agent count within each tenant's max_agents, and egress names that resolve.
  const limitDefault = context?.defaults.tenant.resource_limits.max_agents;
  const endpointNames = new Set(Object.keys(context?.endpoints ?? {}));
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
    if (context) {
      const names = new Set([...endpointNames, ...Object.keys(tenant.endpoints)]);
      for (const agent of own) {
        (agent.egress ?? []).forEach((name, i) => {
          if (!names.has(name)) {
            report(agent.source, [...agent.path, 'egress', i], CODES.danglingReference, `expected an egress endpoint of context.yml or the tenant, got "${name}"`, suggestion(name, [...names], 'endpoint'));
          }
        });
      }
    }
  }
  if (context) {
    context.defaults.agent.egress.forEach((name, i) => {
      if (!endpointNames.has(name)) {
        report(files.context!.source, ['defaults', 'agent', 'egress', i], CODES.danglingReference, `expected an endpoint of context.yml endpoints, got "${name}"`, suggestion(name, [...endpointNames], 'endpoint'));
      }
    });
  }
}

function checkGovernance(files: WorkspaceFiles, report: Report): void {
  const governance = files.governance;
  if (!governance) return;
  const { source, data } = governance;
  const roles = Object.keys(data.roles);
  const permissions = Object.keys(data.permissions);
  const role = (name: string, path: YamlPath, what: string) => {
    if (!roles.includes(name)) report(source, path, CODES.danglingReference, `expected ${what} to name a role declared under roles, got "${name}"`, suggestion(name, roles, 'role'));
  };
  for (const [name, r] of Object.entries(data.roles)) {
    r.permissions.forEach((p, i) => {
      if (!permissions.includes(p)) {
        report(source, ['roles', name, 'permissions', i], CODES.danglingReference, `expected a permission declared under permissions, got "${p}"`, suggestion(p, permissions, 'permission'));
      }
    });
    if (r.reports_to !== undefined) role(r.reports_to, ['roles', name, 'reports_to'], 'reports_to');
  }
  // The hierarchy must be a tree: following reports_to never comes back.
  for (const name of roles) {
    const seen = new Set<string>([name]);
    let current = data.roles[name]?.reports_to;
    while (current !== undefined && data.roles[current]) {
      if (seen.has(current)) {
        report(source, ['roles', name, 'reports_to'], CODES.inconsistent, `expected a role hierarchy without cycles, got a cycle through "${name}"`, 'Make one role of the cycle a root (no reports_to).');
        break;
      }
      seen.add(current);
      current = data.roles[current]?.reports_to;
    }
  }
  for (const [name, wf] of Object.entries(data.approval_workflows)) {
    unique(wf.stages, (s) => s.stage, (_s, i) => [source, ['approval_workflows', name, 'stages', i, 'stage']], 'stage', report);
    wf.stages.forEach((stage, i) => {
      stage.approvers.forEach((a, j) => role(a, ['approval_workflows', name, 'stages', i, 'approvers', j], 'an approver'));
      if (stage.escalate_to !== undefined) role(stage.escalate_to, ['approval_workflows', name, 'stages', i, 'escalate_to'], 'escalate_to');
    });
    wf.emergency_bypass.approvers.forEach((a, j) => role(a, ['approval_workflows', name, 'emergency_bypass', 'approvers', j], 'an approver'));
    if (wf.emergency_bypass.allowed && wf.emergency_bypass.approvers.length === 0) {
      report(source, ['approval_workflows', name, 'emergency_bypass'], CODES.missingKey, 'expected approvers for an allowed emergency bypass, got none', 'List the roles that may approve a bypass.');
    }
  }
  for (const level of ['low_risk', 'medium_risk', 'high_risk'] as const) {
    data.change_management.approval_matrix[level].forEach((a, j) => role(a, ['change_management', 'approval_matrix', level, j], 'an approver'));
  }
  const { budgets } = data;
  const teamTotal = Object.values(budgets.per_team).reduce((sum, m) => sum + m.cents, 0);
  for (const [team, money] of Object.entries(budgets.per_team)) {
    if (money.cents > budgets.monthly.cents) {
      report(source, ['budgets', 'per_team', team], CODES.budgetExceeded, `expected a team budget within the monthly budget (${formatMoney(budgets.monthly)}), got ${formatMoney(money)}`, 'Lower the team budget or raise the monthly budget.');
    }
  }
  if (teamTotal > budgets.monthly.cents) {
    report(source, ['budgets', 'per_team'], CODES.budgetExceeded, `expected per-team budgets to add up to at most the monthly budget (${formatMoney(budgets.monthly)}), got ${formatMoney(teamTotal)}`,
      'Lower some team budgets or raise budgets.monthly.');
  }
  if (budgets.daily.cents > budgets.monthly.cents) {
    report(source, ['budgets', 'daily'], CODES.budgetExceeded, `expected a daily budget no larger than the monthly one (${formatMoney(budgets.monthly)}), got ${formatMoney(budgets.daily)}`, 'Check the two amounts.');
  }
  if (files.context) {
    const retention = files.context.data.defaults.tenant.security_policies.data_retention;
    if (data.audit.retention < retention) {
      report(source, ['audit', 'retention'], CODES.inconsistent, `expected audit retention at least the tenants' data retention (${formatDuration(retention)}), got ${formatDuration(data.audit.retention)}`,
        'Keep audit records at least as long as the data they describe.', { severity: 'warning' });
    }
  }
}

/** Resolves `tenant/agent` or a bare name; reports missing and ambiguous references. */
function checkOrchestration(files: WorkspaceFiles, agents: readonly AgentSite[], report: Report): void {
  const orchestration = files.orchestration;
  if (!orchestration) return;
  const { source, data } = orchestration;
  const qualified = new Set(agents.map((a) => `${a.tenant}/${a.name}`));
  const byName = new Map<string, string[]>();
  for (const a of agents) pushTo(byName, a.name, a.tenant);
  const ref = (value: string, path: YamlPath) => {
    if (value.includes('/')) {
      if (!qualified.has(value) && !files.incomplete) {
        report(source, path, CODES.danglingReference, `expected an agent declared under tenants/, got "${value}"`, suggestion(value, [...qualified], 'agent'));
      }
      return;
    }
    const owners = byName.get(value);
    if (!owners) {
      if (!files.incomplete) report(source, path, CODES.danglingReference, `expected an agent declared under tenants/, got "${value}"`, suggestion(value, [...byName.keys()], 'agent'));
    } else if (owners.length > 1) {
      report(source, path, CODES.ambiguousReference, `expected an agent name that only one tenant uses, got "${value}" (tenants ${owners.join(', ')})`,
        `Qualify it: "${owners[0]}/${value}".`);
    }
  };
  const patterns = data.orchestration_patterns;
  const all: Array<{ name: string; path: YamlPath }> = [];
  const kinds = Object.keys(patterns) as Array<keyof OrchestrationFile['orchestration_patterns']>;
  for (const kind of kinds) patterns[kind].forEach((p, i) => all.push({ name: p.name, path: ['orchestration_patterns', kind, i, 'name'] }));
  unique(all, (p) => p.name, (p) => [source, p.path], 'pattern', report);
  const base = (kind: string, i: number): YamlPath => ['orchestration_patterns', kind, i];
  patterns.sequential.forEach((p, i) => p.steps.forEach((s, j) => ref(s.agent, [...base('sequential', i), 'steps', j, 'agent'])));
  patterns.parallel.forEach((p, i) => p.groups.forEach((g, j) => g.agents.forEach((a, k) => ref(a, [...base('parallel', i), 'groups', j, 'agents', k]))));
  patterns.fanout.forEach((p, i) => {
    ref(p.agent, [...base('fanout', i), 'agent']);
    if (typeof p.target === 'object') {
      const tenants = files.tenants.map((t) => t.data.tenant_id);
      p.target.tenants.forEach((t, j) => {
        if (!tenants.includes(t) && !files.incomplete) report(source, [...base('fanout', i), 'target', 'tenants', j], CODES.danglingReference, `expected a tenant id, got "${t}"`, suggestion(t, tenants, 'tenant'));
      });
    }
  });
  patterns.pipeline.forEach((p, i) => p.stages.forEach((s, j) => ref(s.agent, [...base('pipeline', i), 'stages', j, 'agent'])));
  patterns.mapreduce.forEach((p, i) => {
    ref(p.mapper, [...base('mapreduce', i), 'mapper']);
    ref(p.reducer, [...base('mapreduce', i), 'reducer']);
  });
  patterns.circuit_breaker.forEach((p, i) => {
    ref(p.agent, [...base('circuit_breaker', i), 'agent']);
    if (p.fallback) ref(p.fallback, [...base('circuit_breaker', i), 'fallback']);
  });
}

/**
 * Warns when the tenants of an environment could ask for more CPU than its
 * clusters can ever have: quotas are promises, and promises beyond capacity
 * turn into pending pods.
 */
function checkCapacity(files: WorkspaceFiles, agents: readonly AgentSite[], report: Report): void {
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
