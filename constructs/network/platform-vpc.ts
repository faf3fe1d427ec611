import { RemovalPolicy, Stack, Tags, Validations, aws_ec2 as ec2, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import type { aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';

/**
 * The subnet tiers of every platform VPC, in allocation order, each with one
 * subnet per zone: `public` only for NAT gateways and internet-facing load
 * balancers, `nodes` for the cluster nodes (egress through NAT), `data` for
 * data stores (no route out).
 */
export const SUBNET_TIERS = [
  { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
  { name: 'nodes', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
] as const;

/** Tags the AWS Load Balancer Controller uses to find subnets for load balancers. */
export const LOAD_BALANCER_SUBNET_TAGS = {
  internetFacing: 'kubernetes.io/role/elb',
  internal: 'kubernetes.io/role/internal-elb',
} as const;

export interface PlatformVpcProps {
  /** IPv4 CIDR of the VPC, e.g. `10.20.0.0/16`. */
  readonly cidr: string;
  /**
   * Zones to use, named explicitly (`eu-west-1a`) so synthesis needs no
   * lookup. The stack must also answer `availabilityZones` without a lookup.
   */
  readonly availabilityZones: readonly string[];
  /** Prefix length of every subnet; all tiers × zones must fit in `cidr`. */
  readonly subnetCidrMask: number;
  /**
   * NAT gateways, in the public subnets of the first zones.
   * @default - one per zone
   */
  readonly natGateways?: number;
  /** Key that encrypts the flow log group. */
  readonly flowLogKey: kms.IKey;
  /**
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * Traffic the flow log records.
   * @default ec2.FlowLogTrafficType.ALL
   */
  readonly flowLogTrafficType?: ec2.FlowLogTrafficType;
  /**
   * What happens to the flow log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly flowLogRemovalPolicy?: RemovalPolicy;
}

/**
 * A VPC for an EKS cluster: public, node and data subnets in every zone, NAT
 * gateways, the default security group stripped of all rules, no public IPs
 * assigned on launch, and flow logs of all traffic to a KMS-encrypted log group.
 */
export class PlatformVpc extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PlatformVpcProps) {
    super(scope, id);
    const zones = props.availabilityZones.length;
    const natGateways = props.natGateways ?? zones;
    if (natGateways < 1 || natGateways > zones) {
      throw new Error(`PlatformVpc: expected 1 to ${zones} NAT gateways (one per zone at most), got ${natGateways}`);
    }
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      availabilityZones: [...props.availabilityZones],
      natGateways,
      restrictDefaultSecurityGroup: true,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      subnetConfiguration: SUBNET_TIERS.map((tier) => ({
        name: tier.name,
        subnetType: tier.subnetType,
        cidrMask: props.subnetCidrMask,
        // NAT gateways use Elastic IPs and load balancers get their own addresses.
        ...(tier.subnetType === ec2.SubnetType.PUBLIC ? { mapPublicIpOnLaunch: false } : {}),
      })),
    });
    for (const subnet of this.vpc.publicSubnets) {
      Tags.of(subnet).add(LOAD_BALANCER_SUBNET_TAGS.internetFacing, '1');
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (route) acknowledgePublicRoute(route);
    }
    for (const subnet of this.vpc.privateSubnets) Tags.of(subnet).add(LOAD_BALANCER_SUBNET_TAGS.internal, '1');
    for (const subnet of [...this.vpc.publicSubnets, ...this.vpc.privateSubnets, ...this.vpc.isolatedSubnets]) {
      Validations.of(subnet).acknowledge({
        id: 'CloudFormation-Validate::W3010',
        reason: 'Subnet zones are named in the workspace definition (checked there to belong to the region) so synthesis '
          + 'needs no availability-zone lookup and a subnet never moves to another zone.',
      });
    }

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      encryptionKey: props.flowLogKey,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.flowLogRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const stack = Stack.of(this);
    // A customer-managed policy rather than an inline one, so the role's
    // permissions are a reviewable, versioned resource of their own.
    const writeFlowLogs = new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: 'Write VPC flow log records to the flow log group',
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [this.flowLogGroup.logGroupArn],
      })],
    });
    const role = new iam.Role(this, 'FlowLogRole', {
      description: 'Lets VPC Flow Logs of this account and region write to the flow log group',
      // Confused-deputy protection: only flow logs of this account and region may assume it.
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:vpc-flow-log/*` },
      }),
      managedPolicies: [writeFlowLogs],
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup, role.withoutPolicyUpdates()),
      trafficType: props.flowLogTrafficType ?? ec2.FlowLogTrafficType.ALL,
    });
  }
}

/** The one policy finding a public subnet has by definition. */
function acknowledgePublicRoute(route: IConstruct): void {
  const reason = 'Default route of a public subnet, which holds only NAT gateways and internet-facing load balancers: '
    + 'the route to the internet gateway is what makes it public. Nodes and data stores are in the private and isolated '
    + 'subnets, which have no route to the internet gateway.';
  for (const id of ['HIPAA.Security-VPCNoUnrestrictedRouteToIGW', 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW']) {
    Validations.of(route).acknowledge({ id, reason });
  }
}
