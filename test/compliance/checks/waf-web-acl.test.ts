import { wafWebAcl } from '../../../lib/compliance/checks/waf-web-acl';
import { evidence, failing, run, stack, VPC } from '../helpers';

const managed = { Name: 'common', OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } };
const rate = { Name: 'rate', Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } } };
const acl = (rules: unknown[]) => ({ Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'REGIONAL', Name: 'acme', Rules: rules } });
const logging = { Type: 'AWS::WAFv2::LoggingConfiguration', Properties: { ResourceArn: { 'Fn::GetAtt': ['Acl', 'Arn'] } } };

describe('waf-web-acl', () => {
  test('passes a logged web ACL with the managed group and a blocking rate rule', () => {
    expect(run(wafWebAcl, evidence([stack('net', VPC), stack('sec', { Acl: acl([managed, rate]), Logging: logging })])).status).toBe('pass');
  });

  test('fails a counting managed group, no rate rule and no logging', () => {
    const result = run(wafWebAcl, evidence([stack('net', VPC), stack('sec', { Acl: acl([{ ...managed, OverrideAction: { Count: {} } }]) })]));
    expect(failing(result)).toEqual(['Acl']);
    expect(result.findings[0]!.message).toBe('managed rule group AWSManagedRulesCommonRuleSet only counts; no rate-based rule; no logging configuration');
  });

  test('fails a workload region without a web ACL', () => {
    expect(run(wafWebAcl, evidence([stack('net', VPC)])).status).toBe('fail');
  });
});
