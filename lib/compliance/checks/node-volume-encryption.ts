import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { asArray, cfnRef, get, isTrue, nodeLaunchTemplates } from '../private/cfn';

const FIX = 'Give the launch template a root-volume block device mapping with `encrypted: true` and the platform data key (ManagedNodePool does).';

/** Node volumes are encrypted (CT.EC2.PR.14). */
export const nodeVolumeEncryption: CheckDefinition = {
  id: 'node-volume-encryption',
  title: 'Node volumes are encrypted',
  description: 'Every EKS managed node group uses a launch template whose EBS block device mappings are all encrypted, so node disks (container images, emptyDir volumes, logs) are encrypted at rest regardless of account defaults.',
  synthRules: ['CT.EC2.PR.14', 'oaas-nodegroup-launch-template'],
  run: (evidence) => nodeLaunchTemplates(evidence).map(({ subject, launchTemplate }) => {
    if (!launchTemplate) return fail(cfnRef(subject), 'the node group has no launch template in this stack, so volume encryption depends on account defaults', FIX);
    const ebs = asArray(get(launchTemplate.props, 'LaunchTemplateData', 'BlockDeviceMappings')).map((m) => get(m, 'Ebs')).filter((e) => e !== undefined);
    const via = launchTemplate === subject ? '' : ` (launch template ${launchTemplate.logicalId})`;
    if (ebs.length === 0) return fail(cfnRef(subject), `no EBS block device mapping${via}, so the root volume's encryption depends on account defaults`, FIX);
    const unencrypted = ebs.filter((e) => !isTrue(get(e, 'Encrypted'))).length;
    return unencrypted === 0
      ? pass(cfnRef(subject), `all ${ebs.length} EBS volume(s) encrypted${get(ebs[0], 'KmsKeyId') !== undefined ? ' with a customer-managed key' : ''}${via}`)
      : fail(cfnRef(subject), `${unencrypted} of ${ebs.length} EBS volume(s) not encrypted${via}`, FIX);
  }),
};
