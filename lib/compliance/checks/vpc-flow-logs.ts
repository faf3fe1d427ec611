import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { cfnRef, inTemplate, refTarget, resourcesOfType } from '../private/cfn';

/** Every VPC records all its traffic in flow logs. */
export const vpcFlowLogs: CheckDefinition = {
  id: 'vpc-flow-logs',
  title: 'VPC flow logs record all traffic',
  description: 'Every VPC has a flow log capturing ALL traffic (accepted and rejected), the network evidence incident response and audits rely on.',
  run: (evidence) => resourcesOfType(evidence, 'AWS::EC2::VPC').map((vpc) => {
    const logs = inTemplate(vpc.template, 'AWS::EC2::FlowLog').filter((f) => refTarget(f.props.ResourceId) === vpc.logicalId);
    const all = logs.find((f) => f.props.TrafficType === 'ALL');
    if (all) return pass(cfnRef(vpc), `flow log ${all.logicalId} records all traffic`);
    return fail(cfnRef(vpc), logs.length === 0 ? 'no flow log' : `flow logs record only ${logs.map((f) => String(f.props.TrafficType)).join(', ')} traffic`,
      'Add `flowLogs` with `trafficType: ec2.FlowLogTrafficType.ALL` to the VPC, delivered to a KMS-encrypted log group.');
  }),
};
