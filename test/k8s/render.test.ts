import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../lib/k8s/manifest';
import { sortManifests } from '../../lib/k8s/manifest';
import type { RenderedCluster } from '../../lib/k8s/render';
import { checkFileLayout, clusterFiles, clusterTenants, findEnvironment, mergeFiles, renderClusters, renderManifests, tenantManifests } from '../../lib/k8s/render';
import { exampleModel, exampleTexts, loadTexts } from '../helpers/workspace';
import type { Json } from './helpers';
import { cloneTenant, exampleClusters, withTenant } from './helpers';

const enterprise = exampleModel('enterprise');
const starter = exampleModel('starter');
const enterpriseFiles = new Map(exampleClusters('enterprise').flatMap((c) => [...clusterFiles(c)]));

const folderOf = (file: string) => file.slice(0, file.lastIndexOf('/'));
const baseOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);

describe('determinism', () => {
  test('rendering twice gives identical files, in the same order', () => {
    const again = renderManifests(enterprise);
    expect([...again.keys()]).toEqual([...enterpriseFiles.keys()].sort());
    for (const [file, text] of again) expect(text).toBe(enterpriseFiles.get(file));
  });

  test('the output carries no timestamp or machine-specific value', () => {
    const all = [...renderManifests(starter).values()].join('\n');
    expect(all).not.toMatch(/creationTimestamp|\d{4}-\d{2}-\d{2}T\d{2}:|cdk8s\.io\/metadata\.addr|\/tmp\//);
  });
});

describe('layout', () => {
  test('files sit in <env>/<region>/<tenant>/<namespace>/ or <env>/<region>/argocd/', () => {
    for (const file of enterpriseFiles.keys()) {
      expect(file).toMatch(/^(staging|production)\/[a-z0-9-]+\/(argocd\/[a-z0-9.-]+\.yaml|[a-z0-9-]+\/kustomization\.yaml|[a-z0-9-]+\/[a-z0-9-]+\/(manifests|kustomization)\.yaml)$/);
    }
  });

  test('a namespace folder holds its objects in one file, one document each, the Namespace first', () => {
    const file = enterpriseFiles.get('production/us-east-1/payments/payments-checkout/manifests.yaml')!;
    const docs = parseAllDocuments(file).map((d) => d.toJS() as KubeObject);
    expect(docs[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'payments-checkout' } });
    expect(docs.length).toBeGreaterThan(10);
    expect(docs.every((d) => d.kind === 'Namespace' || d.metadata.namespace === 'payments-checkout')).toBe(true);
    // A few hundred files for the default workspace, not one per object.
    expect(enterpriseFiles.size).toBeLessThan(1000);
  });

  test('every folder has a kustomization listing exactly its files and subfolders', () => {
    const folders = new Set([...enterpriseFiles.keys()].map(folderOf));
    for (const folder of folders) {
      const kustomization = parse(enterpriseFiles.get(`${folder}/kustomization.yaml`)!);
      expect(kustomization).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
      const own = [...enterpriseFiles.keys()].filter((f) => folderOf(f) === folder && baseOf(f) !== 'kustomization.yaml').map(baseOf);
      const children = [...folders].filter((f) => folderOf(f) === folder).map(baseOf);
      expect(kustomization.resources).toEqual([...own, ...children].sort());
    }
  });

  test('a tenant runs only in the regions its residency allows', () => {
    const tenantsIn = (env: string, region: string) => [...enterpriseFiles.keys()].filter((f) => f.startsWith(`${env}/${region}/`) && f.endsWith('/kustomization.yaml') && f.split('/').length === 4).map((f) => f.split('/')[2]);
    expect(tenantsIn('production', 'eu-west-1')).toContain('eu-services');
    expect(tenantsIn('production', 'eu-west-1')).not.toContain('healthcare');
    expect(tenantsIn('production', 'us-east-1')).toContain('healthcare');
    expect(tenantsIn('production', 'us-east-1')).not.toContain('eu-services');
    expect(tenantsIn('production', 'ap-southeast-1')).not.toEqual(expect.arrayContaining(['eu-services']));
  });

  test('an environment delivered by the cluster stack gets no Argo CD folder', () => {
    const cdk = { ...starter, environments: starter.environments.map((e) => ({ ...e, cluster: { ...e.cluster, delivery: 'cdk' as const } })) };
    const files = [...renderManifests(cdk).keys()];
    expect(files.some((f) => f.includes('/argocd/'))).toBe(false);
    expect(files).toContain('dev/eu-west-1/data/data/manifests.yaml');
  });
});

describe('both delivery paths carry the same manifests', () => {
  // What the cluster stack applies (tenantManifests) equals what the YAML files hold, read back.
  test.each([['production', 'us-east-1']])('%s/%s', (env, region) => {
    const cdk = tenantManifests(enterprise, env, region);
    for (const [tenant, objects] of cdk) {
      const prefix = `${env}/${region}/${tenant}/`;
      const fromFiles = [...enterpriseFiles].filter(([f]) => f.startsWith(prefix) && baseOf(f) !== 'kustomization.yaml').flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS() as KubeObject));
      expect(sortManifests(fromFiles)).toEqual(objects);
    }
  });

  test('the list of a tenant starts with its namespaces, so one apply creates them first', () => {
    for (const objects of exampleClusters('enterprise').flatMap((c) => [...c.tenants.values()])) {
      const firstOther = objects.findIndex((o) => o.kind !== 'Namespace');
      expect(objects.slice(firstOther).some((o) => o.kind === 'Namespace')).toBe(false);
      expect(firstOther).toBeGreaterThan(0);
    }
  });
});

describe('adding a tenant changes no file of another tenant', () => {
  function diff(before: Map<string, string>, after: Map<string, string>) {
    const changed = [...before.keys()].filter((f) => after.get(f) !== before.get(f));
    const added = [...after.keys()].filter((f) => !before.has(f));
    return { changed, added };
  }

  test('a new tenant file in the starter workspace', () => {
    const texts = exampleTexts('starter');
    texts['tenants/search.yml'] = [
      'tenant_id: search', 'team: web', 'projects:', '  - name: ranking', '    agents:',
      '      - name: ranker', '        image: ghcr.io/starter/ranker:1.0.0', '',
    ].join('\n');
    const result = loadTexts(texts);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { changed, added } = diff(renderManifests(starter), renderManifests(result.model!));
    expect(changed).toEqual(['dev/eu-west-1/argocd/kustomization.yaml']);
    expect(added.filter((f) => !f.startsWith('dev/eu-west-1/search/'))).toEqual(['dev/eu-west-1/argocd/appproject-search.yaml']);
    expect(added).toContain('dev/eu-west-1/search/search/manifests.yaml');
  });

  test('a copy of an enterprise tenant with a namespace per project', () => {
    const model = withTenant(enterprise, cloneTenant(enterprise.tenants.find((t) => t.id === 'payments')!, 'billing'));
    const options = { environments: ['staging'] };
    const before = new Map([...enterpriseFiles].filter(([f]) => f.startsWith('staging/')));
    const { changed, added } = diff(before, renderManifests(model, options));
    expect(changed.sort()).toEqual(['staging/ap-southeast-1/argocd/kustomization.yaml', 'staging/eu-west-1/argocd/kustomization.yaml', 'staging/us-east-1/argocd/kustomization.yaml']);
    expect(added.filter((f) => !/^staging\/[a-z0-9-]+\/billing\//.test(f)).sort()).toEqual([
      'staging/ap-southeast-1/argocd/appproject-billing.yaml', 'staging/eu-west-1/argocd/appproject-billing.yaml', 'staging/us-east-1/argocd/appproject-billing.yaml',
    ]);
    expect(added).toContain('staging/us-east-1/billing/billing-fraud/manifests.yaml');
  });
});

describe('isolation of the enterprise tenants', () => {
  test.each(exampleClusters('enterprise').map((c) => [`${c.environment}/${c.region}`, c] as const))('%s', (_where, cluster) => {
    const owner = new Map([...cluster.tenants].flatMap(([t, objects]) => objects.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata.name, t] as const)));
    for (const [tenant, objects] of cluster.tenants) {
      for (const o of objects) expect(owner.get(o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace!)).toBe(tenant);
      for (const binding of objects.filter((o) => o.kind === 'RoleBinding') as Json[]) {
        expect(binding.roleRef.kind).toBe('Role');
        for (const s of binding.subjects) expect(s.name.startsWith(`oaas:${tenant}:`)).toBe(true);
      }
    }
    for (const project of cluster.argo.filter((o) => o.kind === 'AppProject') as Json[]) {
      for (const d of project.spec.destinations) expect(owner.get(d.namespace)).toBe(project.metadata.name);
      for (const c of project.spec.clusterResourceWhitelist) expect(owner.get(c.name)).toBe(project.metadata.name);
    }
  });
});

describe('what cannot be rendered is refused with a reason', () => {
  const env = findEnvironment(starter, 'dev');
  const web = starter.tenants.find((t) => t.id === 'web')!;

  test('two tenants sharing a namespace', () => {
    const twin = { ...cloneTenant(web, 'web2'), namespaces: ['web'] };
    expect(() => clusterTenants({ ...env, tenants: [...env.tenants, twin] }, 'eu-west-1')).toThrow('tenants "web" and "web2" would share the namespace "web" in dev/eu-west-1; rename a tenant or project');
  });

  test.each(['kube-system', 'default', 'argocd'])('a tenant owning the reserved namespace %s', (id) => {
    expect(() => clusterTenants({ ...env, tenants: [cloneTenant(web, id)] }, 'eu-west-1')).toThrow(/reserved namespace|Argo CD folder/);
  });

  test('an unknown environment or region', () => {
    expect(() => tenantManifests(starter, 'prod', 'eu-west-1')).toThrow('expected an environment of workspace.yml, got "prod" (known: dev)');
    expect(() => tenantManifests(starter, 'dev', 'us-east-1')).toThrow('expected a region of environment "dev", got "us-east-1" (known: eu-west-1)');
  });
});

describe('the layout check the synth runs before serializing', () => {
  const object = (kind: string, name: string, namespace?: string): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) } });
  const cluster = (tenants: Record<string, KubeObject[]>, argo: KubeObject[] = [], region = 'eu-west-1'): RenderedCluster => ({
    environment: 'dev', region, tenants: new Map(Object.entries(tenants)), argo,
  });
  const files = (clusters: RenderedCluster[]) => mergeFiles(clusters.map((c) => clusterFiles(c)));

  test('counts the files clusterFiles writes, and leaves what they share untouched', () => {
    const clusters = renderClusters(enterprise);
    expect(checkFileLayout(clusters)).toBe(enterpriseFiles.size);
    // The same clusters, serialized after the check, give the real files (no empty text was shared).
    const after = files(clusters);
    for (const [file, text] of after) expect(text).toBe(enterpriseFiles.get(file));
  });

  test.each([
    ['two objects on one file', [cluster({}, [object('ConfigMap', 'a'), object('ConfigMap', 'a')])], /two objects map to the file dev\/eu-west-1\/argocd\/configmap-a\.yaml/],
    ['an object twice in a namespace', [cluster({ t: [object('Namespace', 'n'), object('ConfigMap', 'c', 'n'), object('ConfigMap', 'c', 'n')] })], /would hold ConfigMap/],
    ['an object without a namespace', [cluster({ t: [object('ClusterRole', 'r')] })], /has no namespace/],
    ['two clusters on one file', [cluster({ t: [object('Namespace', 'n')] }), cluster({ t: [object('Namespace', 'n')] })], /two clusters render the file dev\/eu-west-1\/t\//],
  ])('fails as serializing would: %s', (_what, clusters, message) => {
    expect(() => files(clusters)).toThrow(message);
    expect(() => checkFileLayout(clusters)).toThrow(message);
  });
});
