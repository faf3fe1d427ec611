/**
 * Policy checks over rendered manifests: the restricted pod security profile
 * of every workload, the guard rails of every tenant namespace and the
 * isolation between tenants. Pure functions of plain objects, so they run on
 * the render output before anything is written, and in tests.
 */
import type { KubeObject } from '../manifest';
import type { RenderedCluster } from '../render';
import { checkNamespaceBaseline } from './namespace-baseline';
import { checkPodSecurity } from './pod-security';
import { checkTenantIsolation } from './tenant-isolation';
import type { Violation } from './violation';

export * from './namespace-baseline';
export * from './pod-security';
export * from './tenant-isolation';
export * from './violation';

/** Pod security of every workload and the baseline of every tenant namespace among `objects`. */
export function checkManifests(objects: readonly KubeObject[]): Violation[] {
  return [...checkPodSecurity(objects), ...checkNamespaceBaseline(objects)];
}

/** Every check violation of a rendered cluster: its tenants' objects and the isolation between them. */
export function clusterViolations(cluster: RenderedCluster): Violation[] {
  return [...checkManifests([...cluster.tenants.values()].flat()), ...checkTenantIsolation(cluster.tenants, cluster.argo)];
}
