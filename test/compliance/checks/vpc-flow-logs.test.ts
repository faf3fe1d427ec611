import { vpcFlowLogs } from '../../../lib/compliance/checks/vpc-flow-logs';
import { evidence, failing, run, stack } from '../helpers';

const flowLog = (traffic: string) => ({ Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: traffic } });

describe('vpc-flow-logs', () => {
  test('passes a VPC with a flow log of all traffic', () => {
    expect(run(vpcFlowLogs, evidence([stack('n', { Vpc: { Type: 'AWS::EC2::VPC', Properties: {} }, Flow: flowLog('ALL') })])).status).toBe('pass');
  });

  test('fails a VPC without flow logs and one that records only rejected traffic', () => {
    expect(failing(run(vpcFlowLogs, evidence([stack('n', { Vpc: { Type: 'AWS::EC2::VPC', Properties: {} } })])))).toEqual(['Vpc']);
    const rejectOnly = run(vpcFlowLogs, evidence([stack('n', { Vpc: { Type: 'AWS::EC2::VPC', Properties: {} }, Flow: flowLog('REJECT') })]));
    expect(rejectOnly.findings[0]!.message).toBe('flow logs record only REJECT traffic');
  });
});
