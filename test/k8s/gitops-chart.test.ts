import { Testing } from 'cdk8s';
import { GitOpsChart, TENANT_NAMESPACED_KINDS } from '../../lib/k8s/gitops-chart';
import type { KubeObject } from '../../lib/k8s/manifest';
import { argoProblems } from './kube-schema';
import type { Json } from './helpers';
import { find } from './helpers';

const tenants = [
  { id: 'web', displayName: 'Web', namespaces: ['web'] },
  { id: 'payments', displayName: 'Payments', namespaces: ['payments-fraud', 'payments-checkout'] },
];

function synth(gitops?: ConstructorParameters<typeof GitOpsChart>[2]['gitops']): KubeObject[] {
  return Testing.synth(new GitOpsChart(Testing.app(), 'gitops', { environment: 'production', region: 'eu-west-1', tenants, ...(gitops ? { gitops } : {}) })) as KubeObject[];
}

const objects = synth();
const appSet = find(objects, 'ApplicationSet', 'oaas-tenants', 'argocd');

test('one ApplicationSet and one AppProject per tenant, in the Argo CD namespace', () => {
  expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['AppProject/payments', 'AppProject/web', 'ApplicationSet/oaas-tenants']);
  expect(objects.flatMap(argoProblems)).toEqual([]);
});

test('the git generator finds the namespace folders of this cluster, with the default repository and revision', () => {
  expect(appSet.spec.generators).toEqual([{
    git: {
      repoURL: 'https://git.example.com/platform/oaas-manifests.git',
      revision: 'main',
      directories: [{ path: 'dist/k8s/production/eu-west-1/*/*' }],
    },
  }]);
  expect(appSet.spec.goTemplate).toBe(true);
});

test('each Application syncs one namespace folder into that namespace, in its tenant\'s project', () => {
  // dist/k8s/production/eu-west-1/<tenant>/<namespace>: the tenant is path segment 4.
  expect(appSet.spec.template.metadata.name).toBe('{{ .path.basename }}');
  expect(appSet.spec.template.spec).toMatchObject({
    project: '{{ index .path.segments 4 }}',
    source: { repoURL: 'https://git.example.com/platform/oaas-manifests.git', targetRevision: 'main', path: '{{ .path.path }}' },
    destination: { server: 'https://kubernetes.default.svc', namespace: '{{ .path.basename }}' },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  });
  expect(appSet.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
});

test('repository, revision, path and Argo CD namespace are parameters', () => {
  const custom = synth({ repoUrl: 'https://git.acme.example/k8s.git', revision: 'v1.2.3', path: 'deploy/rendered/k8s/', argoNamespace: 'gitops' });
  const set = find(custom, 'ApplicationSet', 'oaas-tenants', 'gitops');
  expect(set.spec.generators[0].git).toEqual({ repoURL: 'https://git.acme.example/k8s.git', revision: 'v1.2.3', directories: [{ path: 'deploy/rendered/k8s/production/eu-west-1/*/*' }] });
  expect(set.spec.template.spec.project).toBe('{{ index .path.segments 5 }}');
  expect(find(custom, 'AppProject', 'web', 'gitops').spec.sourceRepos).toEqual(['https://git.acme.example/k8s.git']);
});

test('a tenant\'s project reaches only its own namespaces on this cluster, and creates only those Namespaces', () => {
  const project = find(objects, 'AppProject', 'payments', 'argocd');
  expect(project.spec.destinations).toEqual([
    { server: 'https://kubernetes.default.svc', namespace: 'payments-checkout' },
    { server: 'https://kubernetes.default.svc', namespace: 'payments-fraud' },
  ]);
  expect(project.spec.clusterResourceWhitelist).toEqual([
    { group: '', kind: 'Namespace', name: 'payments-checkout' },
    { group: '', kind: 'Namespace', name: 'payments-fraud' },
  ]);
  expect(project.spec.sourceRepos).toEqual(['https://git.example.com/platform/oaas-manifests.git']);
  expect(project.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
});

test('a tenant\'s project syncs only the namespaced kinds tenants render: no Secrets, no wildcards', () => {
  const kinds = find(objects, 'AppProject', 'web', 'argocd').spec.namespaceResourceWhitelist;
  expect(kinds).toEqual(TENANT_NAMESPACED_KINDS);
  expect(kinds.map((k: { kind: string }) => k.kind)).not.toContain('Secret');
  expect(kinds.some((k: { group: string; kind: string }) => k.group === '*' || k.kind === '*')).toBe(false);
});

test('the required-field check catches a broken ApplicationSet and AppProject', () => {
  const broken = JSON.parse(JSON.stringify(objects)) as Json[];
  delete broken.find((o) => o.kind === 'ApplicationSet').spec.template.spec.project;
  broken.find((o) => o.kind === 'AppProject').spec.destinations.push({ namespace: 'x' });
  expect(broken.flatMap(argoProblems).sort()).toEqual([
    'AppProject payments: spec.destinations with server and namespace',
    'ApplicationSet oaas-tenants: spec.template.spec.project',
  ]);
});
