import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { cfnRef, flatten, get, nodeLaunchTemplates } from '../private/cfn';

const FIX = 'Give the node group a launch template with `httpTokens: LaunchTemplateHttpTokens.REQUIRED` (ManagedNodePool does).';

/** Nodes require IMDSv2 session tokens (CT.EC2.PR.1). */
export const nodeImdsv2: CheckDefinition = {
  id: 'node-imdsv2',
  title: 'Nodes require IMDSv2',
  description: 'Every EKS managed node group uses a launch template that requires IMDSv2 tokens (HttpTokens required), and so does every other launch template, blocking SSRF-style theft of node credentials.',
  synthRules: ['CT.EC2.PR.1', 'oaas-nodegroup-launch-template'],
  run: (evidence) => nodeLaunchTemplates(evidence).map(({ subject, launchTemplate }) => {
    if (!launchTemplate) return fail(cfnRef(subject), 'the node group has no launch template in this stack, so IMDSv2 is not enforced', FIX);
    const tokens = get(launchTemplate.props, 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens');
    const via = launchTemplate === subject ? '' : ` (launch template ${launchTemplate.logicalId})`;
    return tokens === 'required'
      ? pass(cfnRef(subject), `IMDSv2 required${via}`)
      : fail(cfnRef(subject), `IMDSv2 not required${via}: HttpTokens is ${tokens === undefined ? 'unset (optional)' : flatten(tokens)}`, FIX);
  }),
};
