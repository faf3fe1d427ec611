/**
 * Turns validated files into the resolved model: defaults from context.yml,
 * then the tenant, then the agent; units already parsed by the schema; lists
 * sorted by name so the order of files and entries never changes the output.
 */
import type { ValidFile } from './files';
import type { AgentModel, EnvironmentModel, NodePoolModel, ProjectModel, TenantModel, WorkspaceModel } from './model';
import { resolveBudgets, resolveGovernance } from './resolve-governance';
import { resolveOrchestration } from './resolve-orchestration';
import {
  endpointModel, probeModel as probe, resolveContext, resolveMonitoring, resolveSecurity, resourceLimitsModel, securityPoliciesModel,
} from './resolve-settings';
import type { ContextFile } from './schema/context';
import type { FrameworkId, GovernanceFile } from './schema/governance';
import { FRAMEWORK_IDS } from './schema/governance';
import type { OrchestrationFile } from './schema/orchestration';
import type { ProjectDefinition, ProjectFile, TenantFile } from './schema/tenant';
import type { EnvironmentDefinition, NodePoolDefinition, WorkspaceFile } from './schema/workspace';
import type { AgentDefinition } from './schema/agent';
import { frameworkFromName, namespaceFor } from './naming';

export interface ResolveInput {
  readonly workspace: WorkspaceFile;
  readonly governance: GovernanceFile;
  readonly orchestration: OrchestrationFile;
  readonly context: ContextFile;
  readonly tenants: ReadonlyArray<ValidFile<TenantFile>>;
  readonly projects: ReadonlyArray<ValidFile<ProjectFile>>;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Framework ids of `names` (unknown names left out), without duplicates, in catalogue order. */
function frameworkIds(names: readonly string[]): FrameworkId[] {
  return [...new Set(names.map(frameworkFromName).filter((f): f is FrameworkId => f !== undefined))]
    .sort((a, b) => FRAMEWORK_IDS.indexOf(a) - FRAMEWORK_IDS.indexOf(b));
}

function resolveAgent(agent: AgentDefinition, tenant: TenantFile, project: ProjectDefinition, context: ContextFile, namespace: string): AgentModel {
  const defaults = context.defaults.agent;
  const resources = agent.resources ?? defaults.resources;
  const endpoints = { ...context.endpoints, ...tenant.endpoints };
  const egress = [...new Set(agent.egress ?? defaults.egress)].sort();
  return {
    name: agent.name,
    tenant: tenant.tenant_id,
    project: project.name,
    namespace,
    ...(agent.description !== undefined ? { description: agent.description } : {}),
    image: agent.image,
    capabilities: [...agent.capabilities],
    ...((agent.model ?? defaults.model) !== undefined ? { model: agent.model ?? defaults.model } : {}),
    cpuMillis: resources.cpu,
    cpuLimitMillis: resources.cpu_limit ?? resources.cpu * 2,
    memoryBytes: resources.memory,
    replicas: agent.replicas ?? defaults.replicas,
    port: agent.port ?? defaults.port,
    listens: agent.listens,
    livenessProbe: probe(agent.liveness_probe ?? defaults.liveness_probe),
    readinessProbe: probe(agent.readiness_probe ?? defaults.readiness_probe),
    egress: egress.filter((name) => endpoints[name]).map((name) => endpointModel(name, endpoints[name]!)),
  };
}

function resolveTenant(file: ValidFile<TenantFile>, extraProjects: readonly ProjectDefinition[], input: ResolveInput): TenantModel {
  const tenant = file.data;
  const { context, workspace } = input;
  const limits = { ...context.defaults.tenant.resource_limits, ...tenant.resource_limits };
  const policies = { ...context.defaults.tenant.security_policies, ...tenant.security_policies };
  const requirements = frameworkIds([...(context.defaults.tenant.compliance_requirements), ...(tenant.compliance_requirements ?? [])]);
  const perProject = tenant.isolation.namespace_per_project;
  const projects: ProjectModel[] = [...tenant.projects, ...extraProjects].sort(byName).map((project) => {
    const namespace = namespaceFor(tenant.tenant_id, project.name, perProject);
    return {
      name: project.name,
      tenant: tenant.tenant_id,
      namespace,
      production: project.production,
      agents: [...project.agents].sort(byName).map((agent) => resolveAgent(agent, tenant, project, context, namespace)),
    };
  });
  const agents = projects.flatMap((p) => p.agents).sort(byName);
  return {
    id: tenant.tenant_id,
    displayName: tenant.display_name ?? tenant.tenant_id,
    team: tenant.team,
    costCenter: tenant.cost_center ?? workspace.organization.cost_center,
    dataClassification: tenant.data_classification ?? workspace.organization.data_classification,
    sourceFile: file.source.file,
    environments: tenant.environments ? [...tenant.environments].sort() : workspace.environments.map((e) => e.name).sort(),
    ...(tenant.regions ? { regions: [...tenant.regions].sort() } : {}),
    resourceLimits: resourceLimitsModel(limits),
    securityPolicies: securityPoliciesModel(policies),
    complianceRequirements: requirements,
    ...(tenant.daily_budget ? { dailyBudgetCents: tenant.daily_budget.cents } : {}),
    namespacePerProject: perProject,
    ...(tenant.isolation.dedicated_node_pool ? { dedicatedNodePool: tenant.isolation.dedicated_node_pool } : {}),
    extraRoleGroups: Object.fromEntries(Object.entries(tenant.roles).sort(([a], [b]) => (a < b ? -1 : 1))),
    namespaces: perProject ? projects.map((p) => p.namespace) : [tenant.tenant_id],
    projects,
    agents,
  };
}

function nodePool(pool: NodePoolDefinition): NodePoolModel {
  return {
    name: pool.name,
    instanceTypes: [...pool.instance_types],
    minSize: pool.min_size,
    maxSize: pool.max_size,
    ...(pool.desired_size !== undefined ? { desiredSize: pool.desired_size } : {}),
    vcpuPerNode: pool.vcpu_per_node,
    memoryPerNodeBytes: pool.memory_per_node,
    diskSizeBytes: pool.disk_size,
    capacityType: pool.capacity_type,
    labels: { ...pool.labels },
    taints: pool.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
  };
}

function resolveEnvironment(env: EnvironmentDefinition, tenants: readonly TenantModel[], governance: GovernanceFile): EnvironmentModel {
  const dr = typeof env.disaster_recovery === 'object' && 'backup_retention' in env.disaster_recovery
    ? env.disaster_recovery
    : { ...env.disaster_recovery, backup_frequency: undefined, backup_retention: 35 * 86400 };
  const regions = env.regions.map((r) => r.region);
  const residency = typeof env.data_residency === 'string'
    ? { mode: env.data_residency, allowedRegions: [...regions].sort() }
    : { mode: env.data_residency.mode, allowedRegions: [...env.data_residency.allowed_regions].sort() };
  return {
    name: env.name,
    account: env.account,
    ...(env.organizational_unit ? { organizationalUnit: env.organizational_unit } : {}),
    production: env.production,
    highAvailability: env.high_availability,
    failover: env.failover,
    disasterRecovery: { rto: dr.rto, rpo: dr.rpo, backupFrequency: dr.backup_frequency ?? dr.rpo, backupRetention: dr.backup_retention },
    dataResidency: residency,
    // Region order is kept as written: the first region is the environment's primary.
    regions: env.regions.map((r) => ({
      region: r.region,
      availabilityZones: [...r.availability_zones],
      vpcCidr: r.vpc_cidr,
      ...(r.dr_region ? { drRegion: r.dr_region } : {}),
    })),
    cluster: {
      kubernetesVersion: env.cluster.kubernetes_version,
      endpointAccess: { public: env.cluster.endpoint_access.public, allowList: [...env.cluster.endpoint_access.allow_list].sort() },
      nodePools: [...env.cluster.node_pools].sort(byName).map(nodePool),
      delivery: env.cluster.delivery,
    },
    budgets: resolveBudgets(governance.budgets, env.budgets),
    tenants: tenants.filter((t) => t.environments.includes(env.name)),
  };
}

export function resolveWorkspace(source: string, input: ResolveInput): WorkspaceModel {
  const extra = new Map<string, ProjectDefinition[]>();
  for (const p of input.projects) extra.set(p.data.tenant_id, [...(extra.get(p.data.tenant_id) ?? []), p.data.project]);
  const tenants = input.tenants
    .map((t) => resolveTenant(t, extra.get(t.data.tenant_id) ?? [], input))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const { organization } = input.workspace;
  const frameworks = FRAMEWORK_IDS.filter((id) => input.governance.compliance.frameworks[id]?.enabled);
  return {
    source,
    organization: {
      name: organization.name,
      displayName: organization.display_name ?? organization.name,
      ...(organization.domain ? { domain: organization.domain } : {}),
      managementAccount: organization.management_account,
      homeRegion: organization.home_region,
      costCenter: organization.cost_center,
      dataClassification: organization.data_classification,
    },
    environments: input.workspace.environments.map((e) => resolveEnvironment(e, tenants, input.governance)),
    tenants,
    security: resolveSecurity(input.workspace.security),
    monitoring: resolveMonitoring(input.workspace.monitoring),
    governance: resolveGovernance(input.governance),
    orchestration: resolveOrchestration(input.orchestration, tenants),
    context: resolveContext(input.context, frameworkIds(input.context.defaults.tenant.compliance_requirements)),
    frameworks,
    auditRetention: input.governance.audit.retention,
  };
}
