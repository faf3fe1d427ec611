import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import type { CidrRange } from '../../definition/cidr';
import { coveredAddresses, IPV4_ADDRESSES, MAX_ALLOW_LIST_ADDRESSES, parseCidr } from '../../definition/cidr';
import { cfnRef, eksClusters, getCI, isTrue, stringsOf } from '../private/cfn';

const FIX = 'Keep `cluster.endpoint_access.public: false` (EndpointAccess.PRIVATE), or list the CIDRs that may reach a public endpoint in `allow_list` (never 0.0.0.0/0, nor ranges that cover more than a /8 together).';

/** The Kubernetes API endpoint is private, or public only to allow-listed CIDRs (CT.EKS.PR.1 when private). */
export const eksEndpointPrivate: CheckDefinition = {
  id: 'eks-endpoint-private',
  title: 'EKS API endpoints are private or allow-listed',
  description: 'Every EKS cluster has private endpoint access on; public access is either off or restricted to an explicit list of CIDRs that together cover at most a /8 (never the whole internet, in one block or in pieces).',
  synthRules: ['oaas-eks-endpoint-private'],
  run: (evidence) => eksClusters(evidence).map(({ resource, config }) => {
    const vpc = getCI(config, 'ResourcesVpcConfig');
    // CloudFormation defaults: public access on, private access off.
    const publicAccess = getCI(vpc, 'EndpointPublicAccess') === undefined || isTrue(getCI(vpc, 'EndpointPublicAccess'));
    const privateAccess = isTrue(getCI(vpc, 'EndpointPrivateAccess'));
    const cidrs = stringsOf(getCI(vpc, 'PublicAccessCidrs'));
    const problems: string[] = [];
    if (!privateAccess) problems.push('private endpoint access is off');
    if (publicAccess && cidrs.length === 0) problems.push('the public endpoint is open to any address');
    const open = cidrs.filter((c) => c === '0.0.0.0/0' || c === '::/0');
    // The address space the list covers together: the internet split into pieces is still the internet.
    const covered = coveredAddresses(cidrs.map(parseCidr).filter((r): r is CidrRange => typeof r !== 'string'));
    if (publicAccess && open.length > 0) problems.push(`the public endpoint allows ${open.join(', ')}`);
    else if (publicAccess && covered > MAX_ALLOW_LIST_ADDRESSES) {
      problems.push(`the public endpoint's allow-list covers ${covered.toLocaleString('en-US')} addresses together (${(100 * covered / IPV4_ADDRESSES).toFixed(1)}% of IPv4), more than a /8`);
    }
    if (problems.length > 0) return fail(cfnRef(resource), problems.join('; '), FIX);
    return pass(cfnRef(resource), publicAccess ? `public endpoint limited to ${cidrs.join(', ')}; private access on` : 'private endpoint only');
  }),
};
