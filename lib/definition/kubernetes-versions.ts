/**
 * The Kubernetes versions the platform pins EKS add-on versions for: the
 * schema accepts only these, and lib/mapping/cluster.ts ADDON_VERSIONS must
 * have a row for each (its type says so). A module of its own, without the
 * schema, so the mapping can import it.
 */
export const KUBERNETES_VERSIONS = ['1.33'] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];
