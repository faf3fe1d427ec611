/**
 * Model → props of the network constructs of one region: the subnet size that
 * fits every tier in every zone, how many NAT gateways, which endpoints.
 * Pure functions of the resolved model.
 */
import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { parseCidr } from '../definition/cidr';
import type { EnvironmentModel, RegionModel, WorkspaceModel } from '../definition/model';
import type { PlatformVpcProps } from '../../constructs/network/platform-vpc';
import { SUBNET_TIERS } from '../../constructs/network/platform-vpc';
import type { ServiceEndpointsProps } from '../../constructs/network/service-endpoints';
import { retentionDaysAtLeast } from './security';

/** The smallest subnet AWS allows. */
const SMALLEST_SUBNET_PREFIX = 28;

/**
 * The prefix length of every subnet when `tiers` tiers of `zones` zones share
 * `vpcCidr` equally: the largest subnets such that all of them fit.
 * `10.0.0.0/16` with 3 tiers in 2 zones (6 subnets) → 19; in 3 zones (9) → 20.
 */
export function subnetCidrMask(vpcCidr: string, zones: number, tiers: number = SUBNET_TIERS.length): number {
  const parsed = parseCidr(vpcCidr);
  if (typeof parsed === 'string') throw new Error(`subnetCidrMask: expected an IPv4 CIDR like "10.0.0.0/16", got "${vpcCidr}" (${parsed})`);
  if (!Number.isInteger(zones) || zones < 1) throw new Error(`subnetCidrMask: expected at least one availability zone, got ${zones}`);
  const subnets = zones * tiers;
  const mask = parsed.prefix + Math.ceil(Math.log2(subnets));
  if (mask > SMALLEST_SUBNET_PREFIX) {
    throw new Error(
      `subnetCidrMask: ${subnets} subnets (${tiers} tiers × ${zones} zones) do not fit in "${vpcCidr}": each would be /${mask}, `
      + `smaller than the /${SMALLEST_SUBNET_PREFIX} AWS allows. Use a larger VPC CIDR (e.g. /${SMALLEST_SUBNET_PREFIX - Math.ceil(Math.log2(subnets))} or wider) or fewer zones.`,
    );
  }
  return mask;
}

/** One NAT gateway per zone when the environment is highly available, else one for the region. */
export function natGatewayCount(env: EnvironmentModel, region: RegionModel): number {
  return env.highAvailability ? region.availabilityZones.length : 1;
}

/**
 * Gateway endpoints, by name. S3 keeps image layers (ECR stores them in S3)
 * and bucket traffic off the NAT gateways.
 */
export function gatewayEndpoints(): Record<string, ec2.GatewayVpcEndpointAwsService> {
  return { s3: ec2.GatewayVpcEndpointAwsService.S3 };
}

/**
 * Interface endpoints, by name: what private nodes need without the internet
 * (pull images, assume roles through IRSA / Pod Identity, ship logs, use keys).
 */
export function interfaceEndpoints(): Record<string, ec2.InterfaceVpcEndpointAwsService> {
  return {
    'ecr-api': ec2.InterfaceVpcEndpointAwsService.ECR,
    'ecr-dkr': ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
    sts: ec2.InterfaceVpcEndpointAwsService.STS,
    logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    kms: ec2.InterfaceVpcEndpointAwsService.KMS,
  };
}

/** Everything the network stack builds, except the keys and the VPC that only exist at synth. */
export interface NetworkPlan {
  readonly vpc: Omit<PlatformVpcProps, 'flowLogKey'>;
  readonly endpoints: Omit<ServiceEndpointsProps, 'vpc'>;
}

export function networkPlan(model: WorkspaceModel, env: EnvironmentModel, region: RegionModel): NetworkPlan {
  return {
    vpc: {
      cidr: region.vpcCidr,
      availabilityZones: region.availabilityZones,
      subnetCidrMask: subnetCidrMask(region.vpcCidr, region.availabilityZones.length),
      natGateways: natGatewayCount(env, region),
      flowLogRetention: retentionDaysAtLeast(model.monitoring.logRetentionSeconds),
    },
    endpoints: {
      gatewayEndpoints: gatewayEndpoints(),
      interfaceEndpoints: interfaceEndpoints(),
      // The literal CIDR rather than the VPC's `CidrBlock` attribute, so policy checks can read the rule.
      allowFrom: ec2.Peer.ipv4(region.vpcCidr),
    },
  };
}
