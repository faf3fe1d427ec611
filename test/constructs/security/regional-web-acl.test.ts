import { App, Duration, Stack, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RegionalWebAcl } from '../../../constructs/security/regional-web-acl';
import type { RegionalWebAclProps } from '../../../constructs/security/regional-web-acl';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';

const GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

function synth(props: Partial<RegionalWebAclProps> = {}): { template: Template; acl: RegionalWebAcl } {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new kms.Key(stack, 'LogsKey', { enableKeyRotation: true });
  const acl = new RegionalWebAcl(stack, 'WebAcl', {
    webAclName: 'acme-production-eu-west-1', managedRuleGroups: GROUPS, rateLimit: 2000, logEncryptionKey: key, ...props,
  });
  return { template: Template.fromStack(stack), acl };
}

const visibility = (metricName: string) => ({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: metricName });

describe('RegionalWebAcl', () => {
  test('is a regional web ACL that allows by default, with metrics and sampled requests', () => {
    synth().template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Name: 'acme-production-eu-west-1',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility('acme-production-eu-west-1'),
    });
  });

  test('blocks a client IP above the rate limit first, counted over 5 minutes', () => {
    synth().template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([{
        Name: 'RateLimitPerIp',
        Priority: 0,
        Action: { Block: {} },
        Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 2000, EvaluationWindowSec: 300 } },
        VisibilityConfig: visibility('acme-production-eu-west-1-RateLimitPerIp'),
      }]),
    });
  });

  test('rate limit and window follow the props', () => {
    synth({ rateLimit: 500, rateLimitWindow: Duration.minutes(1) }).template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 500, EvaluationWindowSec: 60 } } })]),
    });
  });

  test('applies each AWS managed rule group, in order, after the rate rule', () => {
    const acl = Object.values(synth().template.findResources('AWS::WAFv2::WebACL'))[0]!;
    expect(acl.Properties.Rules.slice(1)).toEqual(GROUPS.map((group, i) => ({
      Name: `AWS-${group}`,
      Priority: (i + 1) * 10,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: group } },
      VisibilityConfig: visibility(`acme-production-eu-west-1-AWS-${group}`),
    })));
  });

  test('logs to a KMS-encrypted, retained aws-waf-logs- group with one-year retention', () => {
    const { template } = synth();
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: 'aws-waf-logs-acme-production-eu-west-1',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] },
        RetentionInDays: 365,
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('logging configuration points at the web ACL and the group (ARN without ":*"), redacting the authorization header', () => {
    const { template } = synth();
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0]!;
    template.hasResource('AWS::WAFv2::LoggingConfiguration', {
      Properties: {
        ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAcl'), 'Arn'] },
        LogDestinationConfigs: ['arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-acme-production-eu-west-1'],
        RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
      },
      DependsOn: [logGroupId],
    });
  });

  test('custom log group name, retention and redacted headers', () => {
    const { template } = synth({ logGroupName: 'aws-waf-logs-edge', logRetention: logs.RetentionDays.SEVEN_YEARS, redactedHeaders: ['authorization', 'cookie'] });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-edge', RetentionInDays: 2557 });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }],
    });
  });

  test('exposes the web ACL ARN', () => {
    const { acl } = synth();
    expect(Stack.of(acl).resolve(acl.webAclArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WebAcl/), 'Arn'] });
  });

  test.each<[string, Partial<RegionalWebAclProps>, RegExp]>([
    ['a log group WAF cannot log to', { logGroupName: 'waf-logs' }, /logGroupName: expected a name starting with "aws-waf-logs-"/],
    ['a rate limit below 10', { rateLimit: 5 }, /rateLimit: expected a whole number of requests from 10/],
    ['a fractional rate limit', { rateLimit: 100.5 }, /rateLimit/],
    ['a 3-minute window', { rateLimitWindow: Duration.minutes(3) }, /rateLimitWindow: expected 1, 2, 5 or 10 minutes, got 180 seconds/],
    ['a non-AWS rule group', { managedRuleGroups: ['MyRules'] }, /expected AWS managed rule group names.*got "MyRules"/],
    ['a group listed twice', { managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesCommonRuleSet'] }, /listed twice/],
    ['a name with spaces', { webAclName: 'my acl' }, /webAclName: expected 1 to 128 letters/],
    ['an upper-case header', { redactedHeaders: ['Authorization'] }, /redactedHeaders: expected lower-case header names/],
  ])('rejects %s', (_what, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => synth({ rateLimit: 1, logGroupName: 'x' })).toThrow(/rateLimit.*; logGroupName/);
  });
});
