import { nodeVolumeEncryption } from '../../../lib/compliance/checks/node-volume-encryption';
import { evidence, failing, KEY, run, stack } from '../helpers';

const template = (ebs?: Record<string, unknown>) => ({
  Type: 'AWS::EC2::LaunchTemplate',
  Properties: { LaunchTemplateData: ebs ? { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: ebs }] } : {} },
});
const nodes = { Type: 'AWS::EKS::Nodegroup', Properties: { LaunchTemplate: { Id: { Ref: 'Lt' } } } };

describe('node-volume-encryption', () => {
  test('passes a node group whose root volume is encrypted with a customer-managed key', () => {
    const result = run(nodeVolumeEncryption, evidence([stack('c', { Lt: template({ Encrypted: true, KmsKeyId: KEY }), Nodes: nodes })]));
    expect(result.status).toBe('pass');
    expect(result.findings[0]!.message).toMatch(/customer-managed key/);
  });

  test('fails an unencrypted volume and a template without block device mappings', () => {
    expect(failing(run(nodeVolumeEncryption, evidence([stack('c', { Lt: template({ Encrypted: false }), Nodes: nodes })])))).toEqual(['Nodes']);
    const noMapping = run(nodeVolumeEncryption, evidence([stack('c', { Lt: template(), Nodes: nodes })]));
    expect(noMapping.findings[0]!.message).toMatch(/no EBS block device mapping/);
  });
});
