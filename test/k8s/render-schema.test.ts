/** Every rendered object validates: built-in kinds against the Kubernetes OpenAPI schema, Argo CD kinds against their required fields. */
import { KIND_ORDER } from '../../lib/k8s/manifest';
import { exampleClusters, find, tenantObjects } from './helpers';
import { schemaProblems } from './kube-schema';

describe.each(['starter', 'enterprise'] as const)('the %s workspace', (name) => {
  const clusters = exampleClusters(name);
  const objects = clusters.flatMap((c) => [...tenantObjects(c), ...c.argo]);

  test('renders objects of the kinds the platform knows, Argo CD ones included', () => {
    expect(objects.length).toBeGreaterThan(0);
    const kinds = new Set(objects.map((o) => o.kind));
    expect([...kinds].filter((k) => !KIND_ORDER.includes(k))).toEqual([]);
    expect(kinds).toEqual(new Set(KIND_ORDER));
  });

  test('every object validates', () => {
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });
});

test('the validation rejects an object that breaks the schema', () => {
  const [cluster] = exampleClusters('starter');
  const deployment = JSON.parse(JSON.stringify(find(tenantObjects(cluster!), 'Deployment', 'analyst', 'data')));
  deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
  deployment.spec.template.spec.topologySpreadConstraints[0].maxSkew = '1';
  const problems = schemaProblems(deployment);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/containerPort must be integer/);
  expect(problems[0]).toMatch(/maxSkew must be integer/);
});
