/**
 * The resolved workspace model: what every generator reads. Units are parsed
 * (seconds, bytes, cents, millicores, ratios), defaults are applied (context,
 * then tenant, then agent) and every reference is resolved. It is plain data,
 * so it serializes deterministically. Nothing downstream reads raw YAML.
 */
import type { ContextFile } from './schema/context';
import type { FrameworkId, GovernanceFile } from './schema/governance';
import type { OrchestrationFile } from './schema/orchestration';
import type { NodePoolDefinition, WorkspaceFile } from './schema/workspace';

export type DataClassification = WorkspaceFile['organization']['data_classification'];

export interface OrganizationModel {
  readonly name: string;
  readonly displayName: string;
  readonly domain?: string;
  readonly managementAccount: string;
  readonly homeRegion: string;
  readonly costCenter: string;
  readonly dataClassification: DataClassification;
}

export interface RegionModel {
  readonly region: string;
  readonly availabilityZones: readonly string[];
  readonly vpcCidr: string;
  /** Region receiving audit replicas and backup copies; undefined when none. */
  readonly drRegion?: string;
}

export interface DisasterRecoveryModel {
  /** Seconds. */
  readonly rto: number;
  /** Seconds. */
  readonly rpo: number;
  /** Seconds between backups; at most the RPO. */
  readonly backupFrequency: number;
  /** Seconds a backup is kept. */
  readonly backupRetention: number;
}

export type NodePoolModel = NodePoolDefinition;

export interface ClusterModel {
  readonly kubernetesVersion: string;
  readonly endpointAccess: { readonly public: boolean; readonly allowList: readonly string[] };
  readonly nodePools: readonly NodePoolModel[];
  readonly delivery: 'gitops' | 'cdk';
}

export type EgressEndpointModel =
  | { readonly name: string; readonly kind: 'cidr'; readonly cidrs: readonly string[]; readonly ports: readonly number[] }
  | { readonly name: string; readonly kind: 'namespace'; readonly namespace: string; readonly podLabels: Readonly<Record<string, string>>; readonly ports: readonly number[] };

export interface ProbeModel {
  readonly path: string;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
}

export interface AgentModel {
  readonly name: string;
  readonly tenant: string;
  readonly project: string;
  /** Namespace the agent runs in. */
  readonly namespace: string;
  readonly description?: string;
  readonly image: string;
  readonly capabilities: readonly string[];
  readonly model?: string;
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryBytes: number;
  readonly replicas: { readonly min: number; readonly max: number };
  readonly port: number;
  readonly listens: boolean;
  readonly livenessProbe: ProbeModel;
  readonly readinessProbe: ProbeModel;
  readonly egress: readonly EgressEndpointModel[];
}

export interface ProjectModel {
  readonly name: string;
  readonly tenant: string;
  readonly namespace: string;
  readonly production: boolean;
  readonly agents: readonly AgentModel[];
}

export interface ResourceLimitsModel {
  readonly maxAgents: number;
  readonly maxConcurrentOperations: number;
  readonly storageQuotaBytes: number;
  readonly computeQuota: { readonly cpuHours: number; readonly per: string };
}

export interface SecurityPoliciesModel {
  readonly encryptionRequired: boolean;
  readonly mfaRequired: boolean;
  readonly auditLogging: 'basic' | 'standard' | 'comprehensive';
  /** Seconds. */
  readonly dataRetention: number;
}

export interface TenantModel {
  readonly id: string;
  readonly displayName: string;
  readonly team: string;
  readonly costCenter: string;
  readonly dataClassification: DataClassification;
  /** Workspace file that declares it, relative to the workspace folder. */
  readonly sourceFile: string;
  readonly environments: readonly string[];
  /** Regions the tenant may run in, before intersecting with an environment. Undefined: all. */
  readonly regions?: readonly string[];
  readonly resourceLimits: ResourceLimitsModel;
  readonly securityPolicies: SecurityPoliciesModel;
  readonly complianceRequirements: readonly FrameworkId[];
  readonly dailyBudgetCents?: number;
  readonly namespacePerProject: boolean;
  readonly dedicatedNodePool?: string;
  /** Extra Kubernetes groups bound per governance role in this tenant. */
  readonly extraRoleGroups: Readonly<Record<string, readonly string[]>>;
  /** All namespaces of the tenant: one, or one per project. */
  readonly namespaces: readonly string[];
  readonly projects: readonly ProjectModel[];
  readonly agents: readonly AgentModel[];
}

export interface BudgetModel {
  readonly dailyCents: number;
  readonly monthlyCents: number;
  readonly perTeamCents: Readonly<Record<string, number>>;
  /** Ratios, e.g. 0.8. */
  readonly alertThresholds: readonly number[];
  readonly forecastAlerts: boolean;
  readonly emails: readonly string[];
  readonly httpsEndpoints: readonly string[];
  readonly denyDeploymentsWhenExceeded: boolean;
  readonly costAllocationTag: string;
}

export interface EnvironmentModel {
  readonly name: string;
  readonly account: string;
  readonly organizationalUnit?: string;
  readonly production: boolean;
  readonly highAvailability: boolean;
  readonly failover: 'automatic' | 'manual' | 'none';
  readonly disasterRecovery: DisasterRecoveryModel;
  readonly dataResidency: { readonly mode: 'enforced' | 'advisory'; readonly allowedRegions: readonly string[] };
  readonly regions: readonly RegionModel[];
  readonly cluster: ClusterModel;
  readonly budgets: BudgetModel;
  /** Tenants that run in this environment, each limited to the environment's regions. */
  readonly tenants: readonly TenantModel[];
}

export interface WorkspaceModel {
  /** Folder the workspace was loaded from, as given. */
  readonly source: string;
  readonly organization: OrganizationModel;
  readonly environments: readonly EnvironmentModel[];
  readonly tenants: readonly TenantModel[];
  readonly security: WorkspaceFile['security'];
  readonly monitoring: WorkspaceFile['monitoring'];
  readonly governance: GovernanceFile;
  readonly orchestration: OrchestrationFile;
  readonly context: ContextFile;
  /** Enabled frameworks, in catalogue order. */
  readonly frameworks: readonly FrameworkId[];
  /** Audit retention in seconds. */
  readonly auditRetention: number;
}

/** The regions of `env` where `tenant` runs. */
export function tenantRegions(env: EnvironmentModel, tenant: TenantModel): string[] {
  return env.regions.map((r) => r.region).filter((r) => !tenant.regions || tenant.regions.includes(r));
}
