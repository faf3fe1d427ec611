/** Who a change belongs to, read from stack names, service accounts and labels. */
import { cloudFormationPlacement, kubernetesPlacement, ownersIn, parseStackName } from '../../lib/plan/owners';

const naming = { organization: 'acme', environments: ['production', 'prod'] };

describe('owners', () => {
  test.each([
    ['acme-production-guardrails', { environment: 'production', layer: 'guardrails' }],
    ['acme-production-budgets', { environment: 'production', layer: 'budgets' }],
    ['acme-production-eu-west-1-cluster', { environment: 'production', region: 'eu-west-1', layer: 'cluster' }],
    ['acme-prod-us-gov-west-1-network', { environment: 'prod', region: 'us-gov-west-1', layer: 'network' }],
    ['acme-production-eu-west-1-tenant-ml-research', { environment: 'production', region: 'eu-west-1', tenant: 'ml-research', layer: 'other' }],
    ['someone-elses-stack', { layer: 'other' }],
  ])('%s', (stack, expected) => {
    expect(parseStackName(stack, naming)).toEqual(expected);
  });

  test('a tenant stack\'s Pod Identity association belongs to the agent its service account is named after', () => {
    expect(cloudFormationPlacement('acme-production-eu-west-1-tenant-web', { Type: 'AWS::EKS::PodIdentityAssociation', Properties: { ServiceAccount: 'reviewer' } }, naming))
      .toEqual({ owner: { kind: 'tenant', tenant: 'web', agent: 'reviewer' }, environment: 'production', region: 'eu-west-1' });
    expect(cloudFormationPlacement('acme-production-eu-west-1-tenant-web', { Type: 'AWS::IAM::Role' }, naming).owner).toEqual({ kind: 'tenant', tenant: 'web' });
    expect(cloudFormationPlacement('acme-production-eu-west-1-audit', { Type: 'AWS::S3::Bucket' }, naming).owner).toEqual({ kind: 'platform', layer: 'audit' });
  });

  test('objects belong to the tenant and agent their labels name; Argo CD objects without a tenant to the platform', () => {
    const labels = { 'oaas.io/tenant': 'web', 'app.kubernetes.io/component': 'agent', 'app.kubernetes.io/name': 'reviewer' };
    expect(kubernetesPlacement({ environment: 'dev', region: 'eu-west-1', path: 'p', object: { kind: 'Deployment', metadata: { labels } } }).owner)
      .toEqual({ kind: 'tenant', tenant: 'web', agent: 'reviewer' });
    expect(kubernetesPlacement({ environment: 'dev', region: 'eu-west-1', tenant: 'web', path: 'p', object: { kind: 'Role', metadata: {} } }).owner).toEqual({ kind: 'tenant', tenant: 'web' });
    expect(kubernetesPlacement({ environment: 'dev', region: 'eu-west-1', path: 'p', object: { kind: 'ApplicationSet', metadata: {} } }).owner).toEqual({ kind: 'platform', layer: 'gitops' });
  });

  test('ownersIn lists the tenants and agents a version has', () => {
    const owners = ownersIn({
      templates: [{ stack: 'acme-production-eu-west-1-tenant-web', template: { Resources: { A: { Type: 'AWS::EKS::PodIdentityAssociation', Properties: { ServiceAccount: 'reviewer' } } } }, constructPaths: {} }],
      manifests: [{ environment: 'dev', region: 'eu-west-1', tenant: 'data', path: 'p', object: { kind: 'Namespace', metadata: {} } }],
    }, naming);
    expect([...owners.tenants].sort()).toEqual(['data', 'web']);
    expect([...owners.agents]).toEqual(['web/reviewer']);
  });
});
