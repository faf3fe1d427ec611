import { Stack } from 'aws-cdk-lib';
import type { aws_ec2 as ec2, aws_kms as kms } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RegionalStackProps } from './stack-props';

export interface NetworkStackProps extends RegionalStackProps {
  /** Key that encrypts the flow log group. */
  readonly logsKey: kms.IKey;
}

/** The VPC of one region: subnets, NAT, flow logs and endpoints. */
export class NetworkStack extends Stack {
  public readonly vpc: ec2.IVpc;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    throw new Error('NetworkStack: not yet built');
  }
}
