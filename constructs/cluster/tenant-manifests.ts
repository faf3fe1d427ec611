import { NestedStack, Size, aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * Most bytes one manifest resource may carry in its `Manifest` property (JSON
 * in a JSON string, as in the template and the event). CloudFormation invokes
 * the kubectl provider asynchronously and Lambda caps an asynchronous event at
 * 256 KiB; an update event holds the old and the new properties, so two
 * manifests of 100 KiB and the rest of the event stay below the cap.
 */
export const MAX_MANIFEST_PAYLOAD = Size.kibibytes(100);

/** Objects applied together by one manifest resource. */
export interface ManifestGroup {
  /** Construct id: derive it from the names of what the group holds (namespace, agent), never from a position. */
  readonly id: string;
  /** Kubernetes objects, in apply order. */
  readonly objects: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /**
   * Ids of groups of this construct applied before this one, e.g. the namespace before its workloads.
   * @default - none
   */
  readonly after?: readonly string[];
}

export interface TenantManifestsProps {
  /** The cluster to apply the objects to; its kubectl provider applies them. */
  readonly cluster: eks.ICluster;
  /** The tenant, for the description and errors. */
  readonly tenantId: string;
  /** The tenant's objects, one manifest resource per group. */
  readonly groups: readonly ManifestGroup[];
  /**
   * Most bytes of one group's `Manifest` property, prune labels included.
   * @default MAX_MANIFEST_PAYLOAD
   */
  readonly maxPayload?: Size;
  /**
   * Label each object so that an update deletes the objects a group no longer
   * holds (`kubectl apply --prune`), as Argo CD's automated prune does.
   * @default true
   */
  readonly prune?: boolean;
}

/**
 * The Kubernetes objects of one tenant in a nested stack of their own, one
 * `KubernetesManifest` per group, applied by the cluster's kubectl provider
 * with `kubectl apply` (an existing object is taken over, so a retried
 * deployment does not fail on what a failed one left) and deleted with the
 * resource. A nested stack per tenant keeps each template small and adding a
 * tenant from touching another's resources. The objects given are copied: the
 * prune label is added to the copies only.
 */
export class TenantManifests extends NestedStack {
  /** Manifest resource of each group, by `id`. */
  public readonly manifests: Readonly<Record<string, eks.KubernetesManifest>>;

  constructor(scope: Construct, id: string, props: TenantManifestsProps) {
    super(scope, id, { description: `Kubernetes objects of tenant ${props.tenantId}` });
    const where = `TenantManifests ${props.tenantId}`;
    if (props.groups.length === 0) throw new Error(`${where}: expected at least one group of objects, got none`);
    const maxBytes = (props.maxPayload ?? MAX_MANIFEST_PAYLOAD).toBytes();
    const manifests: Record<string, eks.KubernetesManifest> = {};
    for (const group of props.groups) {
      if (manifests[group.id]) throw new Error(`${where}: expected unique group ids, got "${group.id}" twice`);
      if (group.objects.length === 0) throw new Error(`${where}: expected objects in group "${group.id}", got none`);
      const objects = structuredClone(group.objects) as Array<Record<string, unknown>>;
      const manifest = new eks.KubernetesManifest(this, group.id, {
        cluster: props.cluster,
        manifest: objects,
        overwrite: true,
        prune: props.prune ?? true,
      });
      const bytes = Buffer.byteLength(JSON.stringify(JSON.stringify(objects)), 'utf8');
      if (bytes > maxBytes) {
        throw new Error(`${where}: expected the objects of group "${group.id}" to take at most ${maxBytes} bytes as a manifest property, got ${bytes}; `
          + 'split the group (by namespace or workload)');
      }
      manifests[group.id] = manifest;
    }
    for (const group of props.groups) {
      for (const before of group.after ?? []) {
        const dependency = manifests[before];
        if (!dependency || before === group.id) {
          throw new Error(`${where}: group "${group.id}" is applied after "${before}", which is not another group of this tenant (groups: ${Object.keys(manifests).join(', ')})`);
        }
        manifests[group.id]!.node.addDependency(dependency);
      }
    }
    this.manifests = manifests;
  }
}
