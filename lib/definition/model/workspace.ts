/**
 * The workspace as a whole (`workspace.yml` and everything it gathers): the
 * organization, its environments with their regions, clusters and budgets,
 * the tenants, and the resolved governance, orchestration, security,
 * monitoring and context.
 */
import type { ContextModel } from './context';
import type { BudgetModel, GovernanceModel } from './governance';
import type { MonitoringModel } from './monitoring';
import type { OrchestrationModel } from './orchestration';
import type { SecurityModel } from './security';
import type { TenantModel } from './tenant';
import type { DataClassification, FrameworkId } from './values';

/** `organization`. */
export interface OrganizationModel {
  /** Short name used in stack names and tags ("acme"). */
  readonly name: string;
  readonly displayName: string;
  /** Business domain, as prose. */
  readonly domain?: string;
  /** The AWS Organizations management account that owns the guardrails. */
  readonly managementAccount: string;
  /** Region of the organization guardrail stacks. */
  readonly homeRegion: string;
  /** Default cost center tag. */
  readonly costCenter: string;
  readonly dataClassification: DataClassification;
}

/** One region of an environment. */
export interface RegionModel {
  readonly region: string;
  readonly availabilityZones: readonly string[];
  readonly vpcCidr: string;
  /** Region receiving audit replicas and backup copies; undefined when none. */
  readonly drRegion?: string;
}

/** An environment's recovery objectives and backups. */
export interface DisasterRecoveryModel {
  /** Recovery time objective, seconds. */
  readonly rto: number;
  /** Recovery point objective, seconds. */
  readonly rpo: number;
  /** Seconds between backups; at most the RPO. */
  readonly backupFrequency: number;
  /** Seconds a backup is kept. */
  readonly backupRetention: number;
}

/** A Kubernetes node taint. */
export interface TaintModel {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A managed node group of a cluster (`cluster.node_pools[]`). */
export interface NodePoolModel {
  readonly name: string;
  /** EC2 instance types (`m7i.xlarge`), in the order written. */
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  /** Nodes at creation; undefined: EKS's default (the minimum). */
  readonly desiredSize?: number;
  /** vCPUs of one node, for capacity checks without a lookup. */
  readonly vcpuPerNode: number;
  /** Memory of one node, bytes. */
  readonly memoryPerNodeBytes: number;
  /** Root volume of one node, bytes. */
  readonly diskSizeBytes: number;
  readonly capacityType: 'on_demand' | 'spot';
  /** Node labels as written (the platform adds its own). */
  readonly labels: Readonly<Record<string, string>>;
  /** Node taints as written (the platform adds a dedicated pool's own). */
  readonly taints: readonly TaintModel[];
}

/** The EKS cluster of each region of an environment. */
export interface ClusterModel {
  /** Kubernetes minor version ("1.33"). */
  readonly kubernetesVersion: string;
  /** Whether the API endpoint is public, and the CIDRs allowed to reach it then (sorted). */
  readonly endpointAccess: { readonly public: boolean; readonly allowList: readonly string[] };
  /** Node pools sorted by name. */
  readonly nodePools: readonly NodePoolModel[];
  /** How tenant manifests reach the cluster: Argo CD (`gitops`) or the tenant stacks (`cdk`). */
  readonly delivery: 'gitops' | 'cdk';
}

/** One environment: an account, its regions and the tenants that run there. */
export interface EnvironmentModel {
  readonly name: string;
  readonly account: string;
  /** OU the guardrails attach to; undefined: the account itself. */
  readonly organizationalUnit?: string;
  /** Turns on termination protection and stricter defaults. */
  readonly production: boolean;
  /** One NAT gateway per availability zone instead of one per region. */
  readonly highAvailability: boolean;
  readonly failover: 'automatic' | 'manual' | 'none';
  readonly disasterRecovery: DisasterRecoveryModel;
  /** Where data may live: `enforced` by guardrails or `advisory`, and the allowed regions (sorted). */
  readonly dataResidency: { readonly mode: 'enforced' | 'advisory'; readonly allowedRegions: readonly string[] };
  /** Regions in the order written: the first is the environment's primary. */
  readonly regions: readonly RegionModel[];
  readonly cluster: ClusterModel;
  /** The governance budgets with this environment's overrides. */
  readonly budgets: BudgetModel;
  /** Tenants that run in this environment, each limited to the environment's regions. */
  readonly tenants: readonly TenantModel[];
}

/** The resolved workspace. */
export interface WorkspaceModel {
  /** Folder the workspace was loaded from, as given. */
  readonly source: string;
  readonly organization: OrganizationModel;
  /** Environments in the order written. */
  readonly environments: readonly EnvironmentModel[];
  /** Every tenant, sorted by id. */
  readonly tenants: readonly TenantModel[];
  readonly security: SecurityModel;
  readonly monitoring: MonitoringModel;
  readonly governance: GovernanceModel;
  readonly orchestration: OrchestrationModel;
  readonly context: ContextModel;
  /** Enabled frameworks, in catalogue order. */
  readonly frameworks: readonly FrameworkId[];
  /** Audit retention in seconds: `governance.audit.retentionSeconds`. */
  readonly auditRetention: number;
}

/** The regions of `env` where `tenant` runs. */
export function tenantRegions(env: EnvironmentModel, tenant: TenantModel): string[] {
  return env.regions.map((r) => r.region).filter((r) => !tenant.regions || tenant.regions.includes(r));
}
