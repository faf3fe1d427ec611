import { checkManifests, checkNamespaceBaseline, checkPodSecurity, checkTenantIsolation, formatViolation, POD_RULES } from '../../lib/k8s/checks';
import type { KubeObject } from '../../lib/k8s/manifest';
import type { Json } from './helpers';
import { copy, exampleClusters, tenantObjects } from './helpers';

const [starter] = exampleClusters('starter');
const objects = tenantObjects(starter!);

/** A copy of the starter objects with `change` applied to the first object matching. */
function broken(kind: string, name: string, change: (o: Json) => void): KubeObject[] {
  const out = copy(objects);
  const target = out.find((o) => o.kind === kind && o.metadata.name === name);
  if (!target) throw new Error(`no ${kind} ${name} in the fixture`);
  change(target);
  return out;
}
const container = (o: Json): Json => o.spec.template.spec.containers[0];
const pod = (o: Json): Json => o.spec.template.spec;

describe.each(['starter', 'enterprise'] as const)('the %s workspace', (name) => {
  test.each(exampleClusters(name).map((c) => [`${c.environment}/${c.region}`, c] as const))('%s passes every check', (_where, cluster) => {
    const all = tenantObjects(cluster);
    expect(all.filter((o) => o.kind === 'Deployment').length).toBeGreaterThan(0);
    expect([...checkManifests(all), ...checkTenantIsolation(cluster.tenants, cluster.argo)].map(formatViolation)).toEqual([]);
  });
});

describe('pod security: a broken workload fails its rule', () => {
  test.each<[string, (o: Json) => void]>([
    ['PSA-PRIVILEGED', (o) => { container(o).securityContext.privileged = true; }],
    ['PSA-PRIVILEGE-ESCALATION', (o) => { delete container(o).securityContext.allowPrivilegeEscalation; }],
    ['PSA-RUN-AS-NON-ROOT', (o) => { container(o).securityContext.runAsNonRoot = false; }],
    ['PSA-RUN-AS-NON-ROOT', (o) => { pod(o).securityContext.runAsUser = 0; }],
    ['PSA-SECCOMP', (o) => { container(o).securityContext.seccompProfile = { type: 'Unconfined' }; }],
    ['PSA-CAPABILITIES', (o) => { container(o).securityContext.capabilities = { drop: ['ALL'], add: ['NET_ADMIN'] }; }],
    ['PSA-CAPABILITIES', (o) => { delete container(o).securityContext.capabilities; }],
    ['PSA-HOST-NAMESPACES', (o) => { pod(o).hostNetwork = true; }],
    ['PSA-HOST-PATH', (o) => { pod(o).volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); }],
    ['PSA-HOST-PORTS', (o) => { container(o).ports[0].hostPort = 8080; }],
    ['PSA-PROC-MOUNT', (o) => { container(o).securityContext.procMount = 'Unmasked'; }],
    ['PSA-SELINUX', (o) => { container(o).securityContext.seLinuxOptions = { user: 'system_u' }; }],
    ['PSA-APPARMOR', (o) => { pod(o).securityContext.appArmorProfile = { type: 'Unconfined' }; }],
    ['PSA-SYSCTLS', (o) => { pod(o).securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; }],
    ['OAAS-READ-ONLY-ROOT', (o) => { container(o).securityContext.readOnlyRootFilesystem = false; }],
    ['OAAS-RESOURCES', (o) => { delete container(o).resources.limits; }],
    ['OAAS-RESOURCES', (o) => { container(o).resources.limits.memory = '2Gi'; }],
    ['OAAS-NO-TOKEN', (o) => { delete pod(o).automountServiceAccountToken; }],
  ])('%s', (rule, change) => {
    const violations = checkPodSecurity(broken('Deployment', 'analyst', change));
    expect(violations.map((v) => v.rule)).toEqual([rule]);
    expect(violations[0]!.object).toBe('Deployment data/analyst');
  });

  test('a privileged init container is caught too', () => {
    const out = broken('Deployment', 'analyst', (o) => { pod(o).initContainers = [{ ...copy(container(o)), name: 'setup', securityContext: { ...container(o).securityContext, privileged: true } }]; });
    expect(checkPodSecurity(out).map(formatViolation)).toEqual(['Deployment data/analyst: [PSA-PRIVILEGED] container initContainers/setup is privileged; expected privileged: false']);
  });

  test('runAsNonRoot on the pod covers containers that do not set it', () => {
    const out = broken('Deployment', 'analyst', (o) => { delete container(o).securityContext.runAsNonRoot; });
    expect(checkPodSecurity(out)).toEqual([]);
  });

  test('every rule has a distinct id and a description', () => {
    expect(new Set(POD_RULES.map((r) => r.id)).size).toBe(POD_RULES.length);
    expect(POD_RULES.every((r) => r.description.length > 0)).toBe(true);
  });
});

describe('namespace baseline: a namespace missing a guard rail fails', () => {
  const without = (kind: string, name: string) => copy(objects).filter((o) => !(o.kind === kind && o.metadata.name === name && o.metadata.namespace === 'data'));

  test('without the default-deny policy', () => {
    expect(checkNamespaceBaseline(without('NetworkPolicy', 'default-deny')).map(formatViolation)).toEqual([
      'Namespace data: [NS-DEFAULT-DENY] no NetworkPolicy denies all ingress by default (podSelector {}, policyTypes [Ingress], no rules)',
      'Namespace data: [NS-DEFAULT-DENY] no NetworkPolicy denies all egress by default (podSelector {}, policyTypes [Egress], no rules)',
    ]);
  });

  test('when the default-deny policy only covers ingress', () => {
    const out = broken('NetworkPolicy', 'default-deny', (o) => { o.spec.policyTypes = ['Ingress']; });
    expect(checkNamespaceBaseline(out).map((v) => v.message)).toEqual([expect.stringContaining('denies all egress')]);
  });

  test('when the default-deny policy selects only some pods', () => {
    const out = broken('NetworkPolicy', 'default-deny', (o) => { o.spec.podSelector = { matchLabels: { app: 'x' } }; });
    expect(checkNamespaceBaseline(out).map((v) => v.rule)).toEqual(['NS-DEFAULT-DENY', 'NS-DEFAULT-DENY']);
  });

  test('when Pod Security Admission is privileged or unpinned', () => {
    const out = broken('Namespace', 'data', (o) => {
      o.metadata.labels['pod-security.kubernetes.io/enforce'] = 'privileged';
      delete o.metadata.labels['pod-security.kubernetes.io/enforce-version'];
    });
    expect(checkNamespaceBaseline(out).map((v) => v.message)).toEqual([
      'pod-security.kubernetes.io/enforce is privileged; expected restricted',
      'pod-security.kubernetes.io/enforce-version is unset; expected a pinned version like v1.33',
    ]);
  });

  test('without a ResourceQuota, or with one that does not cap CPU', () => {
    expect(checkNamespaceBaseline(without('ResourceQuota', 'tenant-limits')).map((v) => v.message)).toEqual(['no ResourceQuota in the namespace']);
    const uncapped = broken('ResourceQuota', 'tenant-limits', (o) => { delete o.spec.hard['requests.cpu']; });
    expect(checkNamespaceBaseline(uncapped).map((v) => v.message)).toEqual(['the ResourceQuota does not cap requests.cpu']);
  });

  test('without a LimitRange', () => {
    expect(checkNamespaceBaseline(without('LimitRange', 'tenant-limits')).map((v) => v.rule)).toEqual(['NS-LIMIT-RANGE']);
  });
});

describe('tenant isolation', () => {
  const [cluster] = exampleClusters('enterprise');
  const tenants = () => new Map([...cluster!.tenants].map(([t, o]) => [t, copy(o) as KubeObject[]]));
  const argo = () => copy(cluster!.argo) as KubeObject[];
  const edit = (map: Map<string, KubeObject[]>, tenant: string, kind: string, name: string, ns: string | undefined, change: (o: Json) => void) => {
    const target = map.get(tenant)!.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === ns);
    if (!target) throw new Error(`no ${kind} ${ns}/${name} of ${tenant}`);
    change(target);
    return map;
  };
  const rules = (violations: ReturnType<typeof checkTenantIsolation>) => violations.map(formatViolation);

  test('no RoleBinding binds a group of another tenant', () => {
    const map = edit(tenants(), 'web', 'RoleBinding', 'oaas:agent_developer', 'web', (o) => { o.subjects.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'oaas:payments:agent_developer' }); });
    expect(rules(checkTenantIsolation(map, argo()))).toEqual(['RoleBinding web/oaas:agent_developer: [ISO-RBAC] binds group oaas:payments:agent_developer of tenant payments']);
  });

  test.each([
    ['system:authenticated', 'binds group system:authenticated, which is not one of tenant web\'s (oaas:web:...)'],
    ['system:serviceaccounts', 'binds group system:serviceaccounts, which is not one of tenant web\'s (oaas:web:...)'],
    ['web-admins', 'binds group web-admins, which is not one of tenant web\'s (oaas:web:...)'],
    ['oaas:web:', 'binds group oaas:web:, which is not one of tenant web\'s (oaas:web:...)'],
    ['oaas:webx:admins', 'binds group oaas:webx:admins of tenant webx'],
  ])('no RoleBinding binds a group outside the tenant\'s own prefix: %s', (group, message) => {
    const map = edit(tenants(), 'web', 'RoleBinding', 'oaas:agent_developer', 'web', (o) => { o.subjects.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: group }); });
    expect(rules(checkTenantIsolation(map, argo()))).toEqual([`RoleBinding web/oaas:agent_developer: [ISO-RBAC] ${message}`]);
  });

  test('no RoleBinding binds a user', () => {
    const map = edit(tenants(), 'web', 'RoleBinding', 'oaas:agent_developer', 'web', (o) => { o.subjects.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }); });
    expect(rules(checkTenantIsolation(map, argo()))).toEqual(['RoleBinding web/oaas:agent_developer: [ISO-RBAC] binds user alice; expected groups of tenant web (oaas:web:...)']);
  });

  test('no RoleBinding binds a ClusterRole or a service account of another namespace', () => {
    const map = edit(tenants(), 'web', 'RoleBinding', 'oaas:agent_developer', 'web', (o) => {
      o.roleRef.kind = 'ClusterRole';
      o.subjects.push({ kind: 'ServiceAccount', name: 'fraud-screener', namespace: 'payments-fraud' });
    });
    expect(rules(checkTenantIsolation(map, argo()))).toEqual([
      'RoleBinding web/oaas:agent_developer: [ISO-RBAC] binds a ClusterRole; expected a Role of the namespace',
      'RoleBinding web/oaas:agent_developer: [ISO-RBAC] binds service account payments-fraud/fraud-screener of another namespace',
    ]);
  });

  test('no object of a tenant lives in another tenant\'s namespace', () => {
    const map = edit(tenants(), 'web', 'Role', 'oaas:agent_developer', 'web', (o) => { o.metadata.namespace = 'payments-fraud'; });
    expect(rules(checkTenantIsolation(map, argo()))).toEqual(['Role payments-fraud/oaas:agent_developer: [ISO-SCOPE] belongs to tenant web but is in namespace payments-fraud, owned by payments']);
  });

  test('no NetworkPolicy admits another tenant\'s namespace, or sends to one that did not open itself', () => {
    const map = edit(tenants(), 'web', 'NetworkPolicy', 'allow-same-namespace', 'web', (o) => {
      o.spec.ingress.push({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments-fraud' } } }] });
      o.spec.egress.push({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments-fraud' } } }] });
      o.spec.ingress.push({ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] });
    });
    expect(rules(checkTenantIsolation(map, argo()))).toEqual([
      'NetworkPolicy web/allow-same-namespace: [ISO-NETWORK] admits ingress from namespace payments-fraud of tenant payments',
      'NetworkPolicy web/allow-same-namespace: [ISO-NETWORK] admits ingress from address block 10.0.0.0/8, which can hold another tenant\'s pods',
      'NetworkPolicy web/allow-same-namespace: [ISO-NETWORK] sends egress to namespace payments-fraud of tenant payments, which does not admit other tenants',
    ]);
  });

  test('egress to a shared endpoint in another tenant\'s namespace is fine only while that namespace admits tenants', () => {
    const map = tenants();
    map.set('platform', map.get('platform')!.filter((o) => o.metadata.name !== 'allow-endpoint-orchestrator'));
    const violations = checkTenantIsolation(map, argo());
    expect(violations.length).toBeGreaterThan(0);
    expect(new Set(violations.map((v) => v.message))).toEqual(new Set(['sends egress to namespace platform of tenant platform, which does not admit other tenants']));
  });

  test('no AppProject reaches another tenant\'s namespace, another cluster, or any Namespace', () => {
    const projects = argo();
    const web = projects.find((o) => o.kind === 'AppProject' && o.metadata.name === 'web') as Json;
    web.spec.destinations.push({ server: 'https://kubernetes.default.svc', namespace: 'payments-fraud' }, { server: 'https://other.example', namespace: 'web' });
    web.spec.clusterResourceWhitelist.push({ group: '', kind: 'Namespace' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' });
    web.spec.namespaceResourceWhitelist.push({ group: '*', kind: '*' });
    expect(rules(checkTenantIsolation(tenants(), projects))).toEqual([
      'AppProject argocd/web: [ISO-APPPROJECT] allows namespace payments-fraud, not one of tenant web\'s',
      'AppProject argocd/web: [ISO-APPPROJECT] allows server https://other.example; expected https://kubernetes.default.svc',
      'AppProject argocd/web: [ISO-APPPROJECT] allows the Namespace (any name), not one of tenant web\'s',
      'AppProject argocd/web: [ISO-APPPROJECT] allows cluster-scoped rbac.authorization.k8s.io/ClusterRole; expected only Namespace',
      'AppProject argocd/web: [ISO-APPPROJECT] whitelists every namespaced kind; expected the kinds tenants render',
    ]);
  });
});
