/**
 * renderClusters synthesizes each tenant chart once per environment and shares
 * the (frozen) objects between the environment's regions; tenantManifests
 * renders new objects for its caller on every call. Both must give the same bytes.
 */
import type { RenderedCluster } from '../../lib/k8s/render';
import { clusterFiles, findEnvironment, gitopsManifests, renderClusters, tenantManifests } from '../../lib/k8s/render';
import { exampleModel } from '../helpers/workspace';
import { exampleClusters } from './helpers';

const enterprise = exampleModel('enterprise');
const shared = exampleClusters('enterprise');

/** The same cluster rendered on its own, nothing shared with any other cluster. */
function unshared(environment: string, region: string): RenderedCluster {
  const env = findEnvironment(enterprise, environment);
  return {
    environment,
    region,
    tenants: tenantManifests(enterprise, environment, region),
    argo: env.cluster.delivery === 'gitops' ? gitopsManifests(enterprise, environment, region) : [],
  };
}

test('every cluster\'s files equal those of the cluster rendered on its own', () => {
  expect(shared.length).toBeGreaterThan(1);
  for (const cluster of shared) {
    const alone = clusterFiles(unshared(cluster.environment, cluster.region));
    const files = clusterFiles(cluster);
    expect([...files.keys()]).toEqual([...alone.keys()]);
    for (const [file, text] of alone) expect(files.get(file)).toBe(text);
  }
});

test('the regions of an environment share one frozen rendering of a tenant', () => {
  const byEnvironment = new Map<string, RenderedCluster[]>();
  for (const c of shared) byEnvironment.set(c.environment, [...(byEnvironment.get(c.environment) ?? []), c]);
  let sharedLists = 0;
  for (const clusters of byEnvironment.values()) {
    const [first, ...others] = clusters;
    for (const [tenant, objects] of first!.tenants) {
      expect(Object.isFrozen(objects)).toBe(true);
      expect(Object.isFrozen(objects[0]!.metadata.labels)).toBe(true);
      for (const other of others) {
        if (other.tenants.has(tenant)) {
          expect(other.tenants.get(tenant)).toBe(objects);
          sharedLists++;
        }
      }
    }
  }
  expect(sharedLists).toBeGreaterThan(0);
  // Changing a shared object fails loudly instead of changing every region's output.
  const [object] = shared[0]!.tenants.values().next().value!;
  expect(() => {
    (object!.metadata as { name: string }).name = 'changed';
  }).toThrow(TypeError);
});

test('tenantManifests gives its caller new objects it may change (the CDK adds labels to them)', () => {
  const [cluster] = shared;
  const first = tenantManifests(enterprise, cluster!.environment, cluster!.region);
  const second = tenantManifests(enterprise, cluster!.environment, cluster!.region);
  const [tenant, objects] = first.entries().next().value!;
  expect(Object.isFrozen(objects[0])).toBe(false);
  expect(second.get(tenant)![0]).not.toBe(objects[0]);
  expect(cluster!.tenants.get(tenant)![0]).not.toBe(objects[0]);
});

test('clusters of separate calls share nothing', () => {
  const again = renderClusters(enterprise, { environments: [shared[0]!.environment] });
  const [tenant, objects] = again[0]!.tenants.entries().next().value!;
  expect(objects).not.toBe(shared[0]!.tenants.get(tenant));
  expect(objects).toEqual(shared[0]!.tenants.get(tenant));
});
