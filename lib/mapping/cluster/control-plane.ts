/** The EKS control plane: who may reach its API endpoint, and its add-on versions. */
import type { ClusterModel } from '../../definition/model';
import type { CoreAddonVersions } from '../../../constructs/cluster/core-addons';
import type { KubernetesVersion } from '../../definition/kubernetes-versions';
import { ADDON_VERSIONS } from './pinned-versions';

/**
 * CIDRs of a public API endpoint: undefined (private endpoint only) unless the
 * definition asks for a public endpoint, which must come with its allow-list.
 */
export function publicAccessCidrs(cluster: ClusterModel): string[] | undefined {
  if (!cluster.endpointAccess.public) return undefined;
  if (cluster.endpointAccess.allowList.length === 0) {
    throw new Error('publicAccessCidrs: cluster.endpoint_access.public is true but allow_list is empty; '
      + 'list the CIDRs that may reach the Kubernetes API, or set public: false');
  }
  return [...cluster.endpointAccess.allowList];
}

/** The pinned add-on versions of a Kubernetes minor. */
export function addonVersions(kubernetesVersion: string): CoreAddonVersions {
  const versions = Object.hasOwn(ADDON_VERSIONS, kubernetesVersion) ? ADDON_VERSIONS[kubernetesVersion as KubernetesVersion] : undefined;
  if (!versions) {
    throw new Error(`addonVersions: no pinned EKS add-on versions for Kubernetes ${kubernetesVersion} (pinned: ${Object.keys(ADDON_VERSIONS).join(', ')}); `
      + 'add a row to ADDON_VERSIONS in lib/mapping/cluster/pinned-versions.ts or use a pinned version in cluster.kubernetes_version');
  }
  return versions;
}
