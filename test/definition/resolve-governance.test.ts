/** governance.yml → GovernanceModel: names, units (seconds, cents, ratios) and order. */
import type { GovernanceModel } from '../../lib/definition/model';
import { exampleModel, exampleTexts, loadTexts } from '../helpers/workspace';

const HOUR = 3600;
const governance: GovernanceModel = exampleModel('enterprise').governance;

describe('compliance', () => {
  test('declared frameworks keyed by id in catalogue order, with their settings; the threshold a ratio', () => {
    expect(Object.keys(governance.compliance.frameworks)).toEqual(['iso_42001', 'nist_ai_rmf', 'eu_ai_act', 'sox', 'hipaa', 'gdpr', 'iso_27001']);
    expect(governance.compliance.frameworks.iso_42001).toEqual({
      id: 'iso_42001', enabled: true, critical: true, scope: 'AI management system', reviewFrequency: 'quarterly',
    });
    expect(governance.compliance.frameworks.nist_ai_rmf).toEqual({ id: 'nist_ai_rmf', enabled: true, critical: false, tier: 'tier3' });
    expect(governance.compliance.frameworks.eu_ai_act?.riskCategory).toBe('high');
    expect(governance.compliance.scoreThreshold).toBe(0.95);
  });

  test('a disabled framework stays declared, and out of the enabled list', () => {
    const texts = exampleTexts('starter');
    texts['governance.yml'] = texts['governance.yml']!.replace('    gdpr:', '    sox: { enabled: false, critical: true }\n    gdpr:');
    const model = loadTexts(texts).model!;
    expect(model.governance.compliance.frameworks.sox).toEqual({ id: 'sox', enabled: false, critical: true });
    expect(model.frameworks).toEqual(['gdpr', 'iso_27001']);
  });
});

describe('permissions and roles', () => {
  test('permissions keyed by id, sorted, with their Kubernetes rules in the model\'s names', () => {
    expect(Object.keys(governance.permissions)).toEqual([...Object.keys(governance.permissions)].sort());
    expect(governance.permissions.create_agents).toEqual({
      id: 'create_agents',
      description: 'Create agents',
      kubernetesRules: [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] },
        { apiGroups: [''], resources: ['services', 'serviceaccounts'], verbs: ['create'] },
      ],
    });
    expect(governance.permissions.system_admin?.kubernetesRules).toEqual([]);
  });

  test('roles keyed by id, sorted, with scope defaulted to tenant and optional fields only when set', () => {
    expect(Object.keys(governance.roles)).toEqual([...Object.keys(governance.roles)].sort());
    expect(governance.roles.agent_developer).toEqual({
      id: 'agent_developer', title: 'Agent Developer', reportsTo: 'meta_agent_manager', scope: 'tenant',
      permissions: ['create_agents', 'modify_config', 'view_audit'], ssoPermissionSet: 'AgentDeveloper',
    });
    expect(governance.roles.enterprise_administrator).toMatchObject({ scope: 'organization', ssoPermissionSet: 'EnterpriseAdmin' });
    expect(governance.roles.enterprise_administrator).not.toHaveProperty('reportsTo');
    expect(governance.roles.compliance_analyst).not.toHaveProperty('ssoPermissionSet');
    expect(governance.roles.compliance_analyst).not.toHaveProperty('kubernetesGroup');
  });
});

describe('approvals and change management', () => {
  test('an approval workflow\'s stages in order, timeouts in seconds, the bypass resolved', () => {
    const workflow = governance.approvalWorkflows.agent_creation!;
    expect(workflow).toMatchObject({ name: 'agent_creation', appliesTo: ['agent_creation'], parallel: false });
    expect(workflow.stages.map((s) => [s.name, s.approvers, s.timeoutSeconds])).toEqual([
      ['technical_review', ['meta_agent_manager'], 24 * HOUR],
      ['security_review', ['security_manager'], 48 * HOUR],
      ['compliance_review', ['compliance_manager'], 72 * HOUR],
      ['business_approval', ['tenant_administrator'], 48 * HOUR],
    ]);
    expect(workflow.stages[1]!.criteria).toEqual(['security_compliance', 'data_protection']);
    expect(workflow.emergencyBypass).toEqual({ allowed: true, approvers: ['enterprise_administrator'], postDeploymentReviewSeconds: 24 * HOUR });
  });

  test('change management: approvers per risk level and what each change must bring', () => {
    expect(governance.changeManagement).toEqual({
      changeTypes: ['configuration_change', 'agent_update', 'security_patch', 'infrastructure_change'],
      approvers: {
        lowRisk: ['technical_lead'],
        mediumRisk: ['technical_lead', 'security_manager'],
        highRisk: ['technical_lead', 'security_manager', 'compliance_manager', 'tenant_administrator'],
      },
      testingRequired: true, rollbackPlanRequired: true, communicationRequired: true, postImplementationReview: true,
    });
  });
});

describe('audit, SLA, cost attribution and budgets', () => {
  test('audit retention in seconds, the same as the workspace\'s auditRetention', () => {
    expect(governance.audit).toEqual({
      retentionSeconds: 7 * 365 * 24 * HOUR,
      categories: ['user_actions', 'system_events', 'security_events', 'compliance_events', 'performance_events'],
      objectLockMode: 'compliance',
    });
    expect(exampleModel('enterprise').auditRetention).toBe(governance.audit.retentionSeconds);
  });

  test('SLA targets as ratios, seconds and rates with their direction', () => {
    expect(governance.sla.availability).toEqual({ target: 0.999, measurement: 'uptime percentage', penalty: 'service credits' });
    expect(governance.sla.performance.responseTime).toEqual({ operator: '<', value: 2 });
    expect(governance.sla.performance.throughput).toEqual({ operator: '>', value: { amount: 1000, unit: 'operations', per: 'minute' } });
    expect(governance.sla.quality.successRate).toEqual({ operator: '>', value: 0.99 });
    expect(governance.sla.quality.errorRate).toEqual({ operator: '<', value: 0.01 });
  });

  test('cost attribution prices in cents per unit', () => {
    expect(governance.costAttribution.computeCosts.cpuHours).toEqual({ cents: 10, per: 'hour' });
    expect(governance.costAttribution.computeCosts.memoryGbHours).toEqual({ cents: 5, per: 'gb_hour' });
    expect(governance.costAttribution.agentOperations.agentMonitoring).toEqual({ cents: 50, per: 'agent_per_day' });
    expect(governance.costAttribution.complianceCosts.complianceReporting).toEqual({ cents: 1000, per: 'report' });
  });

  test('the governance budgets before environment overrides, in cents and ratios', () => {
    expect(governance.budgets).toMatchObject({
      dailyCents: 100_000,
      monthlyCents: 3_000_000,
      perTeamCents: { 'data-science': 1_200_000, engineering: 1_200_000, operations: 300_000, security: 300_000 },
      alertThresholds: [0.5, 0.8, 1],
      denyDeploymentsWhenExceeded: true,
      costAllocationTag: 'oaas:team',
    });
    expect(Object.keys(governance.budgets.perTeamCents)).toEqual(['data-science', 'engineering', 'operations', 'security']);
  });
});
