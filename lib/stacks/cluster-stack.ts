import { Stack } from 'aws-cdk-lib';
import type { aws_ec2 as ec2 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PlatformKeys } from './security-stack';
import type { RegionalStackProps } from './stack-props';

export interface ClusterStackProps extends RegionalStackProps {
  readonly vpc: ec2.IVpc;
  readonly keys: PlatformKeys;
  /** Web ACL the load balancer controller attaches to ingresses. */
  readonly webAclArn: string;
}

/** The EKS cluster of one region, its node groups, access entries and add-ons. */
export class ClusterStack extends Stack {
  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    throw new Error('ClusterStack: not yet built');
  }
}
