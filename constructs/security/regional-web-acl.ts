import { ArnFormat, Duration, RemovalPolicy, Stack, aws_logs as logs, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import type { aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';

const WAF_LOG_PREFIX = 'aws-waf-logs-';
const RATE_WINDOWS_SECONDS = [60, 120, 300, 600];

export interface RegionalWebAclProps {
  /** Name of the web ACL (letters, digits, `-`, `_`; at most 128 characters). */
  readonly webAclName: string;
  /**
   * AWS managed rule groups, evaluated in this order after the rate rule,
   * e.g. `AWSManagedRulesCommonRuleSet`. Each becomes a rule named `AWS-<group>`.
   */
  readonly managedRuleGroups: readonly string[];
  /** Requests one client IP may send per `rateLimitWindow` before it is blocked (10 to 2,000,000,000). */
  readonly rateLimit: number;
  /**
   * Window over which `rateLimit` is counted: 1, 2, 5 or 10 minutes.
   * @default Duration.minutes(5)
   */
  readonly rateLimitWindow?: Duration;
  /** Key that encrypts the log group of the web ACL's logs. */
  readonly logEncryptionKey: kms.IKey;
  /**
   * Name of the log group; WAF only logs to groups named `aws-waf-logs-*`.
   * @default `aws-waf-logs-<webAclName>`
   */
  readonly logGroupName?: string;
  /**
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Request headers replaced by `REDACTED` in the logs (lower case).
   * @default ['authorization']
   */
  readonly redactedHeaders?: readonly string[];
  /**
   * What happens to the log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * A regional WAFv2 web ACL for load balancers: a per-IP rate-based rule, then
 * the AWS managed rule groups, default allow; CloudWatch metrics and sampled
 * requests on every rule; full logs to a KMS-encrypted log group with
 * credentials redacted.
 */
export class RegionalWebAcl extends Construct {
  public readonly webAclArn: string;
  public readonly webAclId: string;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RegionalWebAclProps) {
    super(scope, id);
    validate(props);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const rateRule: wafv2.CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIp',
      priority: 0,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'IP',
          limit: props.rateLimit,
          evaluationWindowSec: (props.rateLimitWindow ?? Duration.minutes(5)).toSeconds(),
        },
      },
      visibilityConfig: visibility(`${props.webAclName}-RateLimitPerIp`),
    };
    const managedRules = props.managedRuleGroups.map((group, index): wafv2.CfnWebACL.RuleProperty => ({
      name: `AWS-${group}`,
      priority: (index + 1) * 10,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
      visibilityConfig: visibility(`${props.webAclName}-AWS-${group}`),
    }));
    const webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.webAclName,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rules: [rateRule, ...managedRules],
      visibilityConfig: visibility(props.webAclName),
    });
    this.webAclArn = webAcl.attrArn;
    this.webAclId = webAcl.attrId;

    const logGroupName = props.logGroupName ?? `${WAF_LOG_PREFIX}${props.webAclName}`;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // WAF wants the log group ARN without the `:*` suffix that `Fn::GetAtt Arn` carries.
    const destination = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: webAcl.attrArn,
      logDestinationConfigs: [destination],
      redactedFields: (props.redactedHeaders ?? ['authorization']).map((name) => ({ singleHeader: { Name: name } })),
    });
    logging.node.addDependency(this.logGroup);
  }
}

function validate(props: RegionalWebAclProps): void {
  const problems: string[] = [];
  if (!/^[\w-]{1,128}$/.test(props.webAclName)) {
    problems.push(`webAclName: expected 1 to 128 letters, digits, "-" or "_", got "${props.webAclName}"`);
  }
  if (!Number.isInteger(props.rateLimit) || props.rateLimit < 10 || props.rateLimit > 2_000_000_000) {
    problems.push(`rateLimit: expected a whole number of requests from 10 to 2,000,000,000, got ${props.rateLimit}`);
  }
  const window = props.rateLimitWindow?.toSeconds();
  if (window !== undefined && !RATE_WINDOWS_SECONDS.includes(window)) {
    problems.push(`rateLimitWindow: expected 1, 2, 5 or 10 minutes, got ${window} seconds`);
  }
  if (props.logGroupName !== undefined && !props.logGroupName.startsWith(WAF_LOG_PREFIX)) {
    problems.push(`logGroupName: expected a name starting with "${WAF_LOG_PREFIX}" (WAF logs nowhere else), got "${props.logGroupName}"`);
  }
  const seen = new Set<string>();
  for (const group of props.managedRuleGroups) {
    if (!/^AWSManagedRules\w+$/.test(group)) {
      problems.push(`managedRuleGroups: expected AWS managed rule group names like "AWSManagedRulesCommonRuleSet", got "${group}"`);
    } else if (seen.has(group)) {
      problems.push(`managedRuleGroups: "${group}" is listed twice; list each group once`);
    }
    seen.add(group);
  }
  for (const header of props.redactedHeaders ?? []) {
    if (header !== header.toLowerCase() || header.length === 0) {
      problems.push(`redactedHeaders: expected lower-case header names, got "${header}"`);
    }
  }
  if (problems.length > 0) throw new Error(`RegionalWebAcl: ${problems.join('; ')}`);
}
