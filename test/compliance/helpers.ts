/** Small hand-written evidence for the compliance tests. */
import type { CfnResource, ManifestEvidence, SynthesizedEvidence, TemplateEvidence } from '../../lib/compliance/evidence';
import type { ComplianceRequirements, EnvironmentRequirements } from '../../lib/compliance/requirements';
import type { CheckDefinition, CheckResult } from '../../lib/compliance/check';
import { runCheck } from '../../lib/compliance/check';

export const ACCOUNT = '222222222222';
export const REGION = 'eu-west-1';
export const KEY = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_IMPORT = { 'Fn::GetStackOutput': { StackName: 'acme-prod-eu-west-1-security', Region: REGION, OutputName: 'KeyArn' } };

/** One stack of resources, with a construct path per logical id. */
export function stack(name: string, resources: Record<string, CfnResource>, env: { account?: string; region?: string } = { account: ACCOUNT, region: REGION }): TemplateEvidence {
  return {
    stack: name,
    template: { Resources: resources },
    constructPaths: Object.fromEntries(Object.keys(resources).map((id) => [id, `${name}/${id}/Resource`])),
    ...env,
  };
}

export function evidence(templates: TemplateEvidence[], manifests: ManifestEvidence[] = []): SynthesizedEvidence {
  return { templates, manifests };
}

export const ENVIRONMENT: EnvironmentRequirements = {
  name: 'prod',
  account: ACCOUNT,
  organizationalUnit: 'ou-abcd-prod1234',
  residency: { mode: 'enforced', allowedRegions: ['eu-west-1', 'eu-central-1'] },
  rpoSeconds: 4 * 3600,
  regions: [{ region: REGION, drRegion: 'eu-central-1' }],
  namespaces: [{ tenant: 'payments', namespace: 'payments', regions: [REGION] }],
};

export function requirements(overrides: Partial<ComplianceRequirements> = {}): ComplianceRequirements {
  return {
    auditRetentionDays: 2555,
    logRetentionDays: 365,
    environments: [ENVIRONMENT],
    guardDuty: { eksRuntimeMonitoring: true, malwareProtection: true, s3Protection: true },
    securityHubStandards: ['aws-foundational-security-best-practices', 'nist-800-53'],
    waf: { managedRuleGroups: ['AWSManagedRulesCommonRuleSet'], rateLimit: 2000 },
    tenants: [
      { id: 'payments', namespaces: ['payments'], secretReaderGroups: ['oaas:payments:security_manager'] },
      { id: 'web', namespaces: ['web', 'web-shop'], secretReaderGroups: ['oaas:web:security_manager'] },
    ],
    adminPermissionSets: ['EnterpriseAdmin'],
    ...overrides,
  };
}

export function run(check: CheckDefinition, ev: SynthesizedEvidence, req: ComplianceRequirements = requirements()): CheckResult {
  return runCheck(check, ev, req);
}

/** `logicalId` (or scope text) of each failing finding. */
export function failing(result: CheckResult): string[] {
  return result.findings.filter((f) => f.status === 'fail').map((f) => (f.resource.kind === 'cloudformation' ? f.resource.logicalId : f.resource.kind === 'kubernetes' ? f.resource.name : f.resource.description));
}

/** A VPC, so the stack's account and region count as a workload region. */
export const VPC: Record<string, CfnResource> = { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } };

export function manifest(object: ManifestEvidence['object'], where: Partial<ManifestEvidence> = {}): ManifestEvidence {
  const ns = object.metadata?.namespace ?? (object.kind === 'Namespace' ? object.metadata?.name : undefined);
  return { environment: 'prod', region: REGION, tenant: 'payments', path: `prod/${REGION}/payments/${ns ?? ''}/${String(object.kind).toLowerCase()}-${object.metadata?.name ?? ''}.yaml`, object, ...where };
}
