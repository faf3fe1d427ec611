/** With `delivery: cdk`: tenant manifests packed into nested stacks and manifest
 * resources (`packTenantManifests`), which `../tenant-stacks.ts` assigns to the tenant's stack. */
import { LABELS } from '../../k8s/labels';
import type { KubeObject } from '../../k8s/manifest';
import { describeObject } from '../../k8s/manifest';
import { idFrom } from '../../conventions/naming';
import { MAX_STACK_RESOURCES, MAX_TEMPLATE_BYTES } from '../../conventions/stack-limits';
import type { ManifestGroup } from '../../../constructs/cluster/tenant-manifests';
import { MAX_MANIFEST_PAYLOAD } from '../../../constructs/cluster/tenant-manifests';

/** Bounds the packing of tenant manifests keeps; see `packTenantManifests`. */
export interface DeliveryBounds {
  /** Most bytes of one manifest custom resource's `Manifest` property, as it appears in the template and the event. */
  readonly maxManifestBytes: number;
  /** Most bytes of one tenant's nested stack template. */
  readonly maxTemplateBytes: number;
  /** Most resources of one tenant's nested stack. */
  readonly maxResources: number;
}

/**
 * `maxManifestBytes`: 100 KiB. CloudFormation invokes the kubectl provider
 * asynchronously, and Lambda caps an asynchronous event at 256 KiB; an update
 * event carries the old and the new properties, so two manifests of 100 KiB
 * and the rest of the event (response URL, ids, about 2 KiB) stay below it.
 * `maxTemplateBytes` and `maxResources`: 80% of CloudFormation's 1 MB template
 * (the embedded manifests count against it) and of its 500 resources.
 */
export const DELIVERY_BOUNDS: DeliveryBounds = {
  maxManifestBytes: MAX_MANIFEST_PAYLOAD.toBytes(),
  maxTemplateBytes: MAX_TEMPLATE_BYTES,
  maxResources: MAX_STACK_RESOURCES,
};

/**
 * Template bytes of a manifest resource besides its manifest (type, service
 * token, cluster name, prune label, dependencies, metadata) and of a nested
 * stack besides its resources (parameters), rounded up; the label the kubectl
 * provider injects into each object for pruning (`aws.cdk.eks/prune-<42 hex>`).
 */
const MANIFEST_RESOURCE_OVERHEAD = 1024;
const NESTED_STACK_OVERHEAD = 8 * 1024;
const PRUNE_LABEL_BYTES = 96;

/** Bytes of objects as the `Manifest` property of a template: JSON in a JSON string, prune labels included. */
export function manifestBytes(objects: readonly KubeObject[]): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(objects)), 'utf8') + PRUNE_LABEL_BYTES * objects.length;
}

/** One manifest resource of a tenant's nested stack. */
export interface ManifestGroupPlan extends ManifestGroup {
  readonly namespace: string;
  /** The agent whose objects it holds; undefined for the namespace's own objects. */
  readonly agent?: string;
  /** `manifestBytes` of its objects. */
  readonly bytes: number;
}

/** The nested stack of one tenant's manifests, in the tenant's stack. */
export interface TenantManifestPlan {
  /** Construct id of the tenant, from the tenant id: the prefix of the nested stack's logical id. */
  readonly id: string;
  readonly tenantId: string;
  readonly groups: readonly ManifestGroupPlan[];
  /** Upper estimate of the nested stack's template bytes. */
  readonly templateBytes: number;
}

/** The namespace a tenant object belongs to: its own name for a Namespace. */
function namespaceOf(object: KubeObject, tenantId: string): string {
  const namespace = object.kind === 'Namespace' ? object.metadata.name : object.metadata.namespace;
  if (namespace === undefined) {
    throw new Error(`packTenantManifests: ${describeObject(object)} of tenant "${tenantId}" has no namespace; tenant charts render namespaced objects only`);
  }
  return namespace;
}

/**
 * Packs the manifests of a cluster's tenants (`tenantManifests`) into nested
 * stacks and manifest resources, keyed by names only so that adding, removing
 * or growing one tenant, namespace or agent changes no other's resources:
 *
 * - one nested stack per tenant (`idFrom(tenant)`);
 * - in it, per namespace, one resource with the namespace's own objects
 *   (Namespace, quota, limit range, network policies, RBAC; id `idFrom(namespace)`)
 *   and one resource per agent (objects labelled `app.kubernetes.io/component: agent`,
 *   id `idFrom(namespace)` + `idFrom(agent)`), applied after the namespace's.
 *
 * An object never moves between resources as others come and go: with pruning
 * on, a move would let the old resource delete the object before the new one
 * applies it. Objects keep the order `tenantManifests` gives. Throws, naming
 * the tenant and what to do, when a resource would pass `maxManifestBytes` or
 * a tenant's stack `maxTemplateBytes` or `maxResources`.
 */
export function packTenantManifests(manifests: ReadonlyMap<string, readonly KubeObject[]>, bounds: DeliveryBounds = DELIVERY_BOUNDS): TenantManifestPlan[] {
  const plans: TenantManifestPlan[] = [];
  for (const tenantId of [...manifests.keys()].sort()) {
    const groups = new Map<string, { id: string; namespace: string; agent?: string; objects: KubeObject[] }>();
    for (const object of manifests.get(tenantId)!) {
      const namespace = namespaceOf(object, tenantId);
      const labels = object.metadata.labels ?? {};
      const agent = object.kind !== 'Namespace' && labels[LABELS.component] === 'agent' ? labels[LABELS.name] : undefined;
      const key = agent === undefined ? namespace : `${namespace}/${agent}`;
      const group = groups.get(key) ?? { id: idFrom(namespace) + (agent === undefined ? '' : idFrom(agent)), namespace, ...(agent !== undefined ? { agent } : {}), objects: [] };
      group.objects.push(object);
      groups.set(key, group);
    }
    const ids = new Map<string, string>();
    const out: ManifestGroupPlan[] = [];
    for (const [key, group] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const clash = ids.get(group.id);
      if (clash !== undefined) {
        throw new Error(`packTenantManifests: tenant "${tenantId}": "${clash}" and "${key}" map to the same construct id ${group.id}; rename a namespace or agent`);
      }
      ids.set(group.id, key);
      if (group.agent !== undefined && !groups.has(group.namespace)) {
        throw new Error(`packTenantManifests: tenant "${tenantId}": agent "${group.agent}" is in namespace "${group.namespace}", which the tenant's manifests do not create`);
      }
      const bytes = manifestBytes(group.objects);
      if (bytes > bounds.maxManifestBytes) {
        throw new Error(`packTenantManifests: tenant "${tenantId}": the objects of ${group.agent !== undefined ? `agent ${key}` : `namespace ${key}`} take ${bytes} bytes, `
          + `above the ${bounds.maxManifestBytes} bytes one manifest resource may carry; use cluster.delivery: gitops for this workspace`);
      }
      const after = group.agent !== undefined ? [groups.get(group.namespace)!.id] : [];
      out.push({ id: group.id, namespace: group.namespace, ...(group.agent !== undefined ? { agent: group.agent } : {}), objects: group.objects, after, bytes });
    }
    const templateBytes = NESTED_STACK_OVERHEAD + out.reduce((sum, g) => sum + g.bytes + MANIFEST_RESOURCE_OVERHEAD, 0);
    if (templateBytes > bounds.maxTemplateBytes || out.length > bounds.maxResources) {
      throw new Error(`packTenantManifests: tenant "${tenantId}" needs ${out.length} manifest resources and about ${templateBytes} template bytes, above the `
        + `${bounds.maxResources} resources and ${bounds.maxTemplateBytes} bytes of one nested stack; use cluster.delivery: gitops for this workspace`);
    }
    plans.push({ id: idFrom(tenantId), tenantId, groups: out, templateBytes });
  }
  return plans;
}
