import { App, Stack, Validations, aws_ec2 as ec2, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformVpc } from '../../../constructs/network/platform-vpc';
import type { PlatformVpcProps } from '../../../constructs/network/platform-vpc';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function synth(props: Partial<PlatformVpcProps> = {}): { template: Template; vpc: PlatformVpc } {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new kms.Key(stack, 'LogsKey', { enableKeyRotation: true });
  const vpc = new PlatformVpc(stack, 'Network', {
    cidr: '10.20.0.0/16', availabilityZones: ZONES, subnetCidrMask: 20, flowLogKey: key, ...props,
  });
  return { template: Template.fromStack(stack), vpc };
}

/** Subnets whose `aws-cdk:subnet-name` tag is `name`. */
function subnetsNamed(template: Template, name: string): Array<{ Properties: Record<string, unknown> }> {
  return Object.values(template.findResources('AWS::EC2::Subnet', {
    Properties: { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-name', Value: name }]) },
  })) as Array<{ Properties: Record<string, unknown> }>;
}

describe('PlatformVpc', () => {
  test('uses the CIDR and exactly the zones given, with DNS', () => {
    const { template, vpc } = synth();
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
    expect(vpc.vpc.availabilityZones).toEqual(ZONES);
    const zones = Object.values(template.findResources('AWS::EC2::Subnet')).map((s) => s.Properties.AvailabilityZone as string);
    expect([...new Set(zones)].sort()).toEqual(ZONES);
  });

  test('three tiers, one subnet per zone each, all of the given size', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::EC2::Subnet', 9);
    for (const tier of ['public', 'nodes', 'data']) {
      const subnets = subnetsNamed(template, tier);
      expect(subnets.map((s) => s.Properties.AvailabilityZone)).toEqual(ZONES);
      for (const s of subnets) expect(s.Properties.CidrBlock).toMatch(/\/20$/);
    }
  });

  test('tiers have the right types: public, private with egress, isolated', () => {
    const { template } = synth();
    const typeOf = (tier: string) => subnetsNamed(template, tier).map((s) =>
      (s.Properties.Tags as Array<{ Key: string; Value: string }>).find((t) => t.Key === 'aws-cdk:subnet-type')?.Value);
    expect(typeOf('public')).toEqual(['Public', 'Public', 'Public']);
    expect(typeOf('nodes')).toEqual(['Private', 'Private', 'Private']);
    expect(typeOf('data')).toEqual(['Isolated', 'Isolated', 'Isolated']);
  });

  test('public subnets do not assign public IPs on launch', () => {
    for (const s of subnetsNamed(synth().template, 'public')) expect(s.Properties.MapPublicIpOnLaunch).toBe(false);
  });

  test('tags public subnets for internet-facing and node subnets for internal load balancers; data subnets for neither', () => {
    const { template } = synth();
    const tags = (tier: string) => subnetsNamed(template, tier).map((s) => (s.Properties.Tags as Array<{ Key: string; Value: string }>)
      .filter((t) => t.Key.startsWith('kubernetes.io/role/')));
    expect(tags('public')).toEqual(ZONES.map(() => [{ Key: 'kubernetes.io/role/elb', Value: '1' }]));
    expect(tags('nodes')).toEqual(ZONES.map(() => [{ Key: 'kubernetes.io/role/internal-elb', Value: '1' }]));
    expect(tags('data')).toEqual(ZONES.map(() => []));
  });

  test('data subnets have no route out', () => {
    const { template } = synth();
    const routes = Object.values(template.findResources('AWS::EC2::Route'));
    // 3 public default routes to the IGW + 3 node default routes to NAT; none for data
    expect(routes).toHaveLength(6);
    expect(routes.filter((r) => r.Properties.GatewayId)).toHaveLength(3);
    expect(routes.filter((r) => r.Properties.NatGatewayId)).toHaveLength(3);
  });

  test.each([
    [1, 1],
    [3, 3],
    [undefined, 3],
  ])('natGateways %p → %i NAT gateways in public subnets', (natGateways, count) => {
    const { template } = synth(natGateways === undefined ? {} : { natGateways });
    template.resourceCountIs('AWS::EC2::NatGateway', count);
    template.resourceCountIs('AWS::EC2::EIP', count);
  });

  test.each([0, 4])('rejects %i NAT gateways for 3 zones', (natGateways) => {
    expect(() => synth({ natGateways })).toThrow(/expected 1 to 3 NAT gateways \(one per zone at most\), got/);
  });

  test('restricts the default security group', () => {
    const { template } = synth();
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'DefaultSecurityGroup'] },
    });
  });

  test('flow logs of all traffic to the log group, through a role only flow logs of this account and region can assume', () => {
    const { template } = synth();
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0]!;
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: logGroupId },
      DeliverLogsPermissionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkFlowLogRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*' },
          },
        }],
      },
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^NetworkFlowLogPolicy') }],
    });
  });

  test('the flow log role may only write to the flow log group, and has no inline policy', () => {
    const { template } = synth();
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0]!;
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        }],
      },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('the flow log group is encrypted with the key, kept one year and retained', () => {
    synth().template.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] }, RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('flow log retention and traffic type follow the props', () => {
    const { template } = synth({ flowLogRetention: logs.RetentionDays.TWO_YEARS, flowLogTrafficType: ec2.FlowLogTrafficType.REJECT });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
  });

  test('acknowledges the route-to-IGW policy findings on the public subnets\' default routes, and nowhere else', () => {
    const { vpc } = synth();
    const acknowledged = (scope: { node: { metadata: Array<{ type: string; data: unknown }> } }) => scope.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as Record<string, string>));
    for (const subnet of vpc.vpc.publicSubnets) {
      expect(acknowledged(subnet.node.findChild('DefaultRoute'))).toEqual(expect.arrayContaining([
        expect.stringMatching(/HIPAA\.Security-VPCNoUnrestrictedRouteToIGW$/),
        expect.stringMatching(/NIST\.800\.53\.R5-VPCNoUnrestrictedRouteToIGW$/),
      ]));
    }
    for (const subnet of [...vpc.vpc.privateSubnets, ...vpc.vpc.isolatedSubnets]) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (route) expect(acknowledged(route)).toEqual([]);
    }
    expect(acknowledged(vpc)).toEqual([]);
    expect(acknowledged(vpc.vpc)).toEqual([]);
  });
});
