/**
 * What `oaas plan` produces: every change between the base and the new
 * version, classified by risk with the rule that decided it, traced to the
 * definition, with the approvals it needs. Plain data, sorted, no clock and
 * no machine paths, so two runs serialize to the same bytes.
 */

/** Risk levels, as `change_management.approval_matrix` names them (`low_risk`, ...). */
export type Risk = 'low' | 'medium' | 'high';
export const RISKS: readonly Risk[] = ['high', 'medium', 'low'];

/**
 * What kind of change it is: the governance's `change_management.change_types`
 * and the changes `approval_workflows.*.applies_to` names.
 */
export type ChangeType =
  | 'agent_creation' | 'tenant_provisioning' | 'agent_update' | 'agent_deployment'
  | 'configuration_change' | 'security_patch' | 'infrastructure_change';

/** What happens to the resource or object. */
export type ChangeAction = 'add' | 'remove' | 'replace' | 'update';

/** Where an access change is: the surfaces whose widening or narrowing the rules judge. */
export type AccessSurface = 'IAM policy' | 'IAM trust policy' | 'service control policy' | 'KMS key policy' | 'resource policy'
  | 'security group' | 'EKS access' | 'NetworkPolicy' | 'RBAC' | 'pod security';

/** The verdict of comparing the old and new grants of one resource or object. */
export interface AccessComparison {
  readonly surface: AccessSurface;
  /** `widened`: something is allowed that was not; `narrowed`: only less is allowed; `same`: the grants are equivalent. */
  readonly effect: 'widened' | 'narrowed' | 'same';
  /** One sentence per grant found added or removed, e.g. `allows s3:* on arn:...` */
  readonly findings: readonly string[];
}

/** One changed property: a JSON path and its old and new values (absent: not set). */
export interface PropertyChange {
  readonly path: string;
  readonly old?: unknown;
  readonly new?: unknown;
  /** For CloudFormation properties, what updating it does (cloudformation-diff's impact). */
  readonly impact?: string;
}

export interface CloudFormationTarget {
  readonly kind: 'cloudformation';
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly constructPath?: string;
}

export interface KubernetesTarget {
  readonly kind: 'kubernetes';
  /** `<environment>/<region>`. */
  readonly cluster: string;
  readonly apiVersion: string;
  readonly objectKind: string;
  readonly namespace?: string;
  readonly name: string;
  /** The rendered file, relative to the manifests folder. */
  readonly file: string;
}

export type ChangeTarget = CloudFormationTarget | KubernetesTarget;

/** Who a change belongs to: one tenant (and maybe one of its agents), or a platform layer everybody shares. */
export type ChangeOwner =
  | { readonly kind: 'tenant'; readonly tenant: string; readonly agent?: string }
  | { readonly kind: 'platform'; readonly layer: PlatformLayer };

export type PlatformLayer = 'guardrails' | 'budgets' | 'security' | 'network' | 'cluster' | 'audit' | 'gitops' | 'other';

/** A place in the definition: file (relative to the workspace), YAML path and position. */
export interface DefinitionRef {
  readonly file: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** The key exists only in the base's definition: line and column are the base's. */
  readonly removed?: true;
}

/**
 * Why the definition is behind a change. `changed`: keys that differ from the
 * base's definition and that the change depends on; `owner`: the key that
 * declares what the change belongs to (the base's definition is unknown, or
 * none of its keys changed); `code`: no definition key changed, the code did.
 */
export interface DefinitionTrace {
  readonly basis: 'changed' | 'owner' | 'code';
  readonly refs: readonly DefinitionRef[];
  /** Code files that differ from the base (basis `code`, git bases only). */
  readonly codeFiles?: readonly string[];
}

/** A role of the governance's role hierarchy, as an approver. */
export interface Approver {
  readonly role: string;
  readonly title: string;
  /** Tenant roles approve for the tenant the change belongs to. */
  readonly tenant?: string;
  /** A tenant role needed by a platform change: every tenant's holder approves. */
  readonly everyTenant?: true;
}

export interface ApprovalStage {
  readonly stage: string;
  readonly approvers: readonly Approver[];
  readonly criteria: readonly string[];
  /** Seconds. */
  readonly timeoutSeconds: number;
  readonly timeout: string;
  readonly escalateTo?: Approver;
}

/** One approval a change needs: a risk level of the approval matrix, or an approval workflow's stages. */
export type ApprovalRequirement =
  | { readonly kind: 'matrix'; readonly id: string; readonly risk: Risk; readonly key: string; readonly approvers: readonly Approver[] }
  | {
    readonly kind: 'workflow'; readonly id: string; readonly workflow: string; readonly key: string; readonly appliesTo: readonly ChangeType[];
    readonly parallel: boolean; readonly stages: readonly ApprovalStage[];
    readonly emergencyBypass?: { readonly approvers: readonly Approver[]; readonly reviewWithin: string };
  };

/** One change, classified. */
export interface PlanChange {
  /** Stable and unique: `cfn:<stack>/<logicalId>` or `k8s:<cluster>/<group>/<kind>/<namespace>/<name>`. */
  readonly id: string;
  readonly target: ChangeTarget;
  readonly action: ChangeAction;
  /** A short line: what changes. */
  readonly summary: string;
  readonly properties: readonly PropertyChange[];
  readonly access?: AccessComparison;
  readonly owner: ChangeOwner;
  readonly definition: DefinitionTrace;
  readonly risk: Risk;
  readonly changeTypes: readonly ChangeType[];
  /** The classification rule that decided (lib/plan/rules.ts). */
  readonly rule: { readonly id: string; readonly reason: string };
  /** Ids of the plan's `approvals` this change needs. */
  readonly approvals: readonly string[];
}

/** What cloudformation-diff reports for one stack's IAM and security groups, as its tables. */
export interface StackSecurityReport {
  readonly stack: string;
  readonly permissionsBroadened: boolean;
  readonly iamStatements: readonly (readonly string[])[];
  readonly managedPolicies: readonly (readonly string[])[];
  readonly securityGroups: readonly (readonly string[])[];
}

export interface ComplianceGateSummary {
  readonly passed: boolean;
  readonly threshold: number;
  readonly reasons: readonly string[];
  readonly frameworks: ReadonlyArray<{ readonly id: string; readonly title: string; readonly score?: number; readonly failed: number }>;
  /** How the evidence was produced, in a sentence. */
  readonly basis: string;
}

export interface Plan {
  readonly format: 'oaas-plan/1';
  readonly workspace: string;
  readonly environment?: string;
  readonly base: { readonly kind: 'git' | 'folder'; readonly label: string; readonly commit?: string };
  /** What was compared, and what could not be and why. */
  readonly compared: { readonly templates: boolean; readonly manifests: boolean; readonly notes: readonly string[] };
  readonly summary: {
    readonly changes: number;
    readonly byRisk: Readonly<Record<Risk, number>>;
    readonly approvalRequired: boolean;
    readonly exitCode: 0 | 3;
  };
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly owner: ChangeOwner; readonly byRisk: Readonly<Record<Risk, number>> }>;
  readonly tenants: ReadonlyArray<{ readonly id: string; readonly file?: string; readonly status: 'new' | 'removed' | 'changed'; readonly byRisk: Readonly<Record<Risk, number>> }>;
  readonly changes: readonly PlanChange[];
  readonly approvals: readonly ApprovalRequirement[];
  /** `change_management.implementation`: what every approved change must bring. */
  readonly implementation: ReadonlyArray<{ readonly key: string; readonly required: boolean }>;
  readonly securityReports: readonly StackSecurityReport[];
  readonly definitionChanges?: readonly DefinitionRef[];
  readonly compliance?: ComplianceGateSummary | { readonly skipped: string };
}
