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

describe('eks-endpoint-private: the address space an allow-list covers, not its prefixes', () => {
  test.each([
    ['the internet in two halves', ['0.0.0.0/1', '128.0.0.0/1'], '4,294,967,296'],
    ['the internet in four quarters and a repeat', ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2', '10.0.0.0/8'], '4,294,967,296'],
    ['two /8s', ['11.0.0.0/8', '12.0.0.0/8'], '33,554,432'],
  ])('fails %s', (_name, cidrs, covered) => {
    const result = run(eksEndpointPrivate, evidence([stack('c', { Open: cluster({ EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: cidrs }) })]));
    expect(failing(result)).toEqual(['Open']);
    expect(result.findings[0]!.message).toContain(`covers ${covered} addresses together`);
  });

  test('passes one /8, however it is split', () => {
    const result = run(eksEndpointPrivate, evidence([stack('c', { Ok: cluster({ EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: ['11.0.0.0/9', '11.128.0.0/9', '11.0.0.0/16'] }) })]));
    expect(result.status).toBe('pass');
  });
});
