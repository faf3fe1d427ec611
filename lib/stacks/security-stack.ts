import { Stack } from 'aws-cdk-lib';
import type { aws_kms as kms } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PlatformKeyring } from '../../constructs/security/platform-keyring';
import { RegionalWebAcl } from '../../constructs/security/regional-web-acl';
import { SecurityHub } from '../../constructs/security/security-hub';
import { ThreatDetection } from '../../constructs/security/threat-detection';
import { securityPlan } from '../mapping/security';
import { withinStackLimits } from './private/resource-budget';
import type { RegionalStackProps } from './stack-props';

/** What to change when the stack passes its resource or template limit. */
const LIMITS_FIX = 'it holds the keys, detectors and web ACL of the region, independent of tenants; report the figure as a bug';

/** The customer-managed keys of a region, one per purpose. */
export interface PlatformKeys {
  /** Envelope encryption of Kubernetes secrets. */
  readonly secrets: kms.IKey;
  /** CloudWatch Logs, CloudTrail and flow logs. */
  readonly logs: kms.IKey;
  /** Tenant data, backups, SNS topics, S3 buckets and the root volumes of the nodes. */
  readonly data: kms.IKey;
}

export type SecurityStackProps = RegionalStackProps;

/** Keys, GuardDuty, Security Hub and the regional WAF web ACL of one region. */
export class SecurityStack extends Stack {
  public readonly keys: PlatformKeys;
  /** ARN of the regional WAFv2 web ACL that ingresses attach. */
  public readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, withinStackLimits(props, LIMITS_FIX));
    const plan = securityPlan(props.model, props.environment, props.region);
    const keyring = new PlatformKeyring(this, 'Keys', plan.keyring);
    this.keys = { secrets: keyring.secrets, logs: keyring.logs, data: keyring.data };
    new ThreatDetection(this, 'ThreatDetection', plan.threatDetection);
    new SecurityHub(this, 'SecurityHub', plan.securityHub);
    const webAcl = new RegionalWebAcl(this, 'WebAcl', { ...plan.webAcl, logEncryptionKey: keyring.logs });
    this.webAclArn = webAcl.webAclArn;
  }
}
