/**
 * Tenants, their projects and agents (`tenants/*.yml`), with the context's and
 * the tenant's defaults applied.
 */
import type { DataClassification, FrameworkId } from './values';

/** A named egress destination an agent may reach (`context.yml` or a tenant's `endpoints`). */
export type EgressEndpointModel =
  | {
    /** The endpoint's name, as agents list it under `egress`. */
    readonly name: string;
    /** An address range outside the cluster. */
    readonly kind: 'cidr';
    /** IPv4 CIDR blocks. */
    readonly cidrs: readonly string[];
    readonly ports: readonly number[];
  }
  | {
    readonly name: string;
    /** Pods of a namespace in the cluster. */
    readonly kind: 'namespace';
    readonly namespace: string;
    /** Labels selecting the pods; empty: every pod of the namespace. */
    readonly podLabels: Readonly<Record<string, string>>;
    readonly ports: readonly number[];
  };

/** An HTTP probe of an agent's container. */
export interface ProbeModel {
  /** HTTP path, starting with `/`. */
  readonly path: string;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
}

/** One agent: a Deployment in its project's namespace. */
export interface AgentModel {
  /** The agent's name, unique in its tenant. */
  readonly name: string;
  /** Id of the tenant that declares it. */
  readonly tenant: string;
  /** Name of its project. */
  readonly project: string;
  /** Namespace the agent runs in. */
  readonly namespace: string;
  readonly description?: string;
  /** Container image, pinned by tag or digest. */
  readonly image: string;
  /** Capabilities as declared (free text). */
  readonly capabilities: readonly string[];
  /** The AI model the agent uses, when the definition names one. */
  readonly model?: string;
  /** CPU request per replica, millicores. */
  readonly cpuMillis: number;
  /** CPU limit per replica, millicores (default: twice the request). */
  readonly cpuLimitMillis: number;
  /** Memory request and limit per replica, bytes. */
  readonly memoryBytes: number;
  readonly replicas: { readonly min: number; readonly max: number };
  /** Port the container listens on. */
  readonly port: number;
  /** Whether the agent serves traffic (gets a Service). */
  readonly listens: boolean;
  readonly livenessProbe: ProbeModel;
  readonly readinessProbe: ProbeModel;
  /** Destinations the agent may reach, sorted by name; names no endpoint defines are left out. */
  readonly egress: readonly EgressEndpointModel[];
}

/** A project of a tenant, with its agents sorted by name. */
export interface ProjectModel {
  readonly name: string;
  /** Id of the tenant it belongs to. */
  readonly tenant: string;
  /** Namespace its agents run in: the tenant's, or `<tenant>-<project>`. */
  readonly namespace: string;
  /** Reached by `all_production_projects` fan-outs. */
  readonly production: boolean;
  readonly agents: readonly AgentModel[];
}

/** A tenant's resource limits (`resource_limits`). */
export interface ResourceLimitsModel {
  readonly maxAgents: number;
  readonly maxConcurrentOperations: number;
  /** Storage quota, bytes. */
  readonly storageQuotaBytes: number;
  /** CPU hours allowed per period (`per`: `month`, `day`…). */
  readonly computeQuota: { readonly cpuHours: number; readonly per: string };
}

/** A tenant's security policies (`security_policies`). */
export interface SecurityPoliciesModel {
  readonly encryptionRequired: boolean;
  readonly mfaRequired: boolean;
  readonly auditLogging: 'basic' | 'standard' | 'comprehensive';
  /** How long the tenant's data is kept, seconds. */
  readonly dataRetention: number;
}

/** A tenant: one team's namespaces, projects and agents. */
export interface TenantModel {
  /** `tenant_id`: a Kubernetes name. */
  readonly id: string;
  readonly displayName: string;
  /** Budget team: a key of the budgets' `perTeamCents`. */
  readonly team: string;
  readonly costCenter: string;
  readonly dataClassification: DataClassification;
  /** Workspace file that declares it, relative to the workspace folder. */
  readonly sourceFile: string;
  /** Environments the tenant runs in, sorted. */
  readonly environments: readonly string[];
  /** Regions the tenant may run in, before intersecting with an environment. Undefined: all. */
  readonly regions?: readonly string[];
  readonly resourceLimits: ResourceLimitsModel;
  readonly securityPolicies: SecurityPoliciesModel;
  /** Frameworks the tenant must meet (context's and its own), in catalogue order. */
  readonly complianceRequirements: readonly FrameworkId[];
  /** The tenant's own daily budget, cents; undefined when it has none. */
  readonly dailyBudgetCents?: number;
  /** Whether each project gets its own namespace. */
  readonly namespacePerProject: boolean;
  /** Node pool reserved for the tenant; undefined when it shares the pools. */
  readonly dedicatedNodePool?: string;
  /** Extra Kubernetes groups bound per governance role in this tenant. */
  readonly extraRoleGroups: Readonly<Record<string, readonly string[]>>;
  /** All namespaces of the tenant: one, or one per project. */
  readonly namespaces: readonly string[];
  /** Projects sorted by name, those of project files included. */
  readonly projects: readonly ProjectModel[];
  /** Agents of every project, sorted by name. */
  readonly agents: readonly AgentModel[];
}
