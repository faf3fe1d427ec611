import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentModel, RegionModel, WorkspaceModel } from '../../lib/definition/model';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { NetworkStack } from '../../lib/stacks/network-stack';
import { SecurityStack } from '../../lib/stacks/security-stack';
import { nagFindings } from '../helpers/nag';
import { exampleModel } from '../helpers/workspace';

/** The network stack as platform.ts builds it: its logs key comes from the security stack of the region. */
function build(model: WorkspaceModel, environment: EnvironmentModel = model.environments[0]!, region: RegionModel = environment.regions[0]!) {
  const app = new App({ context: FEATURE_FLAGS });
  const name = `${model.organization.name}-${environment.name}-${region.region}`;
  const common = { model, environment, region, env: { account: environment.account, region: region.region } };
  const security = new SecurityStack(app, `${name}-security`, common);
  const network = new NetworkStack(app, `${name}-network`, { ...common, logsKey: security.keys.logs });
  return { app, security, network };
}

const starter = exampleModel('starter');
const enterprise = exampleModel('enterprise');
const staging = enterprise.environments.find((e) => e.name === 'staging')!;
const production = enterprise.environments.find((e) => e.name === 'production')!;

const tagged = (template: Template, key: string, value: string) => Object.values(template.findResources('AWS::EC2::Subnet', {
  Properties: { Tags: Match.arrayWith([{ Key: key, Value: value }]) },
}));

describe('NetworkStack (starter)', () => {
  const { network, app } = build(starter);
  const template = Template.fromStack(network);

  test('resource counts', () => {
    const counts: Record<string, number> = {};
    for (const r of Object.values(template.toJSON().Resources as Record<string, { Type: string }>)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
    expect(counts).toEqual({
      'AWS::EC2::VPC': 1,
      'AWS::EC2::InternetGateway': 1,
      'AWS::EC2::VPCGatewayAttachment': 1,
      'AWS::EC2::Subnet': 6,
      'AWS::EC2::RouteTable': 6,
      'AWS::EC2::SubnetRouteTableAssociation': 6,
      'AWS::EC2::Route': 4,
      'AWS::EC2::EIP': 1,
      'AWS::EC2::NatGateway': 1,
      'Custom::VpcRestrictDefaultSG': 1,
      'AWS::IAM::Role': 2,
      'AWS::Lambda::Function': 1,
      'AWS::Logs::LogGroup': 1,
      'AWS::IAM::ManagedPolicy': 1,
      'AWS::EC2::FlowLog': 1,
      'AWS::EC2::SecurityGroup': 1,
      'AWS::EC2::VPCEndpoint': 6,
    });
  });

  test('the VPC uses the region\'s CIDR and zones, known at synth', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    expect(network.vpc.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
  });

  test('no context lookups: the assembly asks for nothing', () => {
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  test('three tiers of /19 subnets in each zone', () => {
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet'));
    expect(subnets.map((s) => s.Properties.CidrBlock as string).sort()).toEqual([
      '10.0.0.0/19', '10.0.128.0/19', '10.0.160.0/19', '10.0.32.0/19', '10.0.64.0/19', '10.0.96.0/19',
    ]);
    expect(tagged(template, 'aws-cdk:subnet-type', 'Public')).toHaveLength(2);
    expect(tagged(template, 'aws-cdk:subnet-type', 'Private')).toHaveLength(2);
    expect(tagged(template, 'aws-cdk:subnet-type', 'Isolated')).toHaveLength(2);
  });

  test('load balancer discovery tags: public subnets for internet-facing, node subnets for internal', () => {
    expect(tagged(template, 'kubernetes.io/role/elb', '1').map((s) => s.Properties.Tags as unknown))
      .toEqual(tagged(template, 'aws-cdk:subnet-type', 'Public').map((s) => s.Properties.Tags as unknown));
    expect(tagged(template, 'kubernetes.io/role/internal-elb', '1').map((s) => s.Properties.Tags as unknown))
      .toEqual(tagged(template, 'aws-cdk:subnet-type', 'Private').map((s) => s.Properties.Tags as unknown));
  });

  test('one NAT gateway when the environment is not highly available', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('the default security group is restricted', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('flow logs of all traffic go to a log group encrypted with the security stack\'s logs key', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        // A weak cross-stack reference to the key of the security stack.
        KmsKeyId: { 'Fn::GetStackOutput': Match.objectLike({ StackName: 'starter-dev-eu-west-1-security' }) },
        RetentionInDays: 365,
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('endpoints: S3 gateway; ECR API, ECR Docker, STS, CloudWatch Logs and KMS interfaces with private DNS', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: Match.anyValue() });
    const services = Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }))
      .map((e) => e.Properties.ServiceName as string).sort();
    expect(services).toEqual(['ecr.api', 'ecr.dkr', 'kms', 'logs', 'sts'].map((s) => `com.amazonaws.eu-west-1.${s}`));
    expect(Object.keys(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { PrivateDnsEnabled: true } }))).toHaveLength(5);
  });

  test('interface endpoints admit HTTPS from the VPC CIDR only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16', Description: 'HTTPS from the VPC' }],
    });
  });
});

describe('NetworkStack (enterprise)', () => {
  test.each<[string, EnvironmentModel, number]>([
    ['staging (not highly available)', staging, 1],
    ['production (highly available)', production, 3],
  ])('%s: %i NAT gateway(s)', (_name, env, count) => {
    const template = Template.fromStack(build(enterprise, env, env.regions[0]).network);
    template.resourceCountIs('AWS::EC2::NatGateway', count);
    // every node subnet routes out through a NAT gateway
    expect(Object.values(template.findResources('AWS::EC2::Route', { Properties: { NatGatewayId: Match.anyValue() } }))).toHaveLength(3);
  });

  test('three zones of /20 subnets from the region\'s CIDR', () => {
    const region = production.regions.find((r) => r.region === 'eu-west-1')!;
    const { network } = build(enterprise, production, region);
    const template = Template.fromStack(network);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.31.0.0/16' });
    template.resourceCountIs('AWS::EC2::Subnet', 9);
    const zones = Object.values(template.findResources('AWS::EC2::Subnet')).map((s) => s.Properties.AvailabilityZone as string);
    expect([...new Set(zones)].sort()).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    for (const s of Object.values(template.findResources('AWS::EC2::Subnet'))) expect(s.Properties.CidrBlock).toMatch(/^10\.31\.\d+\.0\/20$/);
  });
});

describe('NetworkStack policy checks', () => {
  test.each<[string, WorkspaceModel, EnvironmentModel]>([
    ['starter', starter, starter.environments[0]!],
    ['enterprise production', enterprise, production],
  ])('%s: AwsSolutions, HIPAA Security and NIST 800-53 R5 report no error', (_name, model, env) => {
    const { app, network } = build(model, env);
    expect(nagFindings(app, { scope: network })).toEqual([]);
  });
});
