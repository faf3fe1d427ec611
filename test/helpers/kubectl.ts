/**
 * Reading the objects a manifest resource of aws-eks-v2
 * (`Custom::AWSCDK-EKS-KubernetesResource`) applies, from its template.
 */

/** The CloudFormation type of a `KubernetesManifest`. */
export const MANIFEST_RESOURCE_TYPE = 'Custom::AWSCDK-EKS-KubernetesResource';

interface ManifestResource {
  readonly Properties: Record<string, unknown>;
}

interface Labelled {
  readonly metadata: { readonly labels?: Record<string, string> } & Record<string, unknown>;
}

/**
 * The objects of a manifest resource as they were given to it: parsed from its
 * `Manifest` property, with the prune label the kubectl provider adds removed.
 * Throws when an object lacks that label, so pruning is checked on the way.
 */
export function appliedObjects(resource: ManifestResource): unknown[] {
  const label = resource.Properties.PruneLabel;
  const objects = JSON.parse(resource.Properties.Manifest as string) as Labelled[];
  if (typeof label !== 'string') return objects;
  return objects.map((object) => {
    const labels = { ...object.metadata.labels };
    if (labels[label] !== '') throw new Error(`manifest object ${JSON.stringify(object.metadata)} lacks the prune label ${label}`);
    delete labels[label];
    const metadata: Record<string, unknown> = { ...object.metadata };
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    else delete metadata.labels;
    return { ...object, metadata };
  });
}
