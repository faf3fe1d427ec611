import { Stack, aws_securityhub as securityhub } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Security Hub standards, by the path of their ARN (`arn:<partition>:securityhub:<region>::standards/<path>`). */
export enum SecurityHubStandard {
  AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES = 'aws-foundational-security-best-practices/v/1.0.0',
  CIS_AWS_FOUNDATIONS_3_0 = 'cis-aws-foundations-benchmark/v/3.0.0',
  NIST_800_53_REV_5 = 'nist-800-53/v/5.0.0',
  PCI_DSS_4_0_1 = 'pci-dss/v/4.0.1',
}

export interface SecurityHubProps {
  /** Standards to enable; nothing else is enabled (the hub's default standards are off). */
  readonly standards: readonly SecurityHubStandard[];
  /**
   * One finding per control across standards (`SECURITY_CONTROL`) rather than one per standard.
   * @default true
   */
  readonly consolidatedControlFindings?: boolean;
  /**
   * Enable new controls of the enabled standards as Security Hub adds them.
   * @default true
   */
  readonly autoEnableControls?: boolean;
}

/**
 * Security Hub in one account and region, with exactly the standards given.
 * An account-region has at most one hub: if Security Hub is already enabled
 * (e.g. by an Organizations delegated administrator), do not create another.
 */
export class SecurityHub extends Construct {
  /** ARN of the hub. */
  public readonly hubArn: string;
  /** ARNs of the enabled standards, in the order given. */
  public readonly standardsArns: readonly string[];

  constructor(scope: Construct, id: string, props: SecurityHubProps) {
    super(scope, id);
    const hub = new securityhub.CfnHub(this, 'Hub', {
      enableDefaultStandards: false,
      controlFindingGenerator: (props.consolidatedControlFindings ?? true) ? 'SECURITY_CONTROL' : 'STANDARD_CONTROL',
      autoEnableControls: props.autoEnableControls ?? true,
    });
    this.hubArn = hub.attrArn;
    const stack = Stack.of(this);
    const arns: string[] = [];
    for (const standard of new Set(props.standards)) {
      const arn = `arn:${stack.partition}:securityhub:${stack.region}::standards/${standard}`;
      // The id is the standard's name without its version: `nist-800-53`.
      const subscription = new securityhub.CfnStandard(this, standard.split('/v/')[0]!, { standardsArn: arn });
      subscription.node.addDependency(hub);
      arns.push(arn);
    }
    this.standardsArns = arns;
  }
}
