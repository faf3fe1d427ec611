import { Stack } from 'aws-cdk-lib';
import type { aws_ec2 as ec2, aws_kms as kms } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PlatformVpc } from '../../constructs/network/platform-vpc';
import { ServiceEndpoints } from '../../constructs/network/service-endpoints';
import { networkPlan } from '../mapping/network';
import { withinStackLimits } from './private/resource-budget';
import type { RegionalStackProps } from './stack-props';

/** What to change when the stack passes its resource or template limit. */
const LIMITS_FIX = 'it grows with the availability zones and interface endpoints of the region, independent of tenants; use fewer availability_zones';

export interface NetworkStackProps extends RegionalStackProps {
  /** Key that encrypts the flow log group. */
  readonly logsKey: kms.IKey;
}

/** The VPC of one region: subnets, NAT, flow logs and endpoints. */
export class NetworkStack extends Stack {
  public readonly vpc: ec2.IVpc;
  private readonly zones: readonly string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, withinStackLimits(props, LIMITS_FIX));
    this.zones = props.region.availabilityZones;
    const plan = networkPlan(props.model, props.environment, props.region);
    const platformVpc = new PlatformVpc(this, 'Network', { ...plan.vpc, flowLogKey: props.logsKey });
    this.vpc = platformVpc.vpc;
    new ServiceEndpoints(this, 'Endpoints', { ...plan.endpoints, vpc: platformVpc.vpc });
  }

  /**
   * The zones of the definition. Overridden so that nothing in this stack
   * (the VPC checks its zones against these) triggers an availability-zone
   * context lookup: synthesis stays offline and deterministic.
   */
  public override get availabilityZones(): string[] {
    return [...this.zones];
  }
}
