/**
 * Small hand-made versions for the renderer and browser tests: a base with
 * one tenant (web) and an audit bucket, and a new version that adds a tenant
 * (ops), widens web's S3 access and replaces the retained audit bucket. And a
 * generator of plans with many changes, to see the page at scale.
 */
import { DefinitionIndex } from '../../lib/plan/definition-trace';
import type { ApprovalPolicy } from '../../lib/plan/governance';
import type { PlanManifest, PlanTemplate, VersionOutputs } from '../../lib/plan/outputs';
import { buildPlan } from '../../lib/plan/plan';
import type { Plan } from '../../lib/plan/types';

/** The enterprise example's approval rules, as the governance adapter reads them. */
export const POLICY: ApprovalPolicy = {
  changeTypes: ['configuration_change', 'agent_update', 'security_patch', 'infrastructure_change'],
  matrix: { low: ['technical_lead'], medium: ['technical_lead', 'security_manager'], high: ['technical_lead', 'security_manager', 'compliance_manager', 'tenant_administrator'] },
  workflows: [{
    id: 'agent_creation', appliesTo: ['agent_creation'], parallel: false,
    stages: [
      { stage: 'technical_review', approvers: ['meta_agent_manager'], criteria: ['technical_feasibility', 'resource_requirements'], timeoutSeconds: 86400 },
      { stage: 'security_review', approvers: ['security_manager'], criteria: ['security_compliance', 'data_protection'], timeoutSeconds: 172800 },
      { stage: 'compliance_review', approvers: ['compliance_manager'], criteria: ['regulatory_compliance', 'policy_adherence'], timeoutSeconds: 259200 },
      { stage: 'business_approval', approvers: ['tenant_administrator'], criteria: ['business_justification', 'budget_approval'], timeoutSeconds: 172800 },
    ],
    emergencyBypass: { approvers: ['enterprise_administrator'], reviewWithinSeconds: 86400 },
  }],
  roles: {
    compliance_manager: { title: 'Compliance Manager', scope: 'tenant' }, enterprise_administrator: { title: 'Enterprise Administrator', scope: 'organization' },
    meta_agent_manager: { title: 'Meta-Agent Manager', scope: 'tenant' }, security_manager: { title: 'Security Manager', scope: 'tenant' },
    technical_lead: { title: 'Technical Lead', scope: 'tenant' }, tenant_administrator: { title: 'Tenant Administrator', scope: 'tenant' },
  },
  implementation: { testing_required: true, rollback_plan_required: true, communication_required: true, post_implementation_review: true },
};

const S3 = 'arn:aws:s3:::acme-production-eu-west-1-tenant-data-123456789012';

function tenantStack(tenant: string, actions: string | string[]): PlanTemplate {
  const id = tenant[0]!.toUpperCase() + tenant.slice(1);
  return {
    stack: `acme-production-eu-west-1-tenant-${tenant}`,
    constructPaths: {},
    template: {
      Resources: {
        [`${id}WorkloadRole`]: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Principal: { Service: 'pods.eks.amazonaws.com' } }] }, Tags: [{ Key: 'oaas:tenant', Value: tenant }] },
        },
        [`${id}WorkloadDataAccess`]: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'TenantObjects', Effect: 'Allow', Action: actions, Resource: `${S3}/tenants/${tenant}/*` }] },
            Roles: [{ Ref: `${id}WorkloadRole` }],
          },
        },
        [`${id}WorkloadPodIdentityAgent`]: {
          Type: 'AWS::EKS::PodIdentityAssociation',
          Properties: { ClusterName: 'acme', Namespace: tenant, ServiceAccount: 'agent', RoleArn: { 'Fn::GetAtt': [`${id}WorkloadRole`, 'Arn'] } },
        },
      },
    },
  };
}

function auditStack(bucketName: string): PlanTemplate {
  return {
    stack: 'acme-production-eu-west-1-audit',
    constructPaths: { AuditBucket: 'acme-production-eu-west-1-audit/Audit/Bucket/Resource' },
    template: { Resources: { AuditBucket: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { BucketName: bucketName, ObjectLockEnabled: true } } } },
  };
}

function namespaceObjects(tenant: string): PlanManifest[] {
  const at = (object: Record<string, unknown>): PlanManifest => ({ environment: 'production', region: 'eu-west-1', tenant, path: `production/eu-west-1/${tenant}/${tenant}/manifests.yaml`, object });
  const labels = { 'oaas.io/tenant': tenant, 'app.kubernetes.io/component': 'agent', 'app.kubernetes.io/name': 'agent' };
  return [
    at({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: tenant, labels: { 'oaas.io/tenant': tenant, 'pod-security.kubernetes.io/enforce': 'restricted' } } }),
    at({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'agent', namespace: tenant, labels }, spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'agent' } }, template: { spec: { containers: [{ name: 'agent', image: `ghcr.io/acme/${tenant}-agent:1.0.0` }] } } } }),
  ];
}

export const BASE: VersionOutputs = {
  templates: [tenantStack('web', ['s3:GetObject', 's3:PutObject']), auditStack('acme-audit-eu-west-1')],
  manifests: namespaceObjects('web'),
};

export const HEAD: VersionOutputs = {
  templates: [tenantStack('web', 's3:*'), tenantStack('ops', ['s3:GetObject', 's3:PutObject']), auditStack('acme-audit-eu-west-1-v2')],
  manifests: [...namespaceObjects('web'), ...namespaceObjects('ops')],
};

const WORKSPACE = 'organization:\n  name: acme\nenvironments:\n  - name: production\n';
export const HEAD_TEXTS = {
  'workspace.yml': WORKSPACE,
  'governance.yml': 'audit:\n  retention: 7 years\n',
  'tenants/web.yml': 'tenant_id: web\nteam: web\n',
  'tenants/ops.yml': 'tenant_id: ops\nteam: web\nprojects:\n  - name: runbooks\n    agents:\n      - name: agent\n        image: ghcr.io/acme/ops-agent:1.0.0\n',
};
export const BASE_TEXTS = { 'workspace.yml': WORKSPACE, 'governance.yml': HEAD_TEXTS['governance.yml'], 'tenants/web.yml': HEAD_TEXTS['tenants/web.yml'] };

/** A plan with a new tenant (ops), web's S3 access widened and the retained audit bucket replaced. */
export function reviewPlan(overrides: { compliance?: Plan['compliance'] } = {}): Plan {
  return buildPlan({
    workspace: 'examples/acme', base: { kind: 'git', label: 'main', commit: '0123456789abcdef0123456789abcdef01234567' },
    baseOutputs: BASE, headOutputs: HEAD, definition: new DefinitionIndex(HEAD_TEXTS, BASE_TEXTS), policy: POLICY,
    naming: { organization: 'acme', environments: ['production'] },
    compliance: overrides.compliance ?? {
      passed: true, threshold: 0.95, reasons: [], basis: 'oaas compliance-check on the new version\'s templates and manifests.',
      frameworks: [{ id: 'iso_27001', title: 'ISO/IEC 27001', score: 1, failed: 0 }, { id: 'gdpr', title: 'GDPR', score: 0.97, failed: 1 }],
    },
  });
}

/**
 * A plan with `count` changes over `tenants` tenants: each tenant's stack
 * gets topics added, updated and tagged, so all three risk levels show.
 */
export function largePlan(count: number, tenants = 50): Plan {
  const base: PlanTemplate[] = [];
  const head: PlanTemplate[] = [];
  // One change is the widened policy below; the topics make up the rest.
  const topics = count - 1;
  const perTenant = Math.ceil(topics / tenants);
  let made = 0;
  for (let t = 0; t < tenants && made < topics; t++) {
    const stack = `acme-production-eu-west-1-tenant-team-${String(t).padStart(3, '0')}`;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (let i = 0; i < perTenant && made < topics; i++, made++) {
      const id = `Topic${String(i).padStart(4, '0')}`;
      const topic = (name: string, tag: string) => ({ Type: 'AWS::SNS::Topic', Properties: { TopicName: name, Tags: [{ Key: 'oaas:cost-center', Value: tag }] } });
      switch (i % 3) {
        case 0: after[id] = topic(`${stack}-${id}`, 'CC-1'); break; // added: low
        case 1: before[id] = topic(`${stack}-${id}`, 'CC-1'); after[id] = topic(`${stack}-${id}-renamed`, 'CC-1'); break; // replaced: medium
        default: before[id] = topic(`${stack}-${id}`, 'CC-1'); after[id] = topic(`${stack}-${id}`, 'CC-2'); // tags: low
      }
    }
    base.push({ stack, template: { Resources: before }, constructPaths: {} });
    head.push({ stack, template: { Resources: after }, constructPaths: {} });
  }
  // One widened policy, so the high group shows as well.
  base.push(tenantStack('web', 's3:GetObject'));
  head.push(tenantStack('web', 's3:*'));
  return buildPlan({
    workspace: 'examples/large', base: { kind: 'folder', label: 'cdk.out' }, baseOutputs: { templates: base }, headOutputs: { templates: head },
    definition: new DefinitionIndex({ 'workspace.yml': WORKSPACE }), policy: POLICY, naming: { organization: 'acme', environments: ['production'] },
  });
}
