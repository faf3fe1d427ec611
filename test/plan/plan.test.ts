/**
 * The plan on the starter workspace, synthesized once as the base: a new
 * tenant, a tenant role's S3 access widened and narrowed, a retained bucket
 * replaced, a tag changed, and edits to one tenant's file. Each is checked for
 * its risk, the rule that decided it, where it traces in the definition and
 * who must approve it (the starter's governance, and the enterprise
 * example's, whose agent-creation workflow has four stages).
 */
import type { WorkspaceTexts } from '../../lib/definition/loader';
import { loadWorkspaceTexts } from '../../lib/definition/loader';
import { DefinitionIndex } from '../../lib/plan/definition-trace';
import { approvalPolicyOf } from '../../lib/plan/governance';
import type { ApprovalPolicy } from '../../lib/plan/governance';
import type { PlanTemplate, VersionOutputs } from '../../lib/plan/outputs';
import { buildPlan } from '../../lib/plan/plan';
import { synthesizeVersion } from '../../lib/plan/synthesis';
import type { Plan } from '../../lib/plan/types';
import { exampleModel, exampleTexts, OPS_TENANT } from '../helpers/workspace';

function synth(texts: WorkspaceTexts): { outputs: VersionOutputs; policy: ApprovalPolicy } {
  const loaded = loadTexts(texts);
  const version = synthesizeVersion(loaded);
  try {
    return { outputs: { templates: version.templates, manifests: version.manifests }, policy: approvalPolicyOf(loaded) };
  } finally {
    version.dispose();
  }
}

function loadTexts(texts: WorkspaceTexts) {
  const loaded = loadWorkspaceTexts(texts);
  if (!loaded.model) throw new Error(JSON.stringify(loaded.diagnostics, null, 2));
  return loaded.model;
}

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** A copy of the templates with one resource changed. */
function edit(templates: readonly PlanTemplate[], stackEnd: string, pick: (id: string, r: Resource) => boolean, change: (r: Resource) => void): PlanTemplate[] {
  const copy = JSON.parse(JSON.stringify(templates)) as PlanTemplate[];
  const stack = copy.find((t) => t.stack.endsWith(stackEnd))!;
  const [, resource] = Object.entries(stack.template.Resources as Record<string, Resource>).find(([id, r]) => pick(id, r))!;
  change(resource);
  return copy;
}

type Statement = { Sid: string; Action: string | string[]; Resource: unknown };
const tenantObjects = (r: Resource) => ((r.Properties.PolicyDocument as { Statement: Statement[] }).Statement).find((s) => s.Sid === 'TenantObjects')!;
const isWebDataAccess = (id: string, r: Resource) => r.Type === 'AWS::IAM::ManagedPolicy' && id.startsWith('WebWorkloadDataAccess');

describe('oaas plan on the starter workspace', () => {
  const texts = exampleTexts('starter');
  let base: VersionOutputs;
  let starterPolicy: ApprovalPolicy;
  const enterprisePolicy = approvalPolicyOf(exampleModel('enterprise'));

  beforeAll(() => {
    ({ outputs: base, policy: starterPolicy } = synth(texts));
  });

  /** The plan from the base to `head`; `baseTexts: null` when the base's definition is unknown (a saved output). */
  function plan(head: VersionOutputs, headTexts: WorkspaceTexts = texts, policy = starterPolicy, baseTexts: WorkspaceTexts | null = texts): Plan {
    return buildPlan({
      workspace: 'examples/starter', base: { kind: 'git', label: 'main' }, baseOutputs: base, headOutputs: head,
      definition: new DefinitionIndex(headTexts, baseTexts ?? undefined), policy, naming: { organization: 'starter', environments: ['dev'] },
    });
  }

  test('the same outputs plan no change, exit code 0', () => {
    const same = plan(base);
    expect(same.summary).toEqual({ changes: 0, byRisk: { high: 0, medium: 0, low: 0 }, approvalRequired: false, exitCode: 0 });
    expect(same.compared).toEqual({ templates: true, manifests: true, notes: [] });
  });

  describe('adding a tenant', () => {
    const headTexts = { ...texts, 'tenants/ops.yml': OPS_TENANT };
    let added: Plan;
    beforeAll(() => {
      added = plan(synth(headTexts).outputs, headTexts);
    });

    test('is an agent-creation change, every part of it, and touches no other tenant', () => {
      expect(added.changes.length).toBeGreaterThan(20);
      expect(new Set(added.changes.map((c) => c.rule.id))).toEqual(new Set(['new-tenant']));
      expect(added.changes.every((c) => c.owner.kind === 'tenant' && c.owner.tenant === 'ops' && c.action === 'add')).toBe(true);
      expect(added.changes.every((c) => c.changeTypes.includes('agent_creation'))).toBe(true);
      expect(added.tenants).toEqual([{ id: 'ops', file: 'tenants/ops.yml', status: 'new', byRisk: { high: 0, medium: added.changes.length, low: 0 } }]);
      expect(added.summary.exitCode).toBe(3);
    });

    test('needs the stages of approval_workflows.agent_creation', () => {
      expect(added.changes.every((c) => c.approvals.length === 1 && c.approvals[0] === 'workflow:agent_creation')).toBe(true);
      expect(added.approvals).toEqual([expect.objectContaining({
        id: 'workflow:agent_creation',
        stages: [{ stage: 'business_approval', approvers: [{ role: 'tenant_administrator', title: 'Tenant Administrator', tenant: 'ops' }], criteria: ['business_justification'], timeoutSeconds: 172800, timeout: '48 hours' }],
      })]);
      const enterprise = plan(synth(headTexts).outputs, headTexts, enterprisePolicy);
      const [workflow] = enterprise.approvals;
      expect(workflow!.kind === 'workflow' && workflow!.stages.map((s) => [s.stage, s.approvers.map((a) => a.role), s.criteria, s.timeout])).toEqual([
        ['technical_review', ['meta_agent_manager'], ['technical_feasibility', 'resource_requirements'], '24 hours'],
        ['security_review', ['security_manager'], ['security_compliance', 'data_protection'], '48 hours'],
        ['compliance_review', ['compliance_manager'], ['regulatory_compliance', 'policy_adherence'], '72 hours'],
        ['business_approval', ['tenant_administrator'], ['business_justification', 'budget_approval'], '48 hours'],
      ]);
    });

    test('traces to the new tenant file', () => {
      expect(added.changes.every((c) => c.definition.basis === 'changed' && c.definition.refs.every((r) => r.file === 'tenants/ops.yml'))).toBe(true);
      expect(added.definitionChanges).toEqual([{ file: 'tenants/ops.yml', path: '(root)', line: 1, column: 1 }]);
    });
  });

  describe('a tenant role\'s S3 access', () => {
    test('widened is high risk, needing the approval matrix\'s high-risk approvers', () => {
      const widened = edit(base.templates!, '-tenant-web', isWebDataAccess, (r) => { tenantObjects(r).Action = 's3:*'; });
      const result = plan({ ...base, templates: widened });
      expect(result.changes).toHaveLength(1);
      const [change] = result.changes;
      expect(change).toMatchObject({
        risk: 'high', rule: { id: 'access-widened' }, owner: { kind: 'tenant', tenant: 'web' }, approvals: ['matrix:high'],
        access: { surface: 'IAM policy', effect: 'widened', findings: [expect.stringMatching(/^allows s3:\* on arn:aws:s3:::starter-dev-eu-west-1-tenant-data-222222222222\/tenants\/web\/\* \(TenantObjects\)$/)] },
      });
      expect(result.approvals).toEqual([{ kind: 'matrix', id: 'matrix:high', risk: 'high', key: 'change_management.approval_matrix.high_risk', approvers: [{ role: 'tenant_administrator', title: 'Tenant Administrator', tenant: 'web' }] }]);
      expect(result.securityReports.map((r) => [r.stack, r.permissionsBroadened])).toEqual([['starter-dev-eu-west-1-tenant-web', true]]);
      const enterprise = plan({ ...base, templates: widened }, texts, enterprisePolicy);
      expect(enterprise.approvals[0]!.kind === 'matrix' && enterprise.approvals[0]!.approvers.map((a) => `${a.role}/${a.tenant ?? ''}`))
        .toEqual(['technical_lead/web', 'security_manager/web', 'compliance_manager/web', 'tenant_administrator/web']);
    });

    test('widened from its prefix to the whole bucket is high risk too', () => {
      const widened = edit(base.templates!, '-tenant-web', isWebDataAccess, (r) => { tenantObjects(r).Resource = 'arn:aws:s3:::starter-dev-eu-west-1-tenant-data-222222222222/*'; });
      expect(plan({ ...base, templates: widened }).changes.map((c) => [c.risk, c.rule.id])).toEqual([['high', 'access-widened']]);
    });

    test('narrowed is medium risk', () => {
      const narrowed = edit(base.templates!, '-tenant-web', isWebDataAccess, (r) => { tenantObjects(r).Action = ['s3:GetObject']; });
      const result = plan({ ...base, templates: narrowed });
      expect(result.changes.map((c) => [c.risk, c.rule.id, c.approvals])).toEqual([['medium', 'access-narrowed', ['matrix:medium']]]);
      expect(result.changes[0]!.access!.findings).toEqual([expect.stringMatching(/^no longer allows s3:DeleteObject, s3:PutObject on /)]);
    });
  });

  test('a retained bucket\'s replacement is high risk; its policy, which refers to it, is replaced too', () => {
    const replaced = edit(base.templates!, '-audit', (_id, r) => r.Type === 'AWS::S3::Bucket' && r.DeletionPolicy === 'Retain' && r.Properties.BucketName !== undefined,
      (r) => { r.Properties.BucketName = `${String(r.Properties.BucketName)}-v2`; });
    const result = plan({ ...base, templates: replaced });
    expect(result.changes.map((c) => [c.action, c.risk, c.rule.id, c.target.kind === 'cloudformation' && c.target.resourceType])).toEqual([
      ['replace', 'high', 'stateful-removed-or-replaced', 'AWS::S3::Bucket'],
      ['replace', 'medium', 'replaced', 'AWS::S3::BucketPolicy'],
    ]);
    expect(result.changes[0]!.owner).toEqual({ kind: 'platform', layer: 'audit' });
    expect(result.changes[0]!.summary).toMatch(/\(replaced: BucketName\)$/);
    expect(result.changes[1]!.summary).toMatch(/\(replaced: Bucket\)$/);
    expect(result.changes[0]!.definition.refs.map((r) => r.path)).toEqual(['audit', 'environments[0].regions', 'environments[0].disaster_recovery']);
    // The starter's change_management.change_types lists configuration_change and agent_update only.
    expect(result.compared.notes).toEqual(['2 change(s) are infrastructure_change, which change_management.change_types does not list: add it there, or they are outside change management (the approval matrix still names their approvers).']);
    expect(plan({ ...base, templates: replaced }, texts, enterprisePolicy).compared.notes).toEqual([]);
  });

  test('a tag-only change is low risk', () => {
    const tagged = edit(base.templates!, '-tenant-web', (_id, r) => r.Type === 'AWS::IAM::Role', (r) => {
      (r.Properties.Tags as Array<{ Key: string; Value: string }>).find((t) => t.Key === 'oaas:cost-center')!.Value = 'CC-999';
    });
    const result = plan({ ...base, templates: tagged });
    expect(result.changes.map((c) => [c.risk, c.rule.id, c.approvals])).toEqual([['low', 'metadata-only', ['matrix:low']]]);
    expect(result.summary).toMatchObject({ approvalRequired: false, exitCode: 0 });
  });

  describe('a change in one tenant\'s file', () => {
    const web = texts['tenants/web.yml']!
      .replace('reviewer:1.2.0', 'reviewer:1.3.0')
      .replace('      - name: summarizer', '      - name: translator\n        image: ghcr.io/starter/translator:1.0.0\n      - name: summarizer')
      .replace('resources: { cpu: 100m, memory: 256Mi }', 'resources: { cpu: 200m, memory: 256Mi }');
    const headTexts = { ...texts, 'tenants/web.yml': web };
    let edited: Plan;
    beforeAll(() => {
      expect(web).not.toBe(texts['tenants/web.yml']);
      edited = plan(synth(headTexts).outputs, headTexts);
    });

    test('never shows changes in another tenant\'s', () => {
      expect(edited.changes.length).toBeGreaterThan(5);
      expect(edited.changes.filter((c) => c.owner.kind !== 'tenant' || c.owner.tenant !== 'web')).toEqual([]);
      expect(edited.tenants.map((t) => t.id)).toEqual(['web']);
      expect(edited.changes.flatMap((c) => c.definition.refs.map((r) => r.file)).every((f) => f === 'tenants/web.yml')).toBe(true);
    });

    test('the new agent is agent creation; the existing agents\' edits trace to their own keys', () => {
      const byAgent = (agent: string) => edited.changes.filter((c) => c.owner.kind === 'tenant' && c.owner.agent === agent);
      expect(new Set(byAgent('translator').map((c) => c.rule.id))).toEqual(new Set(['new-agent']));
      expect(byAgent('reviewer').map((c) => [c.summary, c.rule.id, c.risk, c.definition.refs.map((r) => `${r.file}:${r.line} ${r.path}`)]))
        .toEqual([['update Deployment web/reviewer', 'agent-updated', 'low', ['tenants/web.yml:10 projects[0].agents[0].image']]]);
      expect(byAgent('summarizer').every((c) => c.definition.refs.every((r) => r.path.startsWith('projects[0].agents[2]')))).toBe(true);
    });
  });

  test('two plans of the same inputs are the same bytes', () => {
    const widened = edit(base.templates!, '-tenant-web', isWebDataAccess, (r) => { tenantObjects(r).Action = 's3:*'; });
    expect(JSON.stringify(plan({ ...base, templates: widened }))).toBe(JSON.stringify(plan({ ...base, templates: widened })));
  });

  test('without the base\'s definition, changes trace to what they belong to', () => {
    const widened = edit(base.templates!, '-tenant-web', isWebDataAccess, (r) => { tenantObjects(r).Action = 's3:*'; });
    const result = plan({ ...base, templates: widened }, texts, starterPolicy, null);
    expect(result.changes[0]!.definition).toEqual({ basis: 'owner', refs: [{ file: 'tenants/web.yml', path: 'tenant_id', line: 2, column: 1 }] });
    expect(result.definitionChanges).toBeUndefined();
  });

  test('a base without manifests compares templates only, and says so', () => {
    const result = plan(base, texts, starterPolicy, texts);
    const templatesOnly = buildPlan({
      workspace: 'w', base: { kind: 'folder', label: 'cdk.out' }, baseOutputs: { templates: base.templates! }, headOutputs: base,
      definition: new DefinitionIndex(texts), policy: starterPolicy, naming: { organization: 'starter', environments: ['dev'] },
    });
    expect(result.compared.manifests).toBe(true);
    expect(templatesOnly.compared).toEqual({ templates: true, manifests: false, notes: [expect.stringMatching(/^Kubernetes manifests were not compared/)] });
  });
});
