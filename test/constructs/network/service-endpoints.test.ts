import { App, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ServiceEndpoints } from '../../../constructs/network/service-endpoints';
import type { ServiceEndpointsProps } from '../../../constructs/network/service-endpoints';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';

function synth(props: Partial<ServiceEndpointsProps> = {}): Template {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'nodes', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  new ServiceEndpoints(stack, 'Endpoints', {
    vpc,
    interfaceEndpoints: { sts: ec2.InterfaceVpcEndpointAwsService.STS, kms: ec2.InterfaceVpcEndpointAwsService.KMS },
    ...props,
  });
  return Template.fromStack(stack);
}

const subnetsOf = (template: Template, tier: string) => Object.keys(template.findResources('AWS::EC2::Subnet', {
  Properties: { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-name', Value: tier }]) },
}));

describe('ServiceEndpoints', () => {
  test('interface endpoints with private DNS in the node subnets, behind the endpoint security group', () => {
    const template = synth();
    const nodeSubnets = subnetsOf(template, 'nodes').map((id) => ({ Ref: id }));
    for (const service of ['sts', 'kms']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: `com.amazonaws.eu-west-1.${service}`,
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        SubnetIds: nodeSubnets,
        SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^EndpointsSecurityGroup'), 'GroupId'] }],
      });
    }
  });

  test('S3 gateway endpoint by default, routed from the node and data subnets only', () => {
    const template = synth();
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 3);
    const routeTables = Object.entries(template.findResources('AWS::EC2::SubnetRouteTableAssociation'))
      .filter(([, a]) => [...subnetsOf(template, 'nodes'), ...subnetsOf(template, 'data')].includes(a.Properties.SubnetId.Ref as string))
      .map(([, a]) => a.Properties.RouteTableId as unknown);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      VpcEndpointType: 'Gateway',
      RouteTableIds: Match.arrayEquals(routeTables),
    });
  });

  test('the security group admits HTTPS from the VPC CIDR only and opens nothing outbound', () => {
    const template = synth();
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{
        IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'HTTPS from the VPC',
        CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Vpc'), 'CidrBlock'] },
      }],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('allowFrom replaces the VPC CIDR peer (e.g. with the literal CIDR)', () => {
    synth({ allowFrom: ec2.Peer.ipv4('10.0.0.0/16') }).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443 })],
    });
  });

  test('endpoint construct ids are the given names, so adding one does not replace another', () => {
    const before = Object.keys(synth().findResources('AWS::EC2::VPCEndpoint'));
    const after = Object.keys(synth({
      interfaceEndpoints: {
        ecr: ec2.InterfaceVpcEndpointAwsService.ECR,
        sts: ec2.InterfaceVpcEndpointAwsService.STS,
        kms: ec2.InterfaceVpcEndpointAwsService.KMS,
      },
    }).findResources('AWS::EC2::VPCEndpoint'));
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 1);
  });

  test('no gateway endpoints when given none', () => {
    synth({ gatewayEndpoints: {} }).resourceCountIs('AWS::EC2::VPCEndpoint', 2);
  });
});
