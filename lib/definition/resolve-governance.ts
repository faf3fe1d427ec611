/**
 * `governance.yml` → `GovernanceModel`: snake_case keys become the model's
 * names, maps are rebuilt in sorted key order, and each entry carries its id.
 * Units are already parsed by the schema; money becomes cents.
 */
import type {
  ApprovalWorkflowModel, BudgetModel, FrameworkModel, GovernanceModel, PermissionModel, RoleModel, UnitPriceModel,
} from './model';
import type { FrameworkId, GovernanceFile } from './schema/governance';
import { FRAMEWORK_IDS } from './schema/governance';
import type { EnvironmentDefinition } from './schema/workspace';
import type { UnitPrice } from './units';

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** `entries` as a record in sorted key order, each value mapped with its key. */
function sortedRecord<A, B>(entries: Record<string, A>, map: (key: string, value: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(entries).sort(byKey).map(([key, value]) => [key, map(key, value)]));
}

const price = (p: UnitPrice): UnitPriceModel => ({ cents: p.price.cents, per: p.per });

/** The budgets of governance.yml, with an environment's overrides when given. */
export function resolveBudgets(b: GovernanceFile['budgets'], overrides?: EnvironmentDefinition['budgets']): BudgetModel {
  return {
    dailyCents: (overrides?.daily ?? b.daily).cents,
    monthlyCents: (overrides?.monthly ?? b.monthly).cents,
    perTeamCents: sortedRecord(overrides?.per_team ?? b.per_team, (_, money) => money.cents),
    alertThresholds: [...new Set(b.alert_thresholds)].sort((x, y) => x - y),
    forecastAlerts: b.forecast_alerts,
    emails: [...b.notifications.email].sort(),
    httpsEndpoints: [...b.notifications.https].sort(),
    denyDeploymentsWhenExceeded: b.automatic_controls.deny_deployments_when_exceeded,
    costAllocationTag: b.cost_allocation_tag,
  };
}

function framework(id: FrameworkId, f: NonNullable<GovernanceFile['compliance']['frameworks'][FrameworkId]>): FrameworkModel {
  return {
    id,
    enabled: f.enabled,
    critical: f.critical,
    ...(f.scope !== undefined ? { scope: f.scope } : {}),
    ...(f.tier !== undefined ? { tier: f.tier } : {}),
    ...(f.risk_category !== undefined ? { riskCategory: f.risk_category } : {}),
    ...(f.review_frequency !== undefined ? { reviewFrequency: f.review_frequency } : {}),
  };
}

function permission(id: string, p: GovernanceFile['permissions'][string]): PermissionModel {
  return {
    id,
    description: p.description,
    kubernetesRules: p.kubernetes.map((rule) => ({ apiGroups: [...rule.api_groups], resources: [...rule.resources], verbs: [...rule.verbs] })),
  };
}

function role(id: string, r: GovernanceFile['roles'][string]): RoleModel {
  return {
    id,
    title: r.title,
    ...(r.reports_to !== undefined ? { reportsTo: r.reports_to } : {}),
    scope: r.scope,
    permissions: [...r.permissions],
    ...(r.sso_permission_set !== undefined ? { ssoPermissionSet: r.sso_permission_set } : {}),
    ...(r.kubernetes_group !== undefined ? { kubernetesGroup: r.kubernetes_group } : {}),
  };
}

function approvalWorkflow(name: string, w: GovernanceFile['approval_workflows'][string]): ApprovalWorkflowModel {
  return {
    name,
    appliesTo: [...w.applies_to],
    stages: w.stages.map((s) => ({
      name: s.stage,
      approvers: [...s.approvers],
      criteria: [...s.criteria],
      timeoutSeconds: s.timeout,
      ...(s.escalate_to !== undefined ? { escalateTo: s.escalate_to } : {}),
    })),
    parallel: w.parallel,
    emergencyBypass: {
      allowed: w.emergency_bypass.allowed,
      approvers: [...w.emergency_bypass.approvers],
      postDeploymentReviewSeconds: w.emergency_bypass.post_deployment_review_within,
    },
  };
}

export function resolveGovernance(g: GovernanceFile): GovernanceModel {
  const frameworks: Partial<Record<FrameworkId, FrameworkModel>> = {};
  for (const id of FRAMEWORK_IDS) {
    const f = g.compliance.frameworks[id];
    if (f) frameworks[id] = framework(id, f);
  }
  const { sla, cost_attribution: cost, change_management: change } = g;
  return {
    compliance: { frameworks, scoreThreshold: g.compliance.score_threshold },
    permissions: sortedRecord(g.permissions, permission),
    roles: sortedRecord(g.roles, role),
    approvalWorkflows: sortedRecord(g.approval_workflows, approvalWorkflow),
    changeManagement: {
      changeTypes: [...change.change_types],
      approvers: {
        lowRisk: [...change.approval_matrix.low_risk],
        mediumRisk: [...change.approval_matrix.medium_risk],
        highRisk: [...change.approval_matrix.high_risk],
      },
      testingRequired: change.implementation.testing_required,
      rollbackPlanRequired: change.implementation.rollback_plan_required,
      communicationRequired: change.implementation.communication_required,
      postImplementationReview: change.implementation.post_implementation_review,
    },
    audit: { retentionSeconds: g.audit.retention, categories: [...g.audit.categories], objectLockMode: g.audit.object_lock_mode },
    sla: {
      availability: {
        target: sla.availability.target,
        measurement: sla.availability.measurement,
        ...(sla.availability.penalty !== undefined ? { penalty: sla.availability.penalty } : {}),
      },
      performance: { responseTime: sla.performance.response_time, throughput: sla.performance.throughput, measurement: sla.performance.measurement },
      quality: { successRate: sla.quality.success_rate, errorRate: sla.quality.error_rate, measurement: sla.quality.measurement },
    },
    costAttribution: {
      computeCosts: {
        cpuHours: price(cost.compute_costs.cpu_hours),
        memoryGbHours: price(cost.compute_costs.memory_gb_hours),
        storageGbMonths: price(cost.compute_costs.storage_gb_months),
      },
      agentOperations: {
        agentCreation: price(cost.agent_operations.agent_creation),
        agentDeployment: price(cost.agent_operations.agent_deployment),
        agentMonitoring: price(cost.agent_operations.agent_monitoring),
      },
      complianceCosts: {
        auditLogging: price(cost.compliance_costs.audit_logging),
        complianceReporting: price(cost.compliance_costs.compliance_reporting),
        securityScanning: price(cost.compliance_costs.security_scanning),
      },
    },
    budgets: resolveBudgets(g.budgets),
  };
}
