import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentModel, RegionModel, WorkspaceModel } from '../../lib/definition/model';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { SecurityStack } from '../../lib/stacks/security-stack';
import { nagFindings } from '../helpers/nag';
import { exampleModel } from '../helpers/workspace';

function build(model: WorkspaceModel, environment: EnvironmentModel = model.environments[0]!, region: RegionModel = environment.regions[0]!) {
  const app = new App({ context: FEATURE_FLAGS });
  const stack = new SecurityStack(app, `${model.organization.name}-${environment.name}-${region.region}-security`, {
    model, environment, region, env: { account: environment.account, region: region.region },
  });
  return { app, stack };
}

const starter = exampleModel('starter');
const enterprise = exampleModel('enterprise');

describe('SecurityStack (starter)', () => {
  const { stack } = build(starter);
  const template = Template.fromStack(stack);

  test('holds the keys, GuardDuty, Security Hub and the web ACL, nothing else', () => {
    const counts: Record<string, number> = {};
    for (const r of Object.values(template.toJSON().Resources as Record<string, { Type: string }>)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
    expect(counts).toEqual({
      'AWS::KMS::Key': 3,
      'AWS::KMS::Alias': 3,
      'AWS::GuardDuty::Detector': 1,
      'AWS::SecurityHub::Hub': 1,
      'AWS::SecurityHub::Standard': 2,
      'AWS::WAFv2::WebACL': 1,
      'AWS::WAFv2::LoggingConfiguration': 1,
      'AWS::Logs::LogGroup': 1,
    });
  });

  test('keys rotate, are retained, and are aliased by organization, environment and purpose', () => {
    expect(Object.keys(template.findResources('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
    }))).toHaveLength(3);
    for (const purpose of ['secrets', 'logs', 'data']) {
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/starter/dev/${purpose}` });
    }
  });

  test('exposes the three keys and the web ACL ARN', () => {
    expect(stack.resolve(stack.keys.logs.keyArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^KeysLogs/), 'Arn'] });
    expect(stack.resolve(stack.keys.secrets.keyArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^KeysSecrets/), 'Arn'] });
    expect(stack.resolve(stack.keys.data.keyArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^KeysData/), 'Arn'] });
    expect(stack.resolve(stack.webAclArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WebAcl/), 'Arn'] });
  });

  test('the logs key admits CloudWatch Logs of eu-west-1 for the account\'s log groups', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:222222222222:log-group:*' } },
        })]),
      },
    });
  });

  test('the data key lets the EC2 Auto Scaling service-linked role of the account encrypt node root volumes', () => {
    const role = 'arn:aws:iam::222222222222:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling';
    const [dataKey] = Object.entries(template.findResources('AWS::KMS::Key')).filter(([id]) => id.startsWith('KeysData')).map(([, r]) => r);
    const statements = (dataKey!.Properties.KeyPolicy.Statement as Array<{ Principal: unknown; Action: unknown; Condition?: unknown }>)
      .filter((s) => JSON.stringify(s.Principal) === JSON.stringify({ AWS: role }));
    expect(statements.map((s) => [s.Action, s.Condition])).toEqual([
      [['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], undefined],
      ['kms:CreateGrant', { Bool: { 'kms:GrantIsForAWSResource': true } }],
    ]);
  });

  test('GuardDuty follows the definition\'s flags', () => {
    template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      Features: [
        { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' },
        { Name: 'RUNTIME_MONITORING', Status: 'ENABLED', AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' }] },
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
      ],
    });
  });

  test('Security Hub subscribes to the default standards of the definition (FSBP, NIST 800-53)', () => {
    const arns = Object.values(template.findResources('AWS::SecurityHub::Standard')).map((s) => s.Properties.StandardsArn as string);
    expect(arns).toEqual([
      'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0',
    ]);
  });

  test('the web ACL rate-limits at waf.rate_limit and applies the definition\'s managed groups', () => {
    const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0]!;
    const rules = acl.Properties.Rules as Array<{ Statement: { RateBasedStatement?: unknown; ManagedRuleGroupStatement?: { Name: string } } }>;
    expect(rules[0]!.Statement.RateBasedStatement).toMatchObject({ Limit: 2000, AggregateKeyType: 'IP' });
    expect(rules.slice(1).map((r) => r.Statement.ManagedRuleGroupStatement?.Name)).toEqual([
      'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList',
    ]);
    expect(acl.Properties).toMatchObject({ Name: 'starter-dev-eu-west-1', Scope: 'REGIONAL' });
  });

  test('WAF logs go to a group encrypted with the logs key, retained for monitoring.log_retention (1 year)', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: 'aws-waf-logs-starter-dev-eu-west-1',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysLogs'), 'Arn'] },
        RetentionInDays: 365,
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      LogDestinationConfigs: ['arn:aws:logs:eu-west-1:222222222222:log-group:aws-waf-logs-starter-dev-eu-west-1'],
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
    });
  });

  test('synthesizes without context lookups', () => {
    const { app } = build(starter);
    expect(app.synth().manifest.missing).toBeUndefined();
  });
});

describe('SecurityStack (enterprise)', () => {
  test('Security Hub subscribes to the three standards the definition selects, in the stack\'s region', () => {
    const production = enterprise.environments.find((e) => e.name === 'production')!;
    const region = production.regions.find((r) => r.region === 'ap-southeast-1')!;
    const arns = Object.values(Template.fromStack(build(enterprise, production, region).stack).findResources('AWS::SecurityHub::Standard'))
      .map((s) => s.Properties.StandardsArn as string);
    expect(arns).toEqual([
      'arn:aws:securityhub:ap-southeast-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:ap-southeast-1::standards/nist-800-53/v/5.0.0',
      'arn:aws:securityhub:ap-southeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
    ]);
  });

  test('GuardDuty protection plans turned off in the definition are disabled', () => {
    const model: WorkspaceModel = {
      ...enterprise,
      security: { ...enterprise.security, guardDuty: { eksRuntimeMonitoring: false, malwareProtection: false, s3Protection: true } },
    };
    Template.fromStack(build(model).stack).hasResourceProperties('AWS::GuardDuty::Detector', {
      Features: [
        { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' },
        { Name: 'RUNTIME_MONITORING', Status: 'DISABLED', AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', Status: 'DISABLED' }] },
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'EBS_MALWARE_PROTECTION', Status: 'DISABLED' },
      ],
    });
  });

  test('the WAF rate limit comes from the definition', () => {
    const model: WorkspaceModel = { ...enterprise, security: { ...enterprise.security, waf: { ...enterprise.security.waf, rateLimit: 750 } } };
    Template.fromStack(build(model).stack).hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Name: 'RateLimitPerIp', Statement: { RateBasedStatement: Match.objectLike({ Limit: 750 }) } })]),
    });
  });
});

describe('SecurityStack policy checks', () => {
  test.each([
    ['starter', starter],
    ['enterprise', enterprise],
  ])('%s: AwsSolutions, HIPAA Security and NIST 800-53 R5 report no error', (_name, model) => {
    const { app, stack } = build(model);
    expect(nagFindings(app, { scope: stack })).toEqual([]);
  });
});
