/** Kubernetes objects compared one by one, matched by cluster, group, kind, namespace and name. */
import { compareManifests, objectKey } from '../../lib/plan/manifest-diff';
import type { PlanManifest } from '../../lib/plan/outputs';

const manifest = (object: Record<string, unknown>, path = 'dev/eu-west-1/web/web/manifests.yaml'): PlanManifest => ({ environment: 'dev', region: 'eu-west-1', tenant: 'web', path, object });
const deployment = (image: string, selector = { matchLabels: { 'app.kubernetes.io/name': 'reviewer' } }) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'reviewer', namespace: 'web', labels: { 'oaas.io/tenant': 'web' } },
  spec: { selector, template: { spec: { containers: [{ name: 'agent', image }] } } },
});
const binding = (role: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'devs', namespace: 'web' }, roleRef: { kind: 'Role', name: role }, subjects: [{ kind: 'Group', name: 'g' }] });

describe('compareManifests', () => {
  test('an object moved to another file, or in another API version, is the same object', () => {
    const moved = compareManifests([manifest(deployment('a:1'))], [manifest(deployment('a:1'), 'dev/eu-west-1/web/other/manifests.yaml')]);
    expect(moved.changes).toEqual([]);
    expect(objectKey(manifest({ ...deployment('a:1'), apiVersion: 'apps/v1beta2' }))).toBe(objectKey(manifest(deployment('a:1'))));
  });

  test('an image change is an update with its path', () => {
    const { changes } = compareManifests([manifest(deployment('a:1'))], [manifest(deployment('a:2'))]);
    expect(changes).toMatchObject([{
      id: 'k8s:dev/eu-west-1/apps/Deployment/web/reviewer', action: 'update', metadataOnly: false,
      target: { kind: 'kubernetes', cluster: 'dev/eu-west-1', objectKind: 'Deployment', namespace: 'web', name: 'reviewer', file: 'dev/eu-west-1/web/web/manifests.yaml' },
      properties: [{ path: 'spec.template.spec.containers[0].image', old: 'a:1', new: 'a:2' }],
      access: { surface: 'pod security', effect: 'same' },
    }]);
  });

  test('a changed selector or role reference recreates the object', () => {
    expect(compareManifests([manifest(deployment('a:1'))], [manifest(deployment('a:1', { matchLabels: { 'app.kubernetes.io/name': 'other' } }))]).changes[0])
      .toMatchObject({ action: 'replace', replacedBy: ['spec.selector'] });
    expect(compareManifests([manifest(binding('viewer'))], [manifest(binding('admin'))]).changes[0])
      .toMatchObject({ action: 'replace', replacedBy: ['roleRef'], access: { surface: 'RBAC', effect: 'widened' } });
  });

  test('labels and annotations are metadata, except the pod security labels', () => {
    const ns = (labels: Record<string, string>) => manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labels } });
    expect(compareManifests([ns({ team: 'a' })], [ns({ team: 'b' })]).changes[0]).toMatchObject({ metadataOnly: true, stateful: true });
    const psa = compareManifests([ns({ 'pod-security.kubernetes.io/enforce': 'restricted' })], [ns({ 'pod-security.kubernetes.io/enforce': 'baseline' })]).changes[0];
    expect(psa).toMatchObject({ metadataOnly: false, access: { surface: 'pod security', effect: 'widened' } });
  });

  test('objects on one side only are added or removed, and namespaces are stateful', () => {
    const ns = manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ops' } });
    expect(compareManifests([], [ns]).changes[0]).toMatchObject({ action: 'add', stateful: true });
    expect(compareManifests([ns], []).changes[0]).toMatchObject({ action: 'remove', stateful: true });
  });

  test('a policy removed from a namespace that a default deny still isolates only narrows', () => {
    const policy = (name: string, spec: Record<string, unknown>) => manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'web' }, spec });
    const deny = policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const egress = policy('reviewer-egress', { podSelector: { matchLabels: { app: 'r' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16' } }] }] });
    expect(compareManifests([deny, egress], [deny]).changes[0]).toMatchObject({ access: { effect: 'narrowed' } });
    expect(compareManifests([deny, egress], [egress]).changes[0]).toMatchObject({ access: { effect: 'widened' } });
  });
});
