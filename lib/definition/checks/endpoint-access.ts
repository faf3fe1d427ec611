/**
 * The Kubernetes API endpoint of each cluster: public only with an allow-list,
 * and an allow-list that does not open it to the internet, whether in one
 * block (0.0.0.0/0) or in pieces (0.0.0.0/1 and 128.0.0.0/1): what counts is
 * the address space the blocks cover together.
 */
import type { CidrRange } from '../cidr';
import { coveredAddresses, IPV4_ADDRESSES, MAX_ALLOW_LIST_ADDRESSES, parseCidr } from '../cidr';
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import type { CheckContext } from './report';

export function checkEndpointAccess(files: WorkspaceFiles, { report }: CheckContext): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  workspace.data.environments.forEach((env, e) => {
    const base: YamlPath = ['environments', e, 'cluster', 'endpoint_access'];
    const access = env.cluster.endpoint_access;
    if (access.public && access.allow_list.length === 0) {
      report(source, [...base, 'allow_list'], CODES.missingKey, 'expected an allow-list for a public API endpoint, got none',
        'List the CIDRs that may reach the API, or set public: false.');
    }
    const ranges = access.allow_list.map(parseCidr).filter((r): r is CidrRange => typeof r !== 'string');
    const covered = coveredAddresses(ranges);
    if (covered > MAX_ALLOW_LIST_ADDRESSES) {
      const share = covered === IPV4_ADDRESSES ? 'the whole IPv4 internet' : `${(100 * covered / IPV4_ADDRESSES).toFixed(1)}% of the IPv4 internet`;
      report(source, [...base, 'allow_list'], CODES.invalidValue,
        `expected an allow-list that covers at most ${MAX_ALLOW_LIST_ADDRESSES.toLocaleString('en-US')} addresses (a /8) together, got ${covered.toLocaleString('en-US')} (${share})`,
        'A list that covers the internet is no allow-list, however it is split; list your corporate ranges, or set public: false.');
    }
  });
}
