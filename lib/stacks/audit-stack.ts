import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PlatformKeys } from './security-stack';
import type { RegionalStackProps } from './stack-props';

export interface AuditStackProps extends RegionalStackProps {
  readonly keys: PlatformKeys;
}

/** CloudTrail, the Object Lock audit bucket, its replication, and AWS Backup plans of one region. */
export class AuditStack extends Stack {
  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, props);
    throw new Error('AuditStack: not yet built');
  }
}
