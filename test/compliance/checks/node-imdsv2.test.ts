import { nodeImdsv2 } from '../../../lib/compliance/checks/node-imdsv2';
import { evidence, failing, run, stack } from '../helpers';

const template = (tokens: string) => ({ Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: tokens } } } });
const nodegroup = (lt?: string) => ({ Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', ...(lt ? { LaunchTemplate: { Id: { Ref: lt } } } : {}) } });

describe('node-imdsv2', () => {
  test('passes a node group whose launch template requires IMDSv2', () => {
    const result = run(nodeImdsv2, evidence([stack('c', { Lt: template('required'), Nodes: nodegroup('Lt') })]));
    expect(result.status).toBe('pass');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.message).toBe('IMDSv2 required (launch template Lt)');
  });

  test('fails optional tokens, a node group without a launch template, and an unused optional template', () => {
    const result = run(nodeImdsv2, evidence([stack('c', { Lt: template('optional'), Nodes: nodegroup('Lt'), Bare: nodegroup(), Spare: template('optional') })]));
    expect(failing(result)).toEqual(['Nodes', 'Bare', 'Spare']);
  });
});
