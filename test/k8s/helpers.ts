/** Shared fixtures of the k8s tests: rendered example clusters and object lookups. */
import type { TenantModel, WorkspaceModel } from '../../lib/definition/model';
import type { KubeObject } from '../../lib/k8s/manifest';
import type { RenderedCluster } from '../../lib/k8s/render';
import { renderClusters } from '../../lib/k8s/render';
import { exampleModel } from '../helpers/workspace';

const clusters = new Map<string, RenderedCluster[]>();

/** Every rendered cluster of an example, synthesized once per test file. */
export function exampleClusters(name: 'starter' | 'enterprise'): RenderedCluster[] {
  const cached = clusters.get(name);
  if (cached) return cached;
  const rendered = renderClusters(exampleModel(name));
  clusters.set(name, rendered);
  return rendered;
}

/** The objects of all tenants of a cluster. */
export function tenantObjects(cluster: RenderedCluster): KubeObject[] {
  return [...cluster.tenants.values()].flat();
}

/** Rendered JSON as a test reads it: any field at any depth, as `JSON.parse` types it. */
export type Json = ReturnType<typeof JSON.parse>;

/** The one object of that kind, namespace and name; fails the test when absent. */
export function find(objects: readonly KubeObject[], kind: string, name: string, namespace?: string): Json {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${namespace ?? ''}/${name}, found ${found.length}`);
  return found[0];
}

/** A deep copy of an object, to break in a test. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A copy of `tenant` under another id, with its namespaces and agents moved along. */
export function cloneTenant(tenant: TenantModel, id: string): TenantModel {
  const ns = (namespace: string) => (namespace === tenant.id ? id : `${id}${namespace.slice(tenant.id.length)}`);
  const agents = tenant.agents.map((a) => ({ ...a, tenant: id, namespace: ns(a.namespace) }));
  return {
    ...tenant,
    id,
    namespaces: tenant.namespaces.map(ns),
    projects: tenant.projects.map((p) => ({ ...p, tenant: id, namespace: ns(p.namespace), agents: agents.filter((a) => a.project === p.name) })),
    agents,
  };
}

/** A copy of the model with `tenant` added to every environment it names. */
export function withTenant(model: WorkspaceModel, tenant: TenantModel): WorkspaceModel {
  const sort = (list: readonly TenantModel[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    ...model,
    tenants: sort([...model.tenants, tenant]),
    environments: model.environments.map((e) => (tenant.environments.includes(e.name) ? { ...e, tenants: sort([...e.tenants, tenant]) } : e)),
  };
}
