/**
 * A seeded generator of valid workspace folders, for benchmarks and scale
 * tests: `generateWorkspace(options)` returns relative path → YAML text that
 * `loadWorkspaceTexts` accepts with no errors and no warnings.
 *
 * Stability by design:
 * - Every random choice comes from a stream keyed by the seed and by what it
 *   is for (`streamFor(seed, 'tenant', i)`), never from Math.random.
 * - Tenant i's file depends only on the seed, i, its own agent count and the
 *   environment and region lists, never on the tenant total: tenant i gets
 *   floor(agents / tenants) agents, plus one when i < agents mod tenants. So
 *   growing tenants and agents at the same rate per tenant (5 → 6 tenants, 10 → 12
 *   agents) only adds `tenants/<new>.yml`.
 * - The shared files do not depend on the tenant count either: teams and
 *   budgets are a fixed set, orchestration patterns reference agents of the
 *   first four tenants, and node pools have a fixed upper bound sized for
 *   the 1.5 vCPU an agent may request at most. Only beyond that bound
 *   (about 3,800 agents at 500 tenants) is a further pool added.
 */
import { Document, isScalar, visit } from 'yaml';
import type { Prng } from './prng';
import { streamFor } from './prng';

export interface GenerateOptions {
  readonly seed: number;
  /** Regions per environment (1 to 12). */
  readonly regions: number;
  /** Environments (1 to 8): production, staging, development, ... */
  readonly environments: number;
  readonly tenants: number;
  /** Agents in total, spread evenly over the tenants. */
  readonly agents: number;
}

/** A workspace folder in memory: relative path with "/" → YAML text. */
export type WorkspaceTextMap = Record<string, string>;

/** Real regions with three availability zones each, as the zone names exist in AWS. */
export const REGION_CATALOG: ReadonlyArray<{ readonly region: string; readonly zones: readonly string[] }> = [
  { region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
  { region: 'us-east-2', zones: ['us-east-2a', 'us-east-2b', 'us-east-2c'] },
  { region: 'us-west-2', zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] },
  { region: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  { region: 'eu-central-1', zones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] },
  { region: 'eu-north-1', zones: ['eu-north-1a', 'eu-north-1b', 'eu-north-1c'] },
  { region: 'ap-southeast-1', zones: ['ap-southeast-1a', 'ap-southeast-1b', 'ap-southeast-1c'] },
  { region: 'ap-southeast-2', zones: ['ap-southeast-2a', 'ap-southeast-2b', 'ap-southeast-2c'] },
  { region: 'ap-northeast-1', zones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] },
  { region: 'ap-south-1', zones: ['ap-south-1a', 'ap-south-1b', 'ap-south-1c'] },
  { region: 'ca-central-1', zones: ['ca-central-1a', 'ca-central-1b', 'ca-central-1d'] },
  { region: 'sa-east-1', zones: ['sa-east-1a', 'sa-east-1b', 'sa-east-1c'] },
];

/** Environment names in the order they are added. */
export const ENVIRONMENT_NAMES = ['production', 'staging', 'development', 'qa', 'uat', 'sandbox', 'performance', 'integration'] as const;

/** The fixed budget teams: tenants pick one, so adding tenants never changes governance.yml. */
export const TEAMS = ['platform', 'engineering', 'data-science', 'security', 'operations', 'product', 'research', 'finance-tech'] as const;

const ORGANIZATIONS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'wonka', 'tyrell', 'cyberdyne', 'soylent', 'stark', 'wayne'];

const TENANT_WORDS = [
  'payments', 'billing', 'search', 'catalog', 'checkout', 'fraud', 'identity', 'ledger', 'logistics', 'marketing', 'mobile', 'web',
  'analytics', 'support', 'risk', 'compliance', 'claims', 'underwriting', 'pricing', 'inventory', 'shipping', 'returns', 'loyalty',
  'onboarding', 'lending', 'treasury', 'trading', 'research', 'forecasting', 'recruiting', 'payroll', 'procurement', 'legal', 'content',
  'media', 'ads', 'growth', 'messaging', 'notifications', 'maps', 'routing', 'telemetry', 'observability', 'platform', 'infra', 'data',
  'ml', 'security', 'devex', 'docs', 'partners', 'sales', 'crm', 'people', 'finance', 'travel', 'bookings', 'reviews', 'recommendations',
  'personalization', 'health', 'pharmacy', 'insurance', 'energy',
];

const PROJECT_WORDS = [
  'core', 'api', 'ingest', 'reporting', 'insights', 'automation', 'quality', 'ops', 'portal', 'sync', 'gateway', 'intake', 'pipeline',
  'review', 'audit', 'alerts', 'exports', 'imports', 'scoring', 'matching', 'planning', 'tooling', 'assist', 'knowledge', 'triage',
  'workflow', 'archive', 'events', 'batch', 'realtime', 'experiments', 'feedback', 'migration', 'privacy', 'forecast', 'chat', 'voice',
  'documents', 'onboarding', 'settlement',
];

const AGENT_WORDS = [
  'classifier', 'summarizer', 'router', 'validator', 'extractor', 'ranker', 'planner', 'auditor', 'reviewer', 'translator', 'tagger',
  'scorer', 'forecaster', 'detector', 'responder', 'writer', 'checker', 'analyzer', 'optimizer', 'monitor', 'recommender', 'triager',
  'redactor', 'enricher', 'generator', 'evaluator', 'scheduler', 'reconciler', 'notifier', 'archiver', 'deduplicator', 'normalizer',
  'matcher', 'explainer', 'drafter', 'searcher', 'indexer', 'labeler', 'moderator', 'negotiator', 'assistant', 'coordinator',
  'dispatcher', 'investigator', 'profiler', 'sampler', 'tuner', 'watcher',
];

const CAPABILITIES = ['summarize', 'classify', 'extract', 'translate', 'search', 'plan', 'review', 'generate', 'score', 'route'];
const MODELS = ['claude-sonnet', 'claude-haiku', 'titan-text', 'llama-70b'];
const COMPLIANCE_NAMES = ['GDPR', 'SOX', 'ISO27001', 'HIPAA', 'ISO42001', 'NIST-AI-RMF', 'EU-AI-ACT'];

/** Context defaults that the capacity bound and the agent limits rely on. */
const DEFAULT_MAX_AGENTS = 20;
const COMPUTE_QUOTA_HOURS_PER_MONTH = 500;
const HOURS_PER_MONTH = 730;
/** The most CPU an agent of this generator may request at max replicas: 6 × 250m or 3 × 500m. */
const MAX_VCPU_PER_AGENT = 1.5;
const POOL_VCPU_PER_NODE = 16;
const POOL_MAX_NODES = 450;

export const GENERATOR_LIMITS = { regions: REGION_CATALOG.length, environments: ENVIRONMENT_NAMES.length } as const;

/** Checks options; throws with the reason when one is out of range. */
export function checkOptions(options: GenerateOptions): void {
  const whole = (name: keyof GenerateOptions, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const value = options[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`generateWorkspace: expected ${name} to be a whole number from ${min} to ${max}, got ${value}`);
    }
  };
  whole('seed', 0, 2 ** 32 - 1);
  whole('regions', 1, GENERATOR_LIMITS.regions);
  whole('environments', 1, GENERATOR_LIMITS.environments);
  whole('tenants', 1, 100_000);
  whole('agents', 0, 1_000_000);
}

/** `name`, then `name-2`, `name-3`, ... once the list is used up: unique for every index. */
function nth(words: readonly string[], index: number): string {
  const word = words[index % words.length]!;
  return index < words.length ? word : `${word}-${Math.floor(index / words.length) + 1}`;
}

const title = (name: string) => name.split('-').map((w) => (/^\d+$/.test(w) ? w : w[0]!.toUpperCase() + w.slice(1))).join(' ');
const dollars = (amount: number) => `$${amount.toLocaleString('en-US')}`;
const account = (prefix: number, seed: number, index: number) => String(prefix * 1e11 + (seed % 1_000_000) * 1000 + index).padStart(12, '0');

/** The parts that every file derives from the seed alone. */
interface Frame {
  readonly seed: number;
  readonly org: string;
  readonly regions: ReadonlyArray<{ readonly region: string; readonly zones: readonly string[] }>;
  readonly environments: readonly string[];
  readonly tenantWords: readonly string[];
}

function frameFor(options: GenerateOptions): Frame {
  const rng = streamFor(options.seed, 'frame');
  const org = rng.pick(ORGANIZATIONS);
  const regions = rng.shuffle(REGION_CATALOG).slice(0, options.regions);
  return {
    seed: options.seed,
    org,
    regions,
    environments: ENVIRONMENT_NAMES.slice(0, options.environments),
    tenantWords: streamFor(options.seed, 'tenant-words').shuffle(TENANT_WORDS),
  };
}

/** Agents of tenant `index`: the even share, the first `agents mod tenants` tenants taking one more. */
export function agentsOfTenant(options: Pick<GenerateOptions, 'tenants' | 'agents'>, index: number): number {
  return Math.floor(options.agents / options.tenants) + (index < options.agents % options.tenants ? 1 : 0);
}

interface TenantPlan {
  readonly id: string;
  readonly file: string;
  readonly data: Record<string, unknown>;
  /** `tenant/agent` of every agent, in file order. */
  readonly agentRefs: readonly string[];
}

function agentDefinition(rng: Prng, frame: Frame, name: string, project: string, egressChoices: readonly string[]): Record<string, unknown> {
  const agent: Record<string, unknown> = {
    name,
    image: `registry.${frame.org}.example/agents/${name}:${rng.int(0, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)}`,
  };
  if (rng.chance(0.3)) agent.description = `${title(name)} of the ${project} project`;
  const capabilities = rng.sample(CAPABILITIES, rng.int(0, 3));
  if (capabilities.length > 0) agent.capabilities = capabilities;
  const shape = rng.next();
  if (shape < 0.15) {
    agent.replicas = { min: rng.int(1, 2), max: 6 };
  } else if (shape < 0.25) {
    agent.resources = { cpu: '500m', memory: '1Gi' };
    agent.replicas = { min: 1, max: 3 };
  } else if (shape < 0.3) {
    agent.resources = { cpu: '100m', memory: '256Mi' };
  }
  if (rng.chance(0.1)) agent.listens = false;
  if (rng.chance(0.15)) agent.egress = rng.sample(egressChoices, rng.int(1, egressChoices.length)).sort();
  if (rng.chance(0.1)) agent.model = rng.pick(MODELS);
  return agent;
}

/** Tenant `index` of the workspace, with `agentCount` agents; independent of the tenant total. */
function tenantPlan(frame: Frame, index: number, agentCount: number): TenantPlan {
  const rng = streamFor(frame.seed, 'tenant', index);
  const id = nth(frame.tenantWords, index);
  const data: Record<string, unknown> = {
    tenant_id: id,
    display_name: title(id),
    team: rng.pick(TEAMS),
    cost_center: `CC-${5000 + index}`,
    data_classification: rng.pick(['internal', 'confidential', 'confidential', 'restricted']),
    compliance_requirements: rng.sample(COMPLIANCE_NAMES, rng.int(1, 2)),
  };
  if (frame.regions.length > 1 && rng.chance(0.1)) data.regions = [rng.pick(frame.regions).region];
  if (frame.environments.length > 1 && rng.chance(0.1)) data.environments = [rng.pick(frame.environments)];
  const limits: Record<string, unknown> = {};
  if (agentCount > DEFAULT_MAX_AGENTS) limits.max_agents = Math.ceil(agentCount / 10) * 10;
  if (rng.chance(0.1)) limits.storage_quota = '2TB';
  if (Object.keys(limits).length > 0) data.resource_limits = limits;
  if (rng.chance(0.1)) data.security_policies = { audit_logging: 'standard', data_retention: '3 years' };
  if (rng.chance(0.1)) data.isolation = { namespace_per_project: true };
  if (rng.chance(0.1)) data.roles = { agent_developer: [`oaas:${id}:developers`] };
  const egressChoices = ['model-apis', 'observability', 'orchestrator'];
  if (rng.chance(0.05)) {
    data.endpoints = { 'partner-api': { cidrs: ['203.0.113.0/24'], ports: [443] } };
    egressChoices.push('partner-api');
  }
  const perProject = rng.int(2, 5);
  const projectWords = rng.shuffle(PROJECT_WORDS);
  const agentWords = rng.shuffle(AGENT_WORDS);
  const projectCount = Math.max(1, Math.ceil(agentCount / perProject));
  const projects: Array<Record<string, unknown>> = [];
  const agentRefs: string[] = [];
  for (let p = 0; p < projectCount; p++) {
    const name = nth(projectWords, p);
    const agents: Array<Record<string, unknown>> = [];
    for (let a = p * perProject; a < Math.min(agentCount, (p + 1) * perProject); a++) {
      const agentName = nth(agentWords, a);
      agents.push(agentDefinition(rng, frame, agentName, name, egressChoices));
      agentRefs.push(`${id}/${agentName}`);
    }
    projects.push({ name, ...(rng.chance(0.15) ? { production: false } : {}), agents });
  }
  data.projects = projects;
  return { id, file: `tenants/${id}.yml`, data, agentRefs };
}

function nodePools(options: GenerateOptions, production: boolean): Array<Record<string, unknown>> {
  const quotaVcpu = COMPUTE_QUOTA_HOURS_PER_MONTH / HOURS_PER_MONTH;
  const needed = (options.agents * MAX_VCPU_PER_AGENT + options.tenants * quotaVcpu) * 1.2;
  const pools = Math.max(1, Math.ceil(needed / (POOL_VCPU_PER_NODE * POOL_MAX_NODES)));
  return Array.from({ length: pools }, (_, i) => ({
    name: i === 0 ? 'general' : `general-${i + 1}`,
    instance_types: ['m7i.4xlarge', 'm6i.4xlarge'],
    min_size: 3,
    max_size: POOL_MAX_NODES,
    vcpu_per_node: POOL_VCPU_PER_NODE,
    memory_per_node: '64Gi',
    ...(production ? {} : { capacity_type: 'spot' }),
  }));
}

function workspaceFile(frame: Frame, options: GenerateOptions): Record<string, unknown> {
  const regionNames = frame.regions.map((r) => r.region);
  const environments = frame.environments.map((name, e) => {
    const production = name === 'production';
    const ouRng = streamFor(frame.seed, 'ou', name);
    const alnum = (n: number) => Array.from({ length: n }, () => ouRng.pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join('');
    return {
      name,
      account: account(3 + e, frame.seed, 0),
      organizational_unit: `ou-${alnum(4)}-${alnum(8)}`,
      ...(production ? { production: true, high_availability: true } : {}),
      regions: frame.regions.map((r, i) => ({
        region: r.region,
        availability_zones: [...r.zones],
        vpc_cidr: `10.${16 * e + i}.0.0/16`,
        ...(frame.regions.length > 1 ? { dr_region: frame.regions[(i + 1) % frame.regions.length]!.region } : {}),
      })),
      failover: production && frame.regions.length > 1 ? 'automatic' : 'manual',
      disaster_recovery: production ? '4h RTO, 1h RPO' : { rto: '12h', rpo: '4h', backup_frequency: '4h', backup_retention: '14 days' },
      data_residency: { mode: 'enforced', allowed_regions: regionNames },
      cluster: { kubernetes_version: '1.33', node_pools: nodePools(options, production) },
      // Every team may run in every environment, so an environment's budget holds all team budgets (at most 8 × $15,000).
      ...(production ? {} : { budgets: { daily: '$4,000', monthly: '$120,000' } }),
    };
  });
  return {
    organization: {
      name: frame.org,
      display_name: `${title(frame.org)} Corporation`,
      domain: 'enterprise-technology',
      management_account: account(1, frame.seed, 0),
      home_region: regionNames[0],
      cost_center: 'CC-1000',
      data_classification: 'confidential',
    },
    environments,
    security: {
      authentication: { providers: ['okta', 'aws-iam-identity-center'], mfa_required: true },
      authorization: { rbac: true, abac: true, zero_trust: true },
      encryption: { at_rest: 'AES-256-GCM', in_transit: 'TLS 1.3' },
      waf: { rate_limit: 2000 },
      security_hub: { standards: ['aws-foundational', 'nist-800-53'] },
    },
    monitoring: {
      metrics: { orchestration_latency_p95: '< 5s', error_rate: '< 0.5%', cost_per_operation: '$0.02', compliance_score: '> 95%' },
      critical_alerts: {
        orchestration_failure: { channel: 'pagerduty' },
        security_breach: { channel: 'pagerduty', escalate_to: ['security_manager'] },
        budget_exceeded: { channel: 'email', escalate_to: ['finance'] },
      },
      dashboards: ['executive', 'operations', 'security', 'compliance'],
      log_retention: '1 year',
    },
  };
}

/** The governance of the seeds (roles, permission matrix, approval stages), with a fixed set of team budgets. */
function governanceFile(frame: Frame): Record<string, unknown> {
  const rng = streamFor(frame.seed, 'budgets');
  const perTeam = Object.fromEntries(TEAMS.map((team) => [team, dollars(rng.int(5, 15) * 1000)]));
  const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ api_groups: apiGroups, resources, verbs });
  const readWrite = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const role = (title: string, permissions: string[], extra: Record<string, unknown> = {}) => ({ title, ...extra, permissions });
  return {
    compliance: {
      frameworks: {
        iso_42001: { enabled: true, critical: true, review_frequency: 'quarterly', scope: 'AI management system' },
        nist_ai_rmf: { enabled: true, tier: 'tier3' },
        eu_ai_act: { enabled: true, risk_category: 'high' },
        sox: { enabled: true, critical: true, scope: 'Financial data controls' },
        hipaa: { enabled: true, critical: true, scope: 'Healthcare data protection' },
        gdpr: { enabled: true, critical: true },
        iso_27001: { enabled: true },
      },
      score_threshold: '95%',
    },
    permissions: {
      create_agents: { description: 'Create agents', kubernetes: [rule(['apps'], ['deployments'], ['create']), rule([''], ['services', 'serviceaccounts'], ['create'])] },
      deploy_agents: {
        description: 'Deploy, roll out and scale agents',
        kubernetes: [
          rule(['apps'], ['deployments', 'deployments/scale', 'replicasets'], ['get', 'list', 'watch', 'update', 'patch']),
          rule(['autoscaling'], ['horizontalpodautoscalers'], ['get', 'list', 'watch', 'update', 'patch']),
        ],
      },
      modify_config: { description: 'Change agent configuration', kubernetes: [rule([''], ['configmaps'], readWrite)] },
      view_audit: {
        description: 'Read workloads, events and logs',
        kubernetes: [rule(['', 'apps', 'autoscaling', 'policy'], ['pods', 'pods/log', 'events', 'deployments', 'services', 'horizontalpodautoscalers', 'poddisruptionbudgets'], ['get', 'list', 'watch'])],
      },
      manage_users: { description: 'Manage who holds tenant roles', kubernetes: [rule(['rbac.authorization.k8s.io'], ['rolebindings'], ['get', 'list', 'watch'])] },
      manage_secrets: { description: 'Read and rotate the tenant\'s secrets', kubernetes: [rule([''], ['secrets'], readWrite)] },
      system_admin: { description: 'Administer the platform itself' },
    },
    roles: {
      enterprise_administrator: role('Enterprise Administrator', ['create_agents', 'deploy_agents', 'modify_config', 'view_audit', 'manage_users', 'manage_secrets', 'system_admin'],
        { scope: 'organization', sso_permission_set: 'EnterpriseAdmin' }),
      tenant_administrator: role('Tenant Administrator', ['create_agents', 'deploy_agents', 'modify_config', 'view_audit', 'manage_users', 'manage_secrets'],
        { reports_to: 'enterprise_administrator', sso_permission_set: 'TenantAdmin' }),
      meta_agent_manager: role('Meta-Agent Manager', ['create_agents', 'deploy_agents', 'modify_config', 'view_audit'], { reports_to: 'tenant_administrator', sso_permission_set: 'MetaAgentManager' }),
      agent_developer: role('Agent Developer', ['create_agents', 'modify_config', 'view_audit'], { reports_to: 'meta_agent_manager', sso_permission_set: 'AgentDeveloper' }),
      agent_operator: role('Agent Operator', ['deploy_agents', 'view_audit'], { reports_to: 'meta_agent_manager', sso_permission_set: 'AgentOperator' }),
      compliance_manager: role('Compliance Manager', ['view_audit'], { reports_to: 'tenant_administrator', sso_permission_set: 'ComplianceManager' }),
      compliance_analyst: role('Compliance Analyst', ['view_audit'], { reports_to: 'compliance_manager' }),
      audit_reviewer: role('Audit Reviewer', ['view_audit'], { reports_to: 'compliance_manager', sso_permission_set: 'AuditReviewer' }),
      security_manager: role('Security Manager', ['view_audit', 'manage_secrets'], { reports_to: 'tenant_administrator', sso_permission_set: 'SecurityManager' }),
      security_analyst: role('Security Analyst', ['view_audit'], { reports_to: 'security_manager' }),
      security_operator: role('Security Operator', ['view_audit'], { reports_to: 'security_manager' }),
      technical_lead: role('Technical Lead', ['create_agents', 'deploy_agents', 'modify_config', 'view_audit'], { reports_to: 'meta_agent_manager' }),
      system_administrator: role('System Administrator', ['view_audit', 'system_admin'], { scope: 'organization', reports_to: 'enterprise_administrator', sso_permission_set: 'SystemAdmin' }),
      infrastructure_manager: role('Infrastructure Manager', ['view_audit', 'system_admin'], { scope: 'organization', reports_to: 'system_administrator', sso_permission_set: 'InfrastructureManager' }),
      monitoring_specialist: role('Monitoring Specialist', ['view_audit'], { scope: 'organization', reports_to: 'system_administrator', sso_permission_set: 'MonitoringSpecialist' }),
    },
    approval_workflows: {
      agent_creation: {
        applies_to: ['agent_creation'],
        stages: [
          { stage: 'technical_review', approvers: ['meta_agent_manager'], criteria: ['technical_feasibility', 'resource_requirements'], timeout: '24 hours' },
          { stage: 'security_review', approvers: ['security_manager'], criteria: ['security_compliance', 'data_protection'], timeout: '48 hours' },
          { stage: 'compliance_review', approvers: ['compliance_manager'], criteria: ['regulatory_compliance', 'policy_adherence'], timeout: '72 hours' },
          { stage: 'business_approval', approvers: ['tenant_administrator'], criteria: ['business_justification', 'budget_approval'], timeout: '48 hours' },
        ],
        emergency_bypass: { allowed: true, approvers: ['enterprise_administrator'], post_deployment_review_within: '24 hours' },
      },
      agent_deployment: {
        applies_to: ['agent_deployment', 'configuration_change'],
        stages: [
          { stage: 'technical_review', approvers: ['technical_lead'], criteria: ['rollback_plan', 'test_evidence'], timeout: '24 hours', escalate_to: 'meta_agent_manager' },
          { stage: 'operations_review', approvers: ['agent_operator'], criteria: ['capacity', 'monitoring'], timeout: '24 hours' },
        ],
      },
    },
    change_management: {
      change_types: ['configuration_change', 'agent_update', 'security_patch', 'infrastructure_change'],
      approval_matrix: {
        low_risk: ['technical_lead'],
        medium_risk: ['technical_lead', 'security_manager'],
        high_risk: ['technical_lead', 'security_manager', 'compliance_manager', 'tenant_administrator'],
      },
    },
    audit: {
      retention: '7 years',
      categories: ['user_actions', 'system_events', 'security_events', 'compliance_events', 'performance_events'],
      object_lock_mode: 'compliance',
    },
    sla: {
      availability: { target: '99.9%', measurement: 'uptime percentage', penalty: 'service credits' },
      performance: { response_time: '< 2 seconds', throughput: '> 1000 operations/minute', measurement: '95th percentile' },
      quality: { success_rate: '> 99%', error_rate: '< 1%', measurement: 'rolling 24-hour window' },
    },
    cost_attribution: {
      compute_costs: { cpu_hours: '$0.10 per hour', memory_gb_hours: '$0.05 per GB-hour', storage_gb_months: '$0.02 per GB-month' },
      agent_operations: { agent_creation: '$5.00 per agent', agent_deployment: '$2.00 per deployment', agent_monitoring: '$0.50 per agent per day' },
      compliance_costs: { audit_logging: '$0.01 per log entry', compliance_reporting: '$10.00 per report', security_scanning: '$1.00 per scan' },
    },
    budgets: {
      daily: '$5,000',
      monthly: '$150,000',
      per_team: perTeam,
      alert_thresholds: ['50%', '80%', '100%'],
      forecast_alerts: true,
      notifications: { email: [`finops@${frame.org}.example`], https: [`https://events.pagerduty.example/integration/${frame.org}-budgets/enqueue`] },
      automatic_controls: { deny_deployments_when_exceeded: true },
      cost_allocation_tag: 'oaas:team',
    },
  };
}

/** The six patterns, over agents of the first four tenants (so later tenants never change this file). */
function orchestrationFile(frame: Frame, options: GenerateOptions): Record<string, unknown> {
  const refs: string[] = [];
  for (let t = 0; t < Math.min(options.tenants, 4); t++) refs.push(...tenantPlan(frame, t, agentsOfTenant(options, t)).agentRefs);
  if (refs.length === 0) return { orchestration_patterns: {} };
  const rng = streamFor(frame.seed, 'orchestration');
  const some = (n: number) => rng.sample(refs, n);
  return {
    orchestration_patterns: {
      sequential: [{
        name: 'enterprise_code_review',
        description: 'Code review pipeline with security validation',
        steps: [
          { name: 'Static analysis', agent: rng.pick(refs), timeout: '30s' },
          { name: 'Security scan', agent: rng.pick(refs), timeout: '60s' },
          { name: 'Compliance check', agent: rng.pick(refs), timeout: '45s' },
          { name: 'Generate report', agent: rng.pick(refs), timeout: '20s' },
        ],
      }],
      parallel: [{
        name: 'multi_team_validation',
        description: 'Multi-project validation across teams',
        groups: [{ name: 'Applications', agents: some(3) }, { name: 'Infrastructure', agents: some(3) }],
        max_parallel: 10,
      }],
      fanout: [{
        name: 'security_audit',
        description: 'Security scan across all projects',
        target: 'all_production_projects',
        agent: rng.pick(refs),
        collect_results: true,
        aggregation: 'security-dashboard',
      }],
      pipeline: [{
        name: 'ml_training',
        description: 'ML training pipeline with checkpoints',
        stages: [
          { name: 'Prepare data', agent: rng.pick(refs), timeout: '2h' },
          { name: 'Train', agent: rng.pick(refs), timeout: '24h', checkpoint: true },
          { name: 'Evaluate', agent: rng.pick(refs), timeout: '1h', checkpoint: true },
          { name: 'Publish', agent: rng.pick(refs), timeout: '15m' },
        ],
      }],
      mapreduce: [{
        name: 'large_scale_analysis',
        description: 'Large-scale distributed analysis',
        mapper: rng.pick(refs),
        reducer: rng.pick(refs),
        partitions: 64,
        max_parallel: 16,
        timeout: '6h',
      }],
      circuit_breaker: [{
        name: 'external_api_calls',
        description: 'Fault-tolerant external API calls',
        agent: rng.pick(refs),
        failure_threshold: 5,
        reset_timeout: '30s',
        half_open_max_calls: 3,
        fallback: rng.pick(refs),
      }],
    },
  };
}

function contextFile(): Record<string, unknown> {
  return {
    defaults: {
      tenant: {
        resource_limits: {
          max_agents: DEFAULT_MAX_AGENTS,
          max_concurrent_operations: 50,
          storage_quota: '500Gi',
          compute_quota: `${COMPUTE_QUOTA_HOURS_PER_MONTH} CPU hours/month`,
        },
        security_policies: { encryption_required: true, mfa_required: true, audit_logging: 'comprehensive', data_retention: '7 years' },
        compliance_requirements: ['ISO27001'],
      },
      agent: {
        resources: { cpu: '250m', memory: '512Mi' },
        replicas: { min: 2, max: 4 },
        port: 8080,
        liveness_probe: { path: '/healthz', initial_delay: '10s' },
        readiness_probe: { path: '/ready' },
        egress: ['model-apis', 'orchestrator'],
      },
    },
    endpoints: {
      // Interface endpoints for the model APIs sit inside the VPC ranges (10.0.0.0 to 10.127.255.255).
      'model-apis': { cidrs: ['10.0.0.0/9'], ports: [443] },
      orchestrator: { namespace: 'platform', pod_labels: { 'app.kubernetes.io/name': 'workflow-router' }, ports: [8080] },
      observability: { namespace: 'observability', ports: [4317, 4318] },
    },
    optimization: { token_caching: 'aggressive', model_selection: 'cost-aware', request_batching: 'enabled', response_streaming: 'early_termination' },
  };
}

/** YAML as people write these files: lists of plain values on one line, no anchors. */
function yamlText(seed: number, what: string, data: unknown): string {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return `# ${what}, generated by scripts/bench/generate.ts (seed ${seed}).\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

/** A valid workspace folder for the options, as relative path → YAML text. Deterministic for the options. */
export function generateWorkspace(options: GenerateOptions): WorkspaceTextMap {
  checkOptions(options);
  const frame = frameFor(options);
  const files: WorkspaceTextMap = {
    'workspace.yml': yamlText(options.seed, 'Organization, environments, regions and clusters', workspaceFile(frame, options)),
    'governance.yml': yamlText(options.seed, 'Compliance, roles, approvals and budgets', governanceFile(frame)),
    'orchestration-rules.yml': yamlText(options.seed, 'Orchestration patterns', orchestrationFile(frame, options)),
    'context.yml': yamlText(options.seed, 'Shared defaults and egress endpoints', contextFile()),
  };
  for (let i = 0; i < options.tenants; i++) {
    const plan = tenantPlan(frame, i, agentsOfTenant(options, i));
    files[plan.file] = yamlText(options.seed, `Tenant ${plan.id}`, plan.data);
  }
  return files;
}
