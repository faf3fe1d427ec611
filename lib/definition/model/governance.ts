/**
 * `governance.yml`, resolved: compliance frameworks, the permission matrix and
 * role hierarchy, approval workflows, change management, audit, SLAs, cost
 * attribution and budgets. Maps are keyed by the definition's ids, inserted in
 * sorted order, and each entry repeats its id; durations are seconds, money is
 * cents, percentages are ratios.
 */
import type { FrameworkId, Rate, Threshold, UnitPriceModel } from './values';

/**
 * The permission of the permission matrix that stands for platform
 * administration (the seed's System Admin column): organization roles holding
 * it are cluster admins, and their permission sets may carry administrator access.
 */
export const SYSTEM_ADMIN_PERMISSION = 'system_admin';

/** A compliance framework as governance.yml sets it (`compliance.frameworks.<id>`). */
export interface FrameworkModel {
  readonly id: FrameworkId;
  /** Evaluated and reported; a disabled framework is declared but not assessed. */
  readonly enabled: boolean;
  /** A failing critical control of a critical framework fails the compliance gate whatever the score. */
  readonly critical: boolean;
  /** What the framework covers here, as prose ("Financial data controls"). */
  readonly scope?: string;
  /** NIST AI RMF implementation tier. */
  readonly tier?: 'tier1' | 'tier2' | 'tier3' | 'tier4';
  /** EU AI Act risk category. */
  readonly riskCategory?: 'minimal' | 'limited' | 'high';
  /** How often the framework's manual controls are reviewed. */
  readonly reviewFrequency?: 'monthly' | 'quarterly' | 'yearly';
}

/** `compliance`: the frameworks and the gate's threshold. */
export interface ComplianceModel {
  /** Every framework governance.yml declares, enabled or not, by id in catalogue order. */
  readonly frameworks: Readonly<Partial<Record<FrameworkId, FrameworkModel>>>;
  /** The compliance gate passes at or above this score, a ratio (0.95). */
  readonly scoreThreshold: number;
}

/** The verbs a permission's Kubernetes rules may grant. */
export type KubernetesVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/** One Kubernetes RBAC rule a permission grants inside a tenant namespace. */
export interface KubernetesRuleModel {
  /** API groups; `""` is the core group. */
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly KubernetesVerb[];
}

/** A column of the permission matrix (`permissions.<id>`). */
export interface PermissionModel {
  readonly id: string;
  readonly description: string;
  /** What it grants on Kubernetes inside a tenant namespace, as written; empty: nothing. */
  readonly kubernetesRules: readonly KubernetesRuleModel[];
}

/** A role of the hierarchy (`roles.<id>`). */
export interface RoleModel {
  readonly id: string;
  /** The role's name as people say it ("Security Manager"). */
  readonly title: string;
  /** Parent in the hierarchy; undefined for a root role. */
  readonly reportsTo?: string;
  /** `organization` roles act across tenants (cluster-wide); `tenant` roles are bound in each tenant namespace. */
  readonly scope: 'organization' | 'tenant';
  /** Ids of the permissions it holds, as listed (roles do not inherit along `reportsTo`). */
  readonly permissions: readonly string[];
  /** IAM Identity Center permission set whose SSO roles are mapped to this role on the clusters; undefined: not mapped. */
  readonly ssoPermissionSet?: string;
  /**
   * The Kubernetes group the definition names for the role; undefined when it
   * names none (the cluster then uses `oaas:<role>`, and a tenant `oaas:<tenant>:<role>`).
   */
  readonly kubernetesGroup?: string;
}

/** What an approval workflow gates. */
export type ApprovalSubject = 'agent_creation' | 'agent_deployment' | 'configuration_change' | 'tenant_provisioning';

/** One stage of an approval workflow. */
export interface ApprovalStageModel {
  /** The stage's id (`stage`), e.g. `security_review`. */
  readonly name: string;
  /** Role ids whose holders approve the stage. */
  readonly approvers: readonly string[];
  /** What the approvers assess, as ids (`security_compliance`). */
  readonly criteria: readonly string[];
  /** Time allowed for the stage, seconds. */
  readonly timeoutSeconds: number;
  /** Role id the stage escalates to when it times out; undefined: none. */
  readonly escalateTo?: string;
}

/** An approval workflow (`approval_workflows.<name>`). */
export interface ApprovalWorkflowModel {
  readonly name: string;
  /** The changes it gates. */
  readonly appliesTo: readonly ApprovalSubject[];
  /** Stages in the order written. */
  readonly stages: readonly ApprovalStageModel[];
  /** Whether stages may run in parallel where possible. */
  readonly parallel: boolean;
  readonly emergencyBypass: {
    readonly allowed: boolean;
    /** Role ids that may approve a bypass. */
    readonly approvers: readonly string[];
    /** Time within which a bypassed change is reviewed after deployment, seconds. */
    readonly postDeploymentReviewSeconds: number;
  };
}

/** A kind of change that change management governs. */
export type ChangeType = 'configuration_change' | 'agent_update' | 'security_patch' | 'infrastructure_change';

/** `change_management`. */
export interface ChangeManagementModel {
  /** The kinds of change it governs. */
  readonly changeTypes: readonly ChangeType[];
  /** Role ids that approve a change, per risk level (`approval_matrix`). */
  readonly approvers: { readonly lowRisk: readonly string[]; readonly mediumRisk: readonly string[]; readonly highRisk: readonly string[] };
  /** What every change must bring (`implementation`). */
  readonly testingRequired: boolean;
  readonly rollbackPlanRequired: boolean;
  readonly communicationRequired: boolean;
  readonly postImplementationReview: boolean;
}

/** A category of audit records. */
export type AuditCategory = 'user_actions' | 'system_events' | 'security_events' | 'compliance_events' | 'performance_events';

/** `audit`. */
export interface AuditModel {
  /** How long audit records are kept under Object Lock, seconds. */
  readonly retentionSeconds: number;
  readonly categories: readonly AuditCategory[];
  /** S3 Object Lock mode of the audit buckets. */
  readonly objectLockMode: 'compliance' | 'governance';
}

/** `sla`: the service levels the platform promises. */
export interface SlaModel {
  readonly availability: {
    /** Availability target, a ratio (0.999). */
    readonly target: number;
    /** How it is measured, as prose ("uptime percentage"). */
    readonly measurement: string;
    /** What a miss costs, as prose; undefined: not stated. */
    readonly penalty?: string;
  };
  readonly performance: {
    /** Bound on response time, seconds (`< 2 seconds`). */
    readonly responseTime: Threshold<number>;
    /** Bound on throughput (`> 1000 operations/minute`). */
    readonly throughput: Threshold<Rate>;
    readonly measurement: string;
  };
  readonly quality: {
    /** Bound on the success rate, a ratio (`> 99%`). */
    readonly successRate: Threshold<number>;
    /** Bound on the error rate, a ratio (`< 1%`). */
    readonly errorRate: Threshold<number>;
    readonly measurement: string;
  };
}

/** `cost_attribution`: the prices charged back to tenants. */
export interface CostAttributionModel {
  readonly computeCosts: { readonly cpuHours: UnitPriceModel; readonly memoryGbHours: UnitPriceModel; readonly storageGbMonths: UnitPriceModel };
  readonly agentOperations: { readonly agentCreation: UnitPriceModel; readonly agentDeployment: UnitPriceModel; readonly agentMonitoring: UnitPriceModel };
  readonly complianceCosts: { readonly auditLogging: UnitPriceModel; readonly complianceReporting: UnitPriceModel; readonly securityScanning: UnitPriceModel };
}

/** Budgets, alerts and automatic controls: governance.yml's, or an environment's with its overrides applied. */
export interface BudgetModel {
  readonly dailyCents: number;
  readonly monthlyCents: number;
  /** Monthly budget per team (a tenant's `team`), cents, by team. */
  readonly perTeamCents: Readonly<Record<string, number>>;
  /** Alert thresholds as ratios of the budget (0.8), ascending, without duplicates. */
  readonly alertThresholds: readonly number[];
  /** Also alert on forecast spend at each threshold. */
  readonly forecastAlerts: boolean;
  /** Email addresses notified, sorted. */
  readonly emails: readonly string[];
  /** HTTPS endpoints (paging services) notified, sorted. */
  readonly httpsEndpoints: readonly string[];
  /** Whether an exceeded team budget denies that team's deployments. */
  readonly denyDeploymentsWhenExceeded: boolean;
  /** The cost allocation tag budgets filter on. */
  readonly costAllocationTag: string;
}

/** `governance.yml`, resolved. */
export interface GovernanceModel {
  readonly compliance: ComplianceModel;
  /** The permission matrix, by permission id. */
  readonly permissions: Readonly<Record<string, PermissionModel>>;
  /** The role hierarchy, by role id. */
  readonly roles: Readonly<Record<string, RoleModel>>;
  /** Approval workflows, by name. */
  readonly approvalWorkflows: Readonly<Record<string, ApprovalWorkflowModel>>;
  readonly changeManagement: ChangeManagementModel;
  readonly audit: AuditModel;
  readonly sla: SlaModel;
  readonly costAttribution: CostAttributionModel;
  /** The workspace's budgets before environment overrides (each environment's `budgets` applies them). */
  readonly budgets: BudgetModel;
}
