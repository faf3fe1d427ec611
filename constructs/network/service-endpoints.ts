import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface ServiceEndpointsProps {
  readonly vpc: ec2.IVpc;
  /** Interface endpoints by name (the name is the construct id, so keep it stable), e.g. `{ sts: InterfaceVpcEndpointAwsService.STS }`. */
  readonly interfaceEndpoints: Readonly<Record<string, ec2.InterfaceVpcEndpointAwsService>>;
  /**
   * Gateway endpoints by name.
   * @default { s3: GatewayVpcEndpointAwsService.S3 }
   */
  readonly gatewayEndpoints?: Readonly<Record<string, ec2.GatewayVpcEndpointAwsService>>;
  /**
   * Subnets that hold the interface endpoints' network interfaces.
   * @default { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }
   */
  readonly interfaceSubnets?: ec2.SubnetSelection;
  /**
   * Subnets whose route tables get routes to the gateway endpoints.
   * @default the PRIVATE_WITH_EGRESS and PRIVATE_ISOLATED subnets
   */
  readonly gatewaySubnets?: readonly ec2.SubnetSelection[];
  /**
   * Peer allowed to reach the interface endpoints on 443.
   * @default ec2.Peer.ipv4(vpc.vpcCidrBlock)
   */
  readonly allowFrom?: ec2.IPeer;
}

/**
 * VPC endpoints so private subnets reach AWS APIs without the internet:
 * gateway endpoints in the private route tables, and interface endpoints with
 * private DNS behind one security group that admits HTTPS from the VPC only.
 */
export class ServiceEndpoints extends Construct {
  /** The security group of every interface endpoint. */
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly interfaceEndpoints: Readonly<Record<string, ec2.InterfaceVpcEndpoint>>;
  public readonly gatewayEndpoints: Readonly<Record<string, ec2.GatewayVpcEndpoint>>;

  constructor(scope: Construct, id: string, props: ServiceEndpointsProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      // Endpoint network interfaces answer requests; they never open connections.
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(props.allowFrom ?? ec2.Peer.ipv4(props.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS from the VPC');

    const gatewaySubnets = props.gatewaySubnets
      ?? [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }];
    const gateways: Record<string, ec2.GatewayVpcEndpoint> = {};
    for (const [name, service] of Object.entries(props.gatewayEndpoints ?? { s3: ec2.GatewayVpcEndpointAwsService.S3 })) {
      gateways[name] = new ec2.GatewayVpcEndpoint(this, name, { vpc: props.vpc, service, subnets: [...gatewaySubnets] });
    }
    this.gatewayEndpoints = gateways;

    const interfaces: Record<string, ec2.InterfaceVpcEndpoint> = {};
    for (const [name, service] of Object.entries(props.interfaceEndpoints)) {
      interfaces[name] = new ec2.InterfaceVpcEndpoint(this, name, {
        vpc: props.vpc,
        service,
        privateDnsEnabled: true,
        subnets: props.interfaceSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [this.securityGroup],
        open: false,
      });
    }
    this.interfaceEndpoints = interfaces;
  }
}
