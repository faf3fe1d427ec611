import { Testing } from 'cdk8s';
import type { KubeObject } from '../../lib/k8s/manifest';
import { findEnvironment, tenantChartProps } from '../../lib/k8s/render';
import { TenantChart } from '../../lib/k8s/tenant-chart';
import { exampleModel } from '../helpers/workspace';
import type { Json } from './helpers';
import { find } from './helpers';

const enterprise = exampleModel('enterprise');
const production = findEnvironment(enterprise, 'production');

function synth(tenantId: string, model = enterprise, env = production): KubeObject[] {
  const tenant = model.tenants.find((t) => t.id === tenantId)!;
  return Testing.synth(new TenantChart(Testing.app(), tenantId, tenantChartProps(model, env, tenant))) as KubeObject[];
}

const payments = synth('payments');
const fraud = 'payments-fraud';

describe('namespaces', () => {
  test('a tenant with a namespace per project gets one namespace per project', () => {
    expect(payments.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([
      'payments-checkout', 'payments-fraud', 'payments-invoicing', 'payments-ledger', 'payments-refunds', 'payments-subscriptions',
    ]);
  });

  test('a namespace is labelled with tenant, team, environment, classification, project, compliance and Pod Security', () => {
    const ns = find(payments, 'Namespace', fraud);
    expect(ns.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'oaas',
      'oaas.io/tenant': 'payments',
      'oaas.io/team': 'engineering',
      'oaas.io/environment': 'production',
      'oaas.io/data-classification': 'restricted',
      'oaas.io/project': 'fraud',
      'compliance.oaas.io/sox': 'true',
      'compliance.oaas.io/gdpr': 'true',
      'compliance.oaas.io/iso_27001': 'true',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.33',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.33',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.33',
    });
    expect(ns.metadata.annotations).toEqual({ 'oaas.io/display-name': 'Payments', 'oaas.io/cost-center': 'CC-2030' });
    expect(ns.metadata.namespace).toBeUndefined();
  });
});

describe('quota and limits', () => {
  test('the quota of a single-namespace tenant follows the formula, with the monthly figure as annotation', () => {
    // analytics: 9 agents of 20, all at 250m / 500m / 512Mi and 4 replicas at most; 500Gi storage.
    const quota = find(synth('analytics'), 'ResourceQuota', 'tenant-limits', 'analytics');
    expect(quota.metadata.annotations).toEqual({ 'oaas.io/compute-quota': '1000 CPU hours/month', 'oaas.io/quota-share': '1/1' });
    expect(quota.spec.hard).toEqual({
      'count/deployments.apps': '20',
      pods: '80', // 20 agents × 4 replicas
      'requests.cpu': '20', // 9 × 4 × 250m + 11 spare × 4 × 250m
      'limits.cpu': '40',
      'requests.memory': '40Gi', // 20 × 4 × 512Mi
      'limits.memory': '40Gi',
      'requests.storage': '500Gi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
  });

  test('a per-project namespace holds its share', () => {
    const quota = find(payments, 'ResourceQuota', 'tenant-limits', fraud);
    expect(quota.metadata.annotations['oaas.io/quota-share']).toBe('1/6');
    expect(quota.spec.hard).toMatchObject({ 'count/deployments.apps': '3', pods: '24', 'requests.cpu': '5', 'requests.storage': '85333Mi' });
  });

  test('the LimitRange gives containers default requests and limits', () => {
    expect(find(payments, 'LimitRange', 'tenant-limits', fraud).spec).toEqual({
      limits: [{ type: 'Container', defaultRequest: { cpu: '250m', memory: '512Mi' }, default: { cpu: '500m', memory: '512Mi' } }],
    });
  });
});

describe('network policies', () => {
  const policy = (name: string, objects = payments, ns = fraud): Json => find(objects, 'NetworkPolicy', name, ns).spec;

  test('everything is denied by default, in both directions', () => {
    expect(policy('default-deny')).toEqual({ podSelector: {}, policyTypes: ['Egress', 'Ingress'] });
  });

  test('DNS to kube-dns in kube-system is allowed on 53 UDP and TCP', () => {
    expect(policy('allow-dns')).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      }],
    });
  });

  test('traffic inside the namespace is allowed both ways', () => {
    expect(policy('allow-same-namespace')).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }], ports: [] }],
      egress: [{ to: [{ podSelector: {} }], ports: [] }],
    });
  });

  test('the EKS Pod Identity agent is reachable for AWS credentials', () => {
    expect(policy('allow-pod-identity')).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 80, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '169.254.170.23/32' } }] }],
    });
  });

  test('each agent egresses only to the endpoints it declares: CIDR as ipBlock, namespace by name and pod labels', () => {
    expect(policy('fraud-screener-egress').egress).toEqual([
      { ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '10.20.0.0/14' } }] },
      { ports: [{ port: 8080, protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'platform' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'workflow-router' } } }] },
    ]);
  });

  test('the namespace serving a shared endpoint admits tenant namespaces on its ports, to its pods only', () => {
    const platform = synth('platform');
    expect(policy('allow-endpoint-orchestrator', platform, 'platform')).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'workflow-router' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchExpressions: [{ key: 'oaas.io/tenant', operator: 'Exists' }] }, podSelector: {} }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }],
    });
    expect(payments.some((o) => o.metadata.name.startsWith('allow-endpoint-'))).toBe(false);
  });
});

describe('RBAC', () => {
  test('every tenant-scoped role is a Role and RoleBinding in every namespace, bound to the tenant\'s group', () => {
    const tenantRoles = Object.entries(enterprise.governance.roles).filter(([, r]) => r.scope === 'tenant').map(([id]) => `oaas:${id}`).sort();
    for (const ns of ['payments-checkout', fraud]) {
      expect(payments.filter((o) => o.kind === 'Role' && o.metadata.namespace === ns).map((o) => o.metadata.name).sort()).toEqual(tenantRoles);
    }
    const binding = find(payments, 'RoleBinding', 'oaas:agent_operator', fraud);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'oaas:agent_operator' });
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oaas:payments:agent_operator' }]);
  });

  test('a Role\'s rules are its permissions\' rules, one per resource', () => {
    const rules = find(payments, 'Role', 'oaas:agent_operator', fraud).rules;
    expect(rules).toContainEqual({ apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['get', 'list', 'watch', 'update', 'patch'] });
    expect(rules).toContainEqual({ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'list', 'watch', 'update', 'patch'] });
    expect(rules.some((r: { resources: string[] }) => r.resources.includes('secrets'))).toBe(false);
  });

  test('only the roles with a secrets permission can read secrets', () => {
    const readers = payments
      .filter((o) => o.kind === 'Role' && o.metadata.namespace === fraud && (o.rules as Array<{ resources: string[] }>).some((r) => r.resources.includes('secrets')))
      .map((o) => o.metadata.name);
    expect(readers).toEqual(['oaas:security_manager', 'oaas:tenant_administrator']);
  });
});

describe('dedicated node pool', () => {
  const ml = synth('ml-research');

  test('agents of a tenant with a dedicated pool select the pool and tolerate the tenant taint', () => {
    const spec = find(ml, 'Deployment', 'model-trainer', 'ml-research').spec.template.spec;
    expect(spec.nodeSelector).toEqual({ 'oaas.io/node-pool': 'gpu' });
    expect(spec.tolerations).toEqual([{ key: 'oaas.io/tenant', operator: 'Equal', value: 'ml-research', effect: 'NoSchedule' }]);
  });

  test('agents of other tenants do not', () => {
    const spec = find(payments, 'Deployment', 'fraud-screener', fraud).spec.template.spec;
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
  });
});

test('a highly available environment refuses to stack replicas in one zone; others only prefer to spread', () => {
  const staging = findEnvironment(enterprise, 'staging');
  const zone = (objects: KubeObject[]): Json => find(objects, 'Deployment', 'fraud-screener', fraud).spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable;
  expect(production.highAvailability).toBe(true);
  expect(zone(payments)).toBe('DoNotSchedule');
  expect(zone(synth('payments', enterprise, staging))).toBe('ScheduleAnyway');
});

test('every agent of the tenant gets its workload in its project\'s namespace', () => {
  const deployments = payments.filter((o) => o.kind === 'Deployment');
  const tenant = enterprise.tenants.find((t) => t.id === 'payments')!;
  expect(deployments.map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort()).toEqual(tenant.agents.map((a) => `${a.namespace}/${a.name}`).sort());
});
