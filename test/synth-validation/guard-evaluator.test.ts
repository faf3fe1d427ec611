/**
 * The Guard evaluator narrows each template to what the rules can read before
 * evaluating it. These tests hold it to the whole-template evaluation (the
 * rules as `guardRules` of the CDK's CloudFormationValidatePlugin): the same
 * findings on every fixture and on a synthesized workspace made non-compliant.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { synthesizeWorkspace } from '../../lib/commands/synthesize';
import { batchTemplates, contextOf, definedRuleNames, GuardEvaluator, narrowTemplate, ruleReach } from '../../lib/synth-validation/guard-evaluator';
import type { GuardTemplate } from '../../lib/synth-validation/guard-evaluator';
import { GUARD_DIR, synthRules } from '../../lib/synth-validation/synth-rules';
import { exampleModel } from '../helpers/workspace';

const rules = synthRules({ auditRetentionDays: 2555 });
const sources = rules.map((r) => r.source);
const ruleNames = new Set(rules.map((r) => r.ruleName));
let whole: CloudFormationValidatePlugin;
let dir: string;

beforeAll(() => {
  whole = new CloudFormationValidatePlugin({ includeDefaultRules: false, guardRules: sources });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-evaluator-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Findings of the compliance rules as comparable lines: rule, template, resource, message. */
function findings(report: PolicyValidationPluginReport): string[] {
  return report.violations
    .filter((v) => ruleNames.has(v.ruleName))
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${path.basename(r.templatePath ?? '')} ${r.resourceLogicalId ?? r.constructPath} ${v.severity} ${v.description}`))
    .sort();
}

function wholeFindings(templates: readonly GuardTemplate[]): string[] {
  return findings(whole.validate(contextOf(templates)));
}

function writeTemplate(name: string, template: unknown): GuardTemplate {
  const templatePath = path.join(dir, `${name}.template.json`);
  fs.writeFileSync(templatePath, JSON.stringify(template));
  return { templatePath, stackConstructPath: name, accountId: '111111111111', region: 'eu-west-1' };
}

describe('what the rules can read', () => {
  test('the types the rule sources name, not those in comments; only the properties they name; no metadata', () => {
    const reach = ruleReach([{ name: 'a.guard', content: "# AWS::SQS::Queue is not checked\nlet b = Resources.*[ Type == 'AWS::S3::Bucket' ] # AWS::SNS::Topic\nrule r { %b.Properties.BucketName exists }\n" }]);
    expect([...reach.resourceTypes]).toEqual(['AWS::S3::Bucket']);
    expect(reach.propertyNames?.has('BucketName')).toBe(true);
    expect(reach.propertyNames?.has('Tags')).toBe(false);
    expect(reach.readsMetadata).toBe(false);
    const tagged = ruleReach([{ name: 't.guard', content: 'let x = Resources.*.Properties.Tags\nlet m = Resources.*.Metadata' }]);
    expect(tagged.propertyNames?.has('Tags')).toBe(true);
    expect(tagged.readsMetadata).toBe(true);
  });

  test.each([
    ['a wildcard over the properties', "let b = Resources.*[ Type == 'AWS::S3::Bucket' ]\nrule r { %b.Properties.* exists }"],
    ['a wildcard over a variable holding them', "let p = Resources.*[ Type == 'AWS::S3::Bucket' ].Properties\nrule r { some %p.* == 'x' }"],
    ['a keys query', "let b = Resources.*[ Type == 'AWS::S3::Bucket' ]\nrule r { %b.Properties[ keys == /Encryption/ ] !empty }"],
  ])('a rule that reads properties by %s keeps them all', (_what, content) => {
    const reach = ruleReach([{ name: 'w.guard', content }]);
    expect(reach.propertyNames).toBeUndefined();
    const bucket = { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b', BucketEncryption: {}, Tags: [] } };
    expect(narrowTemplate({ Resources: { B: bucket } }, reach)).toEqual({ Resources: { B: bucket } });
  });

  test('a template keeps its other sections and only the resources and properties the rules can read', () => {
    const reach = ruleReach([{ name: 'a.guard', content: "let b = Resources.*[ Type == 'AWS::S3::Bucket' ]\nrule r { %b.Properties.BucketName exists }" }]);
    const template = {
      Parameters: { P: { Type: 'String' } },
      Mappings: { M: { a: { b: 'c' } } },
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b', VersioningConfiguration: { Status: 'Enabled' }, Tags: [{ Key: 'k', Value: 'v' }] }, Metadata: { 'aws:cdk:path': 'S/Bucket' }, DeletionPolicy: 'Retain' },
        Plain: { Type: 'AWS::S3::Bucket', Properties: { Tags: [] } },
        Bare: { Type: 'AWS::S3::Bucket' },
        Queue: { Type: 'AWS::SQS::Queue' },
      },
    };
    expect(narrowTemplate(template, reach)).toEqual({
      Parameters: { P: { Type: 'String' } },
      Mappings: { M: { a: { b: 'c' } } },
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' }, DeletionPolicy: 'Retain' },
        // An emptied Properties stays (a rule may ask whether it exists); an absent one stays absent.
        Plain: { Type: 'AWS::S3::Bucket', Properties: {} },
        Bare: { Type: 'AWS::S3::Bucket' },
      },
    });
    expect(narrowTemplate({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }, reach)).toBeUndefined();
    expect(narrowTemplate({}, reach)).toBeUndefined();
  });

  test('the shipped rules read no tags or metadata and no property by wildcard (the narrowing leaves the rest out)', () => {
    const reach = ruleReach(sources);
    expect(reach.propertyNames).toBeDefined();
    expect(reach.propertyNames?.has('Tags')).toBe(false);
    expect(reach.propertyNames?.has('AssumeRolePolicyDocument')).toBe(false);
    expect(reach.readsMetadata).toBe(false);
  });
});

describe('narrowed evaluation finds what whole-template evaluation finds', () => {
  const fixtures = fs.readdirSync(path.join(GUARD_DIR, 'fixtures')).filter((f) => f.endsWith('.json')).sort();

  test.each(fixtures)('fixture %s', (file) => {
    const template = writeTemplate(file.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(GUARD_DIR, 'fixtures', file), 'utf8')));
    const narrowed = findings(GuardEvaluator.for(sources).evaluate([template]));
    expect(narrowed).toEqual(wholeFindings([template]));
    if (file.endsWith('.non-compliant.json')) expect(narrowed.length).toBeGreaterThan(0);
  });

  test('the starter workspace, made non-compliant throughout', () => {
    const synth = synthesizeWorkspace(exampleModel('starter'));
    try {
      const templates = synth.templates.filter((t) => t.templateFile).map((t, i) => {
        const template = JSON.parse(fs.readFileSync(t.templateFile!, 'utf8')) as { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
        for (const resource of Object.values(template.Resources ?? {})) breakCompliance(resource);
        return writeTemplate(`starter-${i}-${t.stack}`, template);
      });
      const narrowed = findings(GuardEvaluator.for(sources).evaluate(templates));
      expect(narrowed).toEqual(wholeFindings(templates));
      // Every kind of break below is found by at least one rule.
      for (const rule of ['kms_key_rotation_enabled_check', 'oaas_s3_bucket_encryption', 'oaas_iam_no_wildcard_action', 'oaas_eks_endpoint_private', 'oaas_log_group_kms_encryption']) {
        expect(narrowed.some((f) => f.startsWith(`${rule} `))).toBe(true);
      }
    } finally {
      synth.dispose();
    }
  });
});

/** Turns off what the rules require: key rotation, bucket encryption, private endpoints, log encryption; adds wildcards to policies and roles. */
function breakCompliance(resource: { Type: string; Properties?: Record<string, unknown> }): void {
  const p = resource.Properties;
  if (!p) return;
  switch (resource.Type) {
    case 'AWS::KMS::Key': p.EnableKeyRotation = false; break;
    case 'AWS::S3::Bucket': delete p.BucketEncryption; break;
    case 'AWS::EKS::Cluster': p.ResourcesVpcConfig = { ...(p.ResourcesVpcConfig as object), EndpointPublicAccess: true, EndpointPrivateAccess: false }; break;
    case 'AWS::Logs::LogGroup': delete p.KmsKeyId; break;
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy': p.PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }; break;
    // Roles are most of what the narrowing trims (trust policy, description): their inline policies still count.
    case 'AWS::IAM::Role': p.Policies = [{ PolicyName: 'open', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*:*', Resource: '*' }] } }]; break;
    default:
  }
}

describe('the rules the sources define', () => {
  test('are their `rule` names, not those in comments: findings of other ids (the engine\'s schema checks) are not the rules\'', () => {
    expect([...definedRuleNames([{ name: 'a.guard', content: '# rule not_this\nrule first when x exists { y exists }\n  rule second { z exists }\n' }])]).toEqual(['first', 'second']);
    expect(definedRuleNames(sources).has('kms_key_rotation_enabled_check')).toBe(true);
  });

  test('a rule source that does not parse makes the evaluator throw', () => {
    expect(() => new GuardEvaluator([{ name: 'broken.guard', content: 'rule broken { Resources.*[ Type == ' }])).toThrow();
  });

  test('a template with nothing the rules read is not evaluated', () => {
    const template = writeTemplate('queue-only', { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
    expect(GuardEvaluator.for(sources).evaluate([template])).toEqual({ success: true, violations: [] });
  });
});

describe('evaluating templates together', () => {
  const bucket = (id: string) => ({ [id]: { Type: 'AWS::S3::Bucket', Properties: {} } });
  const narrowedOf = (name: string, template: Record<string, unknown>, env: Partial<GuardTemplate> = {}) => ({
    source: { templatePath: `${name}.template.json`, stackConstructPath: name, accountId: '111111111111', region: 'eu-west-1', ...env },
    template,
  });

  test('templates of one account and region with distinct logical ids and equal shared sections share a call', () => {
    const params = { BootstrapVersion: { Type: 'String' } };
    const batches = batchTemplates([
      narrowedOf('a', { Parameters: params, Resources: bucket('A') }),
      narrowedOf('b', { Parameters: params, Resources: bucket('B') }),
      narrowedOf('c', { Parameters: params, Resources: bucket('B') }), // B again: new batch
      narrowedOf('d', { Parameters: { BootstrapVersion: { Type: 'Number' } }, Resources: bucket('D') }), // differs: new batch
      narrowedOf('e', { Resources: bucket('E') }, { region: 'us-east-1' }), // other region: new batch
      narrowedOf('f', { Conditions: { C: { 'Fn::Equals': [1, 1] } }, Resources: bucket('F') }, { region: 'us-east-1' }),
    ]);
    expect(batches.map((b) => b.members.map((m) => m.source.stackConstructPath))).toEqual([['a', 'b'], ['c'], ['d'], ['e', 'f']]);
    expect(batches[0]!.template).toEqual({ Parameters: params, Resources: { ...bucket('A'), ...bucket('B') } });
    expect(batches[3]!.template).toEqual({ Conditions: { C: { 'Fn::Equals': [1, 1] } }, Resources: { ...bucket('E'), ...bucket('F') } });
  });

  test('a batch holds at most the given number of resources', () => {
    const batches = batchTemplates(['a', 'b', 'c'].map((n) => narrowedOf(n, { Resources: { ...bucket(`${n}1`), ...bucket(`${n}2`) } })), 4);
    expect(batches.map((b) => b.members.length)).toEqual([2, 1]);
  });

  test('findings are attributed to the template each resource came from', () => {
    const templates = ['One', 'Two'].map((n) => writeTemplate(`batch-${n}`, {
      Resources: { [`${n}Key`]: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false, KeyPolicy: {} } } },
    }));
    const report = GuardEvaluator.for(sources).evaluate(templates);
    const located = report.violations.filter((v) => v.ruleName === 'kms_key_rotation_enabled_check')
      .flatMap((v) => v.violatingResources.map((r) => `${path.basename(r.templatePath!)} ${r.resourceLogicalId}`));
    expect([...new Set(located)].sort()).toEqual(['batch-One.template.json OneKey', 'batch-Two.template.json TwoKey']);
  });

  test('a finding not on a resource is located by evaluating the batch one template at a time', () => {
    const rule = { name: 'outputs.guard', content: "let buckets = Resources.*[ Type == 'AWS::S3::Bucket' ]\nrule needs_outputs when %buckets !empty { Outputs exists }\n" };
    const templates = ['One', 'Two'].map((n) => writeTemplate(`outputs-${n}`, { Resources: bucket(`${n}Bucket`) }));
    const report = new GuardEvaluator([rule]).evaluate(templates);
    const located = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${path.basename(r.templatePath!)} ${r.resourceLogicalId ?? r.constructPath}`));
    expect(located.sort()).toEqual(['needs_outputs outputs-One.template.json outputs-One', 'needs_outputs outputs-Two.template.json outputs-Two']);
  });
});

describe('one evaluation of many templates', () => {
  const key = (n: string, rotation: boolean) => ({ [`${n}Key`]: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: rotation, KeyPolicy: {} } } });
  /** Four templates with findings, one without, one with nothing the rules read, over two regions. */
  const templates = (): GuardTemplate[] => [
    writeTemplate('many-a', { Resources: key('A', false) }),
    writeTemplate('many-b', { Resources: { ...key('B', false), ...key('B2', true) } }),
    { ...writeTemplate('many-c', { Resources: key('C', false) }), region: 'us-east-1' },
    writeTemplate('many-d', { Resources: key('D', true) }),
    writeTemplate('many-e', { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }),
    { ...writeTemplate('many-f', { Resources: key('F', false) }), region: 'us-east-1' },
  ];

  test('finds what evaluating each template alone finds, in template order', () => {
    const all = templates();
    const evaluator = GuardEvaluator.for(sources);
    const together = findings(evaluator.evaluate(all));
    expect(together).toEqual(all.flatMap((t) => findings(evaluator.evaluate([t]))).sort());
    expect(together.filter((f) => f.startsWith('kms_key_rotation_enabled_check')).map((f) => f.split(' ').slice(1, 3).join(' '))).toEqual([
      'many-a.template.json AKey', 'many-b.template.json BKey', 'many-c.template.json CKey', 'many-f.template.json FKey',
    ]);
  });
});
