/**
 * Approvers from the enterprise example's governance.yml: the approval
 * matrix by risk, and the agent-creation workflow's four stages with their
 * criteria and timeouts; tenant roles named per tenant.
 */
import { approvalRequirements, durationText, requirementIdsFor } from '../../lib/plan/approvals';
import { approvalPolicyOf } from '../../lib/plan/governance';
import { exampleModel } from '../helpers/workspace';

const policy = approvalPolicyOf(exampleModel('enterprise'));

describe('approvals from examples/enterprise/governance.yml', () => {
  test('the governance adapter reads change types, the matrix, workflows and roles', () => {
    expect(policy.changeTypes).toEqual(['configuration_change', 'agent_update', 'security_patch', 'infrastructure_change']);
    expect(policy.matrix).toEqual({
      low: ['technical_lead'], medium: ['technical_lead', 'security_manager'], high: ['technical_lead', 'security_manager', 'compliance_manager', 'tenant_administrator'],
    });
    expect(policy.workflows.map((w) => [w.id, w.appliesTo, w.stages.map((s) => s.stage)])).toEqual([
      ['agent_creation', ['agent_creation'], ['technical_review', 'security_review', 'compliance_review', 'business_approval']],
    ]);
    expect(policy.roles.tenant_administrator).toEqual({ title: 'Tenant Administrator', scope: 'tenant' });
    expect(policy.roles.system_administrator).toEqual({ title: 'System Administrator', scope: 'organization' });
    expect(policy.implementation).toEqual({ testing_required: true, rollback_plan_required: true, communication_required: true, post_implementation_review: true });
  });

  test('an agent-creation change needs the workflow, any other change the matrix row of its risk', () => {
    expect(requirementIdsFor(['tenant_provisioning', 'agent_creation'], 'medium', policy)).toEqual(['workflow:agent_creation']);
    expect(requirementIdsFor(['infrastructure_change'], 'high', policy)).toEqual(['matrix:high']);
    expect(requirementIdsFor(['configuration_change'], 'low', policy)).toEqual(['matrix:low']);
  });

  test('the agent-creation workflow lists its stages in order, with approvers, criteria and timeouts', () => {
    const [workflow] = approvalRequirements([{ approvals: ['workflow:agent_creation'], owner: { kind: 'tenant', tenant: 'ops' } }], policy);
    expect(workflow).toEqual({
      kind: 'workflow', id: 'workflow:agent_creation', workflow: 'agent_creation', key: 'approval_workflows.agent_creation', appliesTo: ['agent_creation'], parallel: false,
      stages: [
        { stage: 'technical_review', approvers: [{ role: 'meta_agent_manager', title: 'Meta-Agent Manager', tenant: 'ops' }], criteria: ['technical_feasibility', 'resource_requirements'], timeoutSeconds: 86400, timeout: '24 hours' },
        { stage: 'security_review', approvers: [{ role: 'security_manager', title: 'Security Manager', tenant: 'ops' }], criteria: ['security_compliance', 'data_protection'], timeoutSeconds: 172800, timeout: '48 hours' },
        { stage: 'compliance_review', approvers: [{ role: 'compliance_manager', title: 'Compliance Manager', tenant: 'ops' }], criteria: ['regulatory_compliance', 'policy_adherence'], timeoutSeconds: 259200, timeout: '72 hours' },
        { stage: 'business_approval', approvers: [{ role: 'tenant_administrator', title: 'Tenant Administrator', tenant: 'ops' }], criteria: ['business_justification', 'budget_approval'], timeoutSeconds: 172800, timeout: '48 hours' },
      ],
      emergencyBypass: { approvers: [{ role: 'enterprise_administrator', title: 'Enterprise Administrator' }], reviewWithin: '24 hours' },
    });
  });

  test('high risk names the matrix\'s high-risk approvers, tenant roles for each tenant concerned, workflows first', () => {
    const requirements = approvalRequirements([
      { approvals: ['matrix:high'], owner: { kind: 'tenant', tenant: 'web' } },
      { approvals: ['matrix:high'], owner: { kind: 'tenant', tenant: 'data' } },
      { approvals: ['workflow:agent_creation'], owner: { kind: 'tenant', tenant: 'ops' } },
    ], policy);
    expect(requirements.map((r) => r.id)).toEqual(['workflow:agent_creation', 'matrix:high']);
    expect(requirements[1]).toEqual({
      kind: 'matrix', id: 'matrix:high', risk: 'high', key: 'change_management.approval_matrix.high_risk',
      approvers: [
        { role: 'technical_lead', title: 'Technical Lead', tenant: 'data' }, { role: 'technical_lead', title: 'Technical Lead', tenant: 'web' },
        { role: 'security_manager', title: 'Security Manager', tenant: 'data' }, { role: 'security_manager', title: 'Security Manager', tenant: 'web' },
        { role: 'compliance_manager', title: 'Compliance Manager', tenant: 'data' }, { role: 'compliance_manager', title: 'Compliance Manager', tenant: 'web' },
        { role: 'tenant_administrator', title: 'Tenant Administrator', tenant: 'data' }, { role: 'tenant_administrator', title: 'Tenant Administrator', tenant: 'web' },
      ],
    });
  });

  test('a platform change needs every tenant\'s holder of a tenant role, named without a tenant', () => {
    const [high] = approvalRequirements([{ approvals: ['matrix:high'], owner: { kind: 'platform', layer: 'audit' } }, { approvals: ['matrix:high'], owner: { kind: 'tenant', tenant: 'web' } }], policy);
    expect(high!.kind === 'matrix' && high!.approvers).toEqual([
      { role: 'technical_lead', title: 'Technical Lead', everyTenant: true }, { role: 'security_manager', title: 'Security Manager', everyTenant: true },
      { role: 'compliance_manager', title: 'Compliance Manager', everyTenant: true }, { role: 'tenant_administrator', title: 'Tenant Administrator', everyTenant: true },
    ]);
  });

  test('durations read as governance.yml writes them', () => {
    expect([durationText(86400), durationText(259200), durationText(7 * 86400), durationText(3600), durationText(90)]).toEqual(['24 hours', '72 hours', '7 days', '1 hour', '90 seconds']);
  });
});
