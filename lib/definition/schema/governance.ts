/**
 * `governance.yml`: compliance frameworks, the role hierarchy and permission
 * matrix, approval workflows, change management, audit, SLAs, cost attribution
 * and budgets. Key names follow the governance-framework seed.
 */
import { z } from 'zod';
import {
  duration, durationThreshold, email, httpsUrl, identifier, k8sName, mapping, MAX_LOG_RETENTION_SECONDS, money, msg, percentage, percentageThreshold,
  plainText, rateThreshold, tagKey, text, TEXT_LIMITS, unitPrice,
} from './primitives';
import { FRAMEWORK_IDS } from '../model/values';

export { FRAMEWORK_IDS };
export const frameworkId = z.enum(FRAMEWORK_IDS);
export type FrameworkId = z.infer<typeof frameworkId>;

/**
 * How tenants name frameworks in `compliance_requirements` (the seed writes "GDPR", "SOX", "ISO27001").
 * Both these and the snake_case ids are accepted.
 */
export const FRAMEWORK_ALIASES: Record<string, FrameworkId> = {
  'ISO42001': 'iso_42001', 'ISO-42001': 'iso_42001', 'ISO/IEC 42001': 'iso_42001',
  'NIST-AI-RMF': 'nist_ai_rmf', 'NIST AI RMF': 'nist_ai_rmf',
  'EU-AI-ACT': 'eu_ai_act', 'EU AI Act': 'eu_ai_act',
  SOX: 'sox', HIPAA: 'hipaa', GDPR: 'gdpr',
  ISO27001: 'iso_27001', 'ISO-27001': 'iso_27001', 'ISO/IEC 27001': 'iso_27001',
};

const framework = z.strictObject({
  enabled: z.boolean().default(true),
  critical: z.boolean().default(false).meta({ description: 'A failing automated control of a critical framework fails the compliance gate whatever the score.' }),
  scope: plainText().optional().meta({ description: 'What the framework covers here, as prose ("Financial data controls").' }),
  tier: z.enum(['tier1', 'tier2', 'tier3', 'tier4']).optional().meta({ description: 'NIST AI RMF implementation tier.' }),
  risk_category: z.enum(['minimal', 'limited', 'high']).optional().meta({ description: 'EU AI Act risk category.' }),
  review_frequency: z.enum(['monthly', 'quarterly', 'yearly']).optional(),
});

const compliance = z.strictObject({
  frameworks: z.partialRecord(frameworkId, framework).transform((r) => Object.assign(Object.create(null) as typeof r, r)).refine((r) => Object.keys(r).length > 0, {
    error: msg('at least one compliance framework', 'Add one of: ' + FRAMEWORK_IDS.join(', ') + '.'),
  }),
  score_threshold: percentage().prefault('95%').meta({ description: 'The compliance gate passes at or above this score. Default: 95%.' }),
});

/** A permission of the matrix, with what it grants on Kubernetes. */
const permission = z.strictObject({
  description: plainText(TEXT_LIMITS.paragraph).min(1),
  kubernetes: z
    .array(z.strictObject({
      api_groups: z.array(text('a Kubernetes API group like "apps"', 'apps', 253).regex(/^(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/, {
        error: msg('a Kubernetes API group like "apps", "" (the core group) or "*"', 'Write the group as kubectl api-resources lists it.'),
      })).max(50),
      resources: z.array(text('a Kubernetes resource like "deployments"', 'deployments', 253).regex(/^(\*|[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z0-9]+)?)$/, {
        error: msg('a Kubernetes resource like "deployments", "deployments/scale" or "*"', 'Write the plural resource name as kubectl api-resources lists it.'),
      })).min(1).max(100),
      verbs: z.array(z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'])).min(1),
    }))
    .default([])
    .meta({ description: 'Kubernetes RBAC rules this permission grants inside a tenant namespace. Default: none.' }),
});

const role = z.strictObject({
  title: text('a role title like "Security Manager"', 'Security Manager', TEXT_LIMITS.short).min(1)
    // IAM role descriptions, which carry the title, take printable Latin-1 only.
    .regex(/^[\u0020-\u007e\u00a1-\u00ff]+$/, { error: msg('a role title of printable Latin-1 characters', 'IAM role descriptions, which carry the title, allow letters of Western European languages only; spell it without other characters.') })
    .meta({ description: 'The role name as people say it ("Security Manager").' }),
  reports_to: identifier.optional().meta({ description: 'Parent in the role hierarchy. Default: none (a root role).' }),
  scope: z.enum(['organization', 'tenant']).default('tenant').meta({
    description: 'organization roles act across tenants (cluster-wide); tenant roles are bound in each tenant namespace.',
  }),
  permissions: z.array(identifier).default([]),
  sso_permission_set: text('an IAM Identity Center permission set name', 'AgentDeveloper', 32).regex(/^[\w+=,.@-]{1,32}$/, { error: msg('an IAM Identity Center permission set name', 'Use letters, digits and +=,.@-_ (at most 32).') }).optional()
    .meta({ description: 'Permission set whose SSO role is mapped to this role on the clusters. Default: not mapped.' }),
  kubernetes_group: k8sName.optional().meta({ description: 'Kubernetes group name. Default: "oaas:<role>".' }),
});

const approvalStage = z.strictObject({
  stage: identifier,
  approvers: z.array(identifier).min(1),
  criteria: z.array(identifier).min(1),
  timeout: duration(),
  escalate_to: identifier.optional(),
});

const approvalWorkflow = z.strictObject({
  applies_to: z.array(z.enum(['agent_creation', 'agent_deployment', 'configuration_change', 'tenant_provisioning'])).min(1),
  stages: z.array(approvalStage).min(1),
  parallel: z.boolean().default(false).meta({ description: 'Run stages in parallel where possible.' }),
  emergency_bypass: z.strictObject({
    allowed: z.boolean().default(false),
    approvers: z.array(identifier).default([]),
    post_deployment_review_within: duration().prefault('24 hours'),
  }).prefault({}),
});

const changeManagement = z.strictObject({
  change_types: z.array(z.enum(['configuration_change', 'agent_update', 'security_patch', 'infrastructure_change'])).min(1),
  approval_matrix: z.strictObject({
    low_risk: z.array(identifier).min(1),
    medium_risk: z.array(identifier).min(1),
    high_risk: z.array(identifier).min(1),
  }),
  implementation: z.strictObject({
    testing_required: z.boolean().default(true),
    rollback_plan_required: z.boolean().default(true),
    communication_required: z.boolean().default(true),
    post_implementation_review: z.boolean().default(true),
  }).prefault({}),
});

const audit = z.strictObject({
  retention: duration({ min: 86_400, max: MAX_LOG_RETENTION_SECONDS }).meta({
    description: 'How long audit records are kept under Object Lock and in CloudWatch Logs (the seeds ask for 7 years), from a day to 3653 days (CloudWatch Logs\' longest set retention).',
  }),
  categories: z.array(z.enum(['user_actions', 'system_events', 'security_events', 'compliance_events', 'performance_events'])).min(1),
  object_lock_mode: z.enum(['compliance', 'governance']).default('compliance'),
});

const sla = z.strictObject({
  availability: z.strictObject({ target: percentage(), measurement: plainText(), penalty: plainText().optional() }),
  performance: z.strictObject({ response_time: durationThreshold(), throughput: rateThreshold(), measurement: plainText() }),
  quality: z.strictObject({ success_rate: percentageThreshold(), error_rate: percentageThreshold(), measurement: plainText() }),
});

const costAttribution = z.strictObject({
  compute_costs: z.strictObject({ cpu_hours: unitPrice(), memory_gb_hours: unitPrice(), storage_gb_months: unitPrice() }),
  agent_operations: z.strictObject({ agent_creation: unitPrice(), agent_deployment: unitPrice(), agent_monitoring: unitPrice() }),
  compliance_costs: z.strictObject({ audit_logging: unitPrice(), compliance_reporting: unitPrice(), security_scanning: unitPrice() }),
});

const budgets = z.strictObject({
  daily: money({ positive: true }),
  monthly: money({ positive: true }),
  per_team: mapping(k8sName, money({ positive: true })).prefault({}).meta({ description: 'Monthly budget per team; the team is a tenant\'s `team`.' }),
  alert_thresholds: z.array(percentage({ min: 0.001 })).min(1).max(10).prefault(['50%', '80%', '100%']).meta({
    description: 'Percentages of the budget that alert, from 0.1% (the smallest threshold AWS Budgets takes). Default: 50%, 80% and 100%.',
  }),
  forecast_alerts: z.boolean().default(true).meta({ description: 'Also alert on forecast spend at each threshold.' }),
  notifications: z.strictObject({
    email: z.array(email).max(100).default([]),
    https: z.array(httpsUrl).max(100).default([]).meta({ description: 'Paging endpoints (PagerDuty, Opsgenie) subscribed over HTTPS.' }),
  }).refine((n) => n.email.length + n.https.length > 0, {
    error: msg('at least one notification endpoint', 'Add an email address or an https endpoint under budgets.notifications.'),
  }),
  automatic_controls: z.strictObject({
    deny_deployments_when_exceeded: z.boolean().default(true),
  }).prefault({}),
  cost_allocation_tag: tagKey.default('oaas:team'),
});

export const governanceFileSchema = z
  .strictObject({
    $schema: plainText(TEXT_LIMITS.reference).optional(),
    compliance,
    permissions: mapping(identifier, permission),
    roles: mapping(identifier, role),
    approval_workflows: mapping(identifier, approvalWorkflow).prefault({}),
    change_management: changeManagement,
    audit,
    sla,
    cost_attribution: costAttribution,
    budgets,
  })
  .meta({ title: 'OAAS governance.yml', description: 'Compliance, RBAC, approvals, change management, audit, SLAs, cost attribution and budgets.' });

export type GovernanceFile = z.output<typeof governanceFileSchema>;
export type RoleDefinition = GovernanceFile['roles'][string];
export type PermissionDefinition = GovernanceFile['permissions'][string];
