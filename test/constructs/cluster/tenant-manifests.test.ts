import { Size } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MAX_MANIFEST_PAYLOAD, TenantManifests } from '../../../constructs/cluster/tenant-manifests';
import type { ManifestGroup, TenantManifestsProps } from '../../../constructs/cluster/tenant-manifests';
import { appliedObjects } from '../../helpers/kubectl';
import { nagFindings } from '../../helpers/nag';
import { clusterFixture } from './fixture';

const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments', labels: { 'oaas.io/tenant': 'payments' } } };
const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'tenant-limits', namespace: 'payments' }, spec: { hard: { pods: '10' } } };
const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'checkout', namespace: 'payments' } };
const GROUPS: readonly ManifestGroup[] = [
  { id: 'Payments', objects: [namespace, quota] },
  { id: 'PaymentsCheckout', objects: [account], after: ['Payments'] },
];

function build(props: Partial<Omit<TenantManifestsProps, 'cluster'>> = {}) {
  const fixture = clusterFixture();
  const manifests = new TenantManifests(fixture.stack, 'Payments', { cluster: fixture.cluster, tenantId: 'payments', groups: GROUPS, ...props });
  return { ...fixture, manifests, template: Template.fromStack(manifests), parent: Template.fromStack(fixture.stack) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;
const PRUNE = /^aws\.cdk\.eks\/prune-[0-9a-f]{42}$/;

describe('TenantManifests', () => {
  const { template, parent, manifests, stack } = build();
  const resources = template.toJSON().Resources as Resources;
  const idOf = (group: string) => manifests.getLogicalId(manifests.manifests[group]!.node.defaultChild as never);

  test('is a nested stack of the parent, described by its tenant', () => {
    parent.resourceCountIs('AWS::CloudFormation::Stack', 1);
    expect(manifests.nestedStackParent).toBe(stack);
    expect(manifests.templateOptions.description).toBe('Kubernetes objects of tenant payments');
  });

  test('applies each group with one manifest resource of the cluster\'s kubectl provider, taking over existing objects', () => {
    template.resourceCountIs('Custom::AWSCDK-EKS-KubernetesResource', 2);
    for (const group of GROUPS) {
      expect(resources[idOf(group.id)]).toMatchObject({ Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { Overwrite: true } });
      expect(appliedObjects(resources[idOf(group.id)]!)).toEqual(group.objects);
    }
  });

  test('labels every object for pruning, on copies: the objects given are unchanged', () => {
    for (const group of GROUPS) {
      const resource = resources[idOf(group.id)]!;
      expect(resource.Properties.PruneLabel).toMatch(PRUNE);
      for (const object of JSON.parse(resource.Properties.Manifest as string) as Array<{ metadata: { labels: Record<string, string> } }>) {
        expect(object.metadata.labels[resource.Properties.PruneLabel as string]).toBe('');
      }
    }
    expect(namespace.metadata.labels).toEqual({ 'oaas.io/tenant': 'payments' });
    expect(quota.metadata).toEqual({ name: 'tenant-limits', namespace: 'payments' });
  });

  test('applies a group after the groups it names', () => {
    expect(resources[idOf('PaymentsCheckout')]!.DependsOn).toEqual([idOf('Payments')]);
    expect(resources[idOf('Payments')]!.DependsOn).toBeUndefined();
  });

  test('prune: false leaves the objects unlabelled', () => {
    const unpruned = build({ prune: false }).template.toJSON().Resources as Resources;
    for (const resource of Object.values(unpruned).filter((r) => r.Type === 'Custom::AWSCDK-EKS-KubernetesResource')) {
      expect(resource.Properties.PruneLabel).toBeUndefined();
      expect(resource.Properties.Manifest).not.toContain('aws.cdk.eks/prune-');
    }
  });

  test('bounds one manifest at 100 KiB by default', () => {
    expect(MAX_MANIFEST_PAYLOAD.toBytes()).toBe(102_400);
    const big = { ...quota, metadata: { ...quota.metadata, annotations: { note: 'x'.repeat(110_000) } } };
    expect(() => build({ groups: [{ id: 'Payments', objects: [namespace, big] }] })).toThrow(/group "Payments" to take at most 102400 bytes as a manifest property, got \d+; split the group/);
  });

  test.each([
    ['a group over the payload bound given', { maxPayload: Size.kibibytes(1), groups: [{ id: 'Payments', objects: [namespace, { ...quota, spec: { note: 'x'.repeat(1024) } }] }] }, /at most 1024 bytes/],
    ['no groups', { groups: [] }, /TenantManifests payments: expected at least one group of objects, got none/],
    ['an empty group', { groups: [{ id: 'Payments', objects: [] }] }, /expected objects in group "Payments", got none/],
    ['two groups with one id', { groups: [GROUPS[0]!, GROUPS[0]!] }, /expected unique group ids, got "Payments" twice/],
    ['a group after an unknown group', { groups: [{ ...GROUPS[1]!, after: ['Missing'] }] }, /group "PaymentsCheckout" is applied after "Missing", which is not another group/],
    ['a group after itself', { groups: [{ ...GROUPS[0]!, after: ['Payments'] }] }, /group "Payments" is applied after "Payments"/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fixture = build();
    expect(nagFindings(fixture.app, { scope: fixture.manifests, levels: ['error', 'warning'] })).toEqual([]);
  });
});
