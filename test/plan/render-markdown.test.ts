/** The Markdown summary for a pull-request comment. */
import { formatPlanMarkdown, MARKDOWN_ROWS_PER_RISK } from '../../lib/plan/render-markdown';
import { largePlan, reviewPlan } from './fixtures';

describe('formatPlanMarkdown', () => {
  const markdown = formatPlanMarkdown(reviewPlan());

  test('leads with the headline, the base and the exit code', () => {
    expect(markdown.split('\n').slice(0, 3)).toEqual([
      '## oaas plan: 7 changes, approval required',
      '',
      'Workspace `examples/acme`, against `main` (`0123456789ab`): 7 changes (2 high, 5 medium). Exit code 3.',
    ]);
    expect(markdown).toContain('Tenants: `ops` new (5 medium), `web` changed (1 high).');
  });

  test('names the approvers: the workflow\'s stages in order with criteria and timeouts, the matrix row of each risk', () => {
    expect(markdown).toContain([
      '- **Workflow agent creation (for agent creation)** (`approval_workflows.agent_creation`, 5 changes), stages in order:',
      '  1. `technical_review`: Meta-Agent Manager (ops); criteria `technical_feasibility`, `resource_requirements`; timeout 24 hours',
      '  2. `security_review`: Security Manager (ops); criteria `security_compliance`, `data_protection`; timeout 48 hours',
      '  3. `compliance_review`: Compliance Manager (ops); criteria `regulatory_compliance`, `policy_adherence`; timeout 72 hours',
      '  4. `business_approval`: Tenant Administrator (ops); criteria `business_justification`, `budget_approval`; timeout 48 hours',
      '  Emergency bypass: Enterprise Administrator, reviewed within 24 hours after deployment.',
    ].join('\n'));
    expect(markdown).toContain('- **High risk: approval matrix** (`change_management.approval_matrix.high_risk`, 2 changes): '
      + 'Technical Lead (every tenant\'s), Security Manager (every tenant\'s), Compliance Manager (every tenant\'s), Tenant Administrator (every tenant\'s)');
  });

  test('lists each high-risk change with where it is, its definition and why', () => {
    expect(markdown).toContain('| replace AWS::S3::Bucket AuditBucket (replaced: BucketName) | platform: audit (acme-production-eu-west-1-audit) | `governance.yml:1 audit` (owner) | `stateful-removed-or-replaced` |');
    expect(markdown).toMatch(/\| update AWS::IAM::ManagedPolicy WebWorkloadDataAccess \(PolicyDocument\) \| tenant web \(acme-production-eu-west-1-tenant-web\) \| `tenants\/web\.yml:1 tenant_id` \(owner\) \| `access-widened`: allows s3:\* on .*\/tenants\/web\/\* \(TenantObjects\) \|/);
  });

  test('reports the compliance gate of the new version', () => {
    expect(markdown).toContain('**Passed** (threshold 95.0%): iso_27001 100.0%, gdpr 97.0% (1 failed).');
  });

  test('folds long lists and cuts them, so a comment stays short at a thousand changes', () => {
    const large = formatPlanMarkdown(largePlan(1000));
    expect(large).toContain('<details><summary>Medium risk (349)</summary>');
    expect(large).toContain(`| … and ${349 - MARKDOWN_ROWS_PER_RISK} more (plan.json, plan.html) | | | |`);
    expect(large.length).toBeLessThan(60_000);
  });

  test('escapes what would break a table row', () => {
    const plan = reviewPlan();
    const tricky = { ...plan, changes: plan.changes.map((c, i) => (i === 0 ? { ...c, summary: 'a | b\nc' } : c)) };
    expect(formatPlanMarkdown(tricky)).toContain('| a \\| b c |');
  });

  test('with no change, says so', () => {
    const plan = reviewPlan();
    const empty = { ...plan, changes: [], approvals: [], tenants: [], summary: { changes: 0, byRisk: { high: 0, medium: 0, low: 0 }, approvalRequired: false, exitCode: 0 as const } };
    expect(formatPlanMarkdown(empty)).toMatch(/^## oaas plan: no changes\n/);
  });
});
