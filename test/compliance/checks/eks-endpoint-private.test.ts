import { eksEndpointPrivate } from '../../../lib/compliance/checks/eks-endpoint-private';
import { evidence, failing, run, stack } from '../helpers';

const cluster = (vpc: Record<string, unknown>) => ({ Type: 'AWS::EKS::Cluster', Properties: { ResourcesVpcConfig: { SubnetIds: ['subnet-1'], ...vpc } } });

describe('eks-endpoint-private', () => {
  test('passes a private endpoint and a public one limited to an allow list', () => {
    const result = run(eksEndpointPrivate, evidence([stack('c', {
      Private: cluster({ EndpointPrivateAccess: true, EndpointPublicAccess: false }),
      AllowListed: cluster({ EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] }),
    })]));
    expect(result.status).toBe('pass');
  });

  test('passes the aws-eks v1 custom resource form', () => {
    const result = run(eksEndpointPrivate, evidence([stack('c', {
      Cluster: { Type: 'Custom::AWSCDK-EKS-Cluster', Properties: { Config: { resourcesVpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false } } } },
    })]));
    expect(result.status).toBe('pass');
  });

  test('fails a public endpoint open to the internet and CloudFormation defaults', () => {
    const result = run(eksEndpointPrivate, evidence([stack('c', {
      Open: cluster({ EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: ['0.0.0.0/0'] }),
      Defaults: cluster({}),
    })]));
    expect(failing(result)).toEqual(['Open', 'Defaults']);
    expect(result.findings[1]!.message).toBe('private endpoint access is off; the public endpoint is open to any address');
  });
});
