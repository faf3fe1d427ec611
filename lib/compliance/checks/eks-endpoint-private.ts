import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { cfnRef, eksClusters, getCI, isTrue, stringsOf } from '../private/cfn';

const FIX = 'Keep `cluster.endpoint_access.public: false` (EndpointAccess.PRIVATE), or list the CIDRs that may reach a public endpoint in `allow_list` (never 0.0.0.0/0).';

/** The Kubernetes API endpoint is private, or public only to allow-listed CIDRs (CT.EKS.PR.1 when private). */
export const eksEndpointPrivate: CheckDefinition = {
  id: 'eks-endpoint-private',
  title: 'EKS API endpoints are private or allow-listed',
  description: 'Every EKS cluster has private endpoint access on; public access is either off or restricted to an explicit list of CIDRs that does not include the whole internet.',
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
    if (publicAccess && open.length > 0) problems.push(`the public endpoint allows ${open.join(', ')}`);
    if (problems.length > 0) return fail(cfnRef(resource), problems.join('; '), FIX);
    return pass(cfnRef(resource), publicAccess ? `public endpoint limited to ${cidrs.join(', ')}; private access on` : 'private endpoint only');
  }),
};
