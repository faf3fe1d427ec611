/**
 * From the resolved model to manifests, in memory. `tenantManifests` gives
 * the objects of each tenant on one cluster (what the cluster stack applies
 * with `cluster.addManifest`); `renderManifests` lays the same objects out as
 * Argo CD folders:
 *
 *   <env>/<region>/<tenant>/kustomization.yaml             lists the tenant's namespace folders
 *   <env>/<region>/<tenant>/<namespace>/manifests.yaml     the namespace's objects, one document each, in apply order
 *   <env>/<region>/<tenant>/<namespace>/kustomization.yaml
 *   <env>/<region>/argocd/<kind>-<name>.yaml              ApplicationSet and AppProjects, one per file (gitops delivery only)
 *
 * Every function is pure and deterministic: no clock, no environment, sorted output.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { dump } from 'js-yaml';
import { RESERVED_NAMESPACES } from '../definition/reserved-namespaces';
import type { EnvironmentModel, TenantModel, WorkspaceModel } from '../definition/model';
import { tenantRegions } from '../definition/model';
import type { GitOpsOptions } from './gitops-chart';
import { ARGOCD_FOLDER, GitOpsChart, GITOPS_DEFAULTS } from './gitops-chart';
import type { KubeObject } from './manifest';
import { describeObject, manifestFileName, sortManifests } from './manifest';
import type { InboundEndpoint } from './namespace-network-policies';
import type { AgentDefaults } from './quota';
import { tenantRoles } from './rbac';
import type { TenantChartProps } from './tenant-chart';
import { TenantChart } from './tenant-chart';

/** Namespaces no tenant may own: the cluster's own and Argo CD's. */
// The definition refuses these names for tenants; render checks again because a model can be built in code.
export { RESERVED_NAMESPACES };

export interface RenderOptions {
  /**
   * Environments to render, by name.
   * @default - every environment of the workspace
   */
  readonly environments?: readonly string[];
  /** Where Argo CD reads the output. @default GITOPS_DEFAULTS */
  readonly gitops?: GitOpsOptions;
}

/** The context's agent defaults, as the quota and LimitRange use them. */
export function agentDefaults(model: Pick<WorkspaceModel, 'context'>): AgentDefaults {
  const d = model.context.defaults.agent;
  return { cpuMillis: d.cpuMillis, cpuLimitMillis: d.cpuLimitMillis, memoryBytes: d.memoryBytes, maxReplicas: d.replicas.max };
}

/** Shared endpoints of `context.yml` served from a namespace in the cluster, by namespace. */
export function inboundEndpoints(model: Pick<WorkspaceModel, 'context'>): Map<string, InboundEndpoint[]> {
  const out = new Map<string, InboundEndpoint[]>();
  for (const name of Object.keys(model.context.endpoints).sort()) {
    const endpoint = model.context.endpoints[name]!;
    if (endpoint.kind !== 'namespace') continue;
    out.set(endpoint.namespace, [...(out.get(endpoint.namespace) ?? []), { name, podLabels: endpoint.podLabels, ports: endpoint.ports }]);
  }
  return out;
}

/** The environment called `name`; throws with the known names otherwise. */
export function findEnvironment(model: Pick<WorkspaceModel, 'environments'>, name: string): EnvironmentModel {
  const env = model.environments.find((e) => e.name === name);
  if (!env) throw new Error(`expected an environment of workspace.yml, got "${name}" (known: ${model.environments.map((e) => e.name).join(', ')})`);
  return env;
}

/**
 * Tenants that run on the cluster of `env` in `region`, sorted by id. Throws when two
 * tenants would share a namespace, or a tenant would take a reserved name.
 */
export function clusterTenants(env: EnvironmentModel, region: string, argoNamespace = GITOPS_DEFAULTS.argoNamespace): TenantModel[] {
  if (!env.regions.some((r) => r.region === region)) {
    throw new Error(`expected a region of environment "${env.name}", got "${region}" (known: ${env.regions.map((r) => r.region).join(', ')})`);
  }
  const tenants = env.tenants.filter((t) => tenantRegions(env, t).includes(region)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const owner = new Map<string, string>();
  const reserved = [...RESERVED_NAMESPACES, argoNamespace];
  for (const tenant of tenants) {
    if (tenant.id === ARGOCD_FOLDER) {
      throw new Error(`tenant "${tenant.id}" (${tenant.sourceFile}) takes the name of the Argo CD folder; rename the tenant`);
    }
    for (const namespace of tenant.namespaces) {
      if (reserved.includes(namespace)) {
        throw new Error(`tenant "${tenant.id}" (${tenant.sourceFile}) would own the reserved namespace "${namespace}"; rename the tenant or project`);
      }
      const other = owner.get(namespace);
      if (other !== undefined) {
        throw new Error(`tenants "${other}" and "${tenant.id}" would share the namespace "${namespace}" in ${env.name}/${region}; rename a tenant or project`);
      }
      owner.set(namespace, tenant.id);
    }
  }
  return tenants;
}

/** The props of a tenant's chart: a pure mapping from the model. */
export function tenantChartProps(model: WorkspaceModel, env: EnvironmentModel, tenant: TenantModel): TenantChartProps {
  return {
    tenant,
    environment: env.name,
    kubernetesVersion: env.cluster.kubernetesVersion,
    roles: tenantRoles(model.governance, tenant),
    agentDefaults: agentDefaults(model),
    inboundEndpoints: inboundEndpoints(model),
    // Highly available environments refuse to stack an agent's replicas in one zone.
    zoneSpread: env.highAvailability ? 'DoNotSchedule' : 'ScheduleAnyway',
  };
}

/** Synthesizes one tenant's chart into plain objects, in apply order. */
export function synthTenant(props: TenantChartProps): KubeObject[] {
  // One app per chart: synthesizing validates the whole app, so a shared app would validate n times.
  const chart = new TenantChart(new App(), props.tenant.id, props);
  return sortManifests(chart.toJson() as KubeObject[]);
}

/** Freezes rendered JSON all the way down, so that a copy shared between clusters cannot be changed through one of them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Object lists that renderClusters shares between the clusters of an environment, deep-frozen:
 * their files (`clusterFiles`) are computed once and reused, which is safe because they cannot change.
 */
const sharedTenantObjects = new WeakSet<readonly KubeObject[]>();

/**
 * A tenant's chart depends on the workspace, the environment and the tenant, never on the
 * region (see `tenantChartProps`), so the clusters of one environment share one rendering of
 * it, keyed by environment and tenant id. Lives for one renderClusters call only.
 */
type ChartCache = Map<string, readonly KubeObject[]>;

function sharedTenantManifests(model: WorkspaceModel, env: EnvironmentModel, region: string, cache: ChartCache): Map<string, readonly KubeObject[]> {
  return new Map(clusterTenants(env, region).map((tenant) => {
    const key = `${env.name}\n${tenant.id}`;
    let objects = cache.get(key);
    if (!objects) {
      objects = deepFreeze(synthTenant(tenantChartProps(model, env, tenant)));
      sharedTenantObjects.add(objects);
      cache.set(key, objects);
    }
    return [tenant.id, objects];
  }));
}

/**
 * The manifests of every tenant on one cluster, by tenant id (sorted), each list in
 * apply order. The cluster stack's `cdk` delivery applies exactly these; the gitops
 * output holds the same objects. Every call renders new, unfrozen objects that the
 * caller owns (the CDK's KubernetesManifest adds a prune label to the objects it is given).
 */
export function tenantManifests(model: WorkspaceModel, environment: string, region: string): ReadonlyMap<string, readonly KubeObject[]> {
  const env = findEnvironment(model, environment);
  return new Map(clusterTenants(env, region).map((tenant) => [tenant.id, synthTenant(tenantChartProps(model, env, tenant))]));
}

/** The ApplicationSet and AppProjects of one cluster. */
export function gitopsManifests(model: WorkspaceModel, environment: string, region: string, gitops?: GitOpsOptions): KubeObject[] {
  const env = findEnvironment(model, environment);
  const options = { ...GITOPS_DEFAULTS, ...gitops };
  const tenants = clusterTenants(env, region, options.argoNamespace);
  const chart = new GitOpsChart(new App(), 'gitops', { environment, region, tenants, gitops: options });
  return sortManifests(chart.toJson() as KubeObject[]);
}

/**
 * YAML of one object: block style, no anchors, no line folding, double quotes.
 * js-yaml's emitter writes the output: it is much quicker than the `yaml`
 * package's document model on thousands of manifests. `yaml` stays the parser
 * of the workspace files, where source positions matter.
 */
export function toYaml(object: unknown): string {
  return dump(object, { lineWidth: -1, noRefs: true, quotingType: '"' });
}

/** Writes one object as file text: `toYaml`, or nothing when only the layout is checked (`checkFileLayout`). */
type Serialize = (object: unknown) => string;

function kustomization(resources: readonly string[], serialize: Serialize): string {
  return serialize({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources].sort() });
}

/** Adds a folder of objects (one file each) and its kustomization to `files`; `where` prefixes the paths in error messages. */
function addFolder(files: Map<string, string>, folder: string, objects: readonly KubeObject[], where: string, serialize: Serialize): void {
  const names: string[] = [];
  for (const object of objects) {
    const name = manifestFileName(object);
    const file = `${folder}/${name}`;
    if (files.has(file)) throw new Error(`two objects map to the file ${where}${file} (the second is ${describeObject(object)}); rename one of them`);
    files.set(file, serialize(object));
    names.push(name);
  }
  files.set(`${folder}/kustomization.yaml`, kustomization(names, serialize));
}

/** The file of a namespace folder holding its objects, one YAML document each, in apply order. */
export const NAMESPACE_MANIFESTS_FILE = 'manifests.yaml';

function namespaceManifests(folder: string, objects: readonly KubeObject[], serialize: Serialize): string {
  const seen = new Set<string>();
  for (const object of objects) {
    const identity = `${object.apiVersion}/${object.kind}/${object.metadata.name}`;
    if (seen.has(identity)) throw new Error(`${folder}/${NAMESPACE_MANIFESTS_FILE} would hold ${describeObject(object)} twice; rename one of them`);
    seen.add(identity);
  }
  return objects.map((object) => serialize(object)).join('---\n');
}

/**
 * The files of one tenant folder, relative to it: a folder per namespace with
 * its objects in one multi-document file and a kustomization, and the tenant's
 * kustomization listing the namespace folders. One file per namespace rather
 * than per object: writing thousands of small files would take a large part of
 * the synth, and a namespace is what Argo CD applies as a unit anyway.
 */
function tenantFolderFiles(tenant: string, objects: readonly KubeObject[], where: string, serialize: Serialize): Map<string, string> {
  const files = new Map<string, string>();
  const byNamespace = new Map<string, KubeObject[]>();
  for (const object of objects) {
    const namespace = object.kind === 'Namespace' ? object.metadata.name : object.metadata.namespace;
    if (namespace === undefined) throw new Error(`${describeObject(object)} of tenant "${tenant}" has no namespace; tenants render namespaced objects only`);
    const list = byNamespace.get(namespace);
    if (list) list.push(object);
    else byNamespace.set(namespace, [object]);
  }
  const namespaces = [...byNamespace.keys()].sort();
  for (const namespace of namespaces) {
    files.set(`${namespace}/${NAMESPACE_MANIFESTS_FILE}`, namespaceManifests(`${where}${namespace}`, byNamespace.get(namespace)!, serialize));
    files.set(`${namespace}/kustomization.yaml`, kustomization([NAMESPACE_MANIFESTS_FILE], serialize));
  }
  files.set('kustomization.yaml', kustomization(namespaces, serialize));
  return files;
}

/** Tenant folder files of the object lists renderClusters shares, computed once per list (they are frozen). */
const sharedFolderFiles = new WeakMap<readonly KubeObject[], { readonly tenant: string; readonly files: Map<string, string> }>();

/**
 * The objects of one cluster: each tenant's, and the Argo CD ones (none when the environment
 * delivers with the cluster stack). Tenant objects are deep-frozen and shared with the other
 * clusters of the environment; copy one to change it.
 */
export interface RenderedCluster {
  readonly environment: string;
  readonly region: string;
  readonly tenants: ReadonlyMap<string, readonly KubeObject[]>;
  readonly argo: readonly KubeObject[];
}

function renderClusterWith(model: WorkspaceModel, env: EnvironmentModel, region: string, gitops: GitOpsOptions | undefined, cache: ChartCache): RenderedCluster {
  return {
    environment: env.name,
    region,
    tenants: sharedTenantManifests(model, env, region, cache),
    argo: env.cluster.delivery === 'gitops' ? gitopsManifests(model, env.name, region, gitops) : [],
  };
}

/** Synthesizes the objects of one cluster. */
export function renderCluster(model: WorkspaceModel, environment: string, region: string, gitops?: GitOpsOptions): RenderedCluster {
  return renderClusterWith(model, findEnvironment(model, environment), region, gitops, new Map());
}

/**
 * Every cluster (environment × region) of the selected environments, in workspace order.
 * Each tenant chart is synthesized once per environment, however many regions run it.
 */
export function renderClusters(model: WorkspaceModel, options: RenderOptions = {}): RenderedCluster[] {
  const names = options.environments ?? model.environments.map((e) => e.name);
  const cache: ChartCache = new Map();
  return names.flatMap((name) => {
    const env = findEnvironment(model, name);
    return env.regions.map(({ region }) => renderClusterWith(model, env, region, options.gitops, cache));
  });
}

/** The files of one cluster, relative to the output folder (`<env>/<region>/...`). */
export function clusterFiles(cluster: RenderedCluster): Map<string, string> {
  return layOutFiles(cluster, toYaml);
}

function layOutFiles(cluster: RenderedCluster, serialize: Serialize): Map<string, string> {
  const files = new Map<string, string>();
  const root = `${cluster.environment}/${cluster.region}`;
  // Only real files are shared: a layout check must neither use nor leave empty texts.
  const shared = serialize === toYaml;
  for (const [tenant, objects] of cluster.tenants) {
    const where = `${root}/${tenant}/`;
    let folder = shared ? sharedFolderFiles.get(objects) : undefined;
    if (folder?.tenant !== tenant) {
      folder = { tenant, files: tenantFolderFiles(tenant, objects, where, serialize) };
      if (shared && sharedTenantObjects.has(objects)) sharedFolderFiles.set(objects, folder);
    }
    for (const [file, text] of folder.files) files.set(`${where}${file}`, text);
  }
  if (cluster.argo.length > 0) addFolder(files, `${root}/${ARGOCD_FOLDER}`, cluster.argo, '', serialize);
  return files;
}

/**
 * Lays out the files of these clusters without writing their YAML, and throws
 * whatever `clusterFiles` and `mergeFiles` would (two objects or clusters on
 * one file, an object twice in a namespace, an object without a namespace).
 * Returns the number of files. The synth's manifest job runs it before it
 * reports the manifests checked, and serializes them afterwards, while the
 * stacks are synthesized.
 */
export function checkFileLayout(clusters: readonly RenderedCluster[]): number {
  return mergeFiles(clusters.map((cluster) => layOutFiles(cluster, () => ''))).size;
}

/** Merges the files of clusters, sorted by path. */
export function mergeFiles(parts: Iterable<ReadonlyMap<string, string>>): Map<string, string> {
  const files = new Map<string, string>();
  for (const part of parts) {
    for (const [file, text] of part) {
      if (files.has(file)) throw new Error(`two clusters render the file ${file}`);
      files.set(file, text);
    }
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Where a render of one environment, or of all, goes: `out/<env>` or `out`.
 * Rendering one environment replaces only its folder and leaves the others.
 */
export function renderTarget(out: string, environment?: string): {
  /** The output folder, which carries the marker of an oaas output. */
  readonly root: string;
  /** The folder replaced: the output folder, or its environment's folder. */
  readonly folder: string;
  readonly files: (files: ReadonlyMap<string, string>) => Map<string, string>;
} {
  const prefix = environment ? `${environment}/` : '';
  return {
    root: out,
    folder: environment ? path.join(out, environment) : out,
    // The files relative to that folder: without the `<env>/` prefix.
    files: (files) => new Map([...files].map(([file, text]) => [file.slice(prefix.length), text])),
  };
}

/** Every file of the selected environments, relative to the output folder, sorted by path. */
export function renderManifests(model: WorkspaceModel, options: RenderOptions = {}): Map<string, string> {
  return mergeFiles(renderClusters(model, options).map(clusterFiles));
}
