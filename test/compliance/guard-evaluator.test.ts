/**
 * The Guard evaluator narrows each template to what the rules can read before
 * evaluating it. These tests hold it to the whole-template evaluation (the
 * rules as `guardRules` of the CDK's CloudFormationValidatePlugin): the same
 * findings on every fixture and on a synthesized workspace made non-compliant.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CloudFormationValidatePlugin, Stack, Validations, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { batchTemplates, GuardEvaluator, narrowTemplate, ruleReach } from '../../lib/compliance/guard-evaluator';
import type { GuardTemplate } from '../../lib/compliance/guard-evaluator';
import { BuiltinValidationOnWorkers, COMPLIANCE_RULES_PLUGIN, ComplianceRulesPlugin, GUARD_DIR, resourceTypesUnder, synthRules, synthValidationPlugins } from '../../lib/compliance/synth-plugin';
import { ValidationWorker } from '../../lib/compliance/validation-worker';
import { STOPPING_WORKER } from './stopping-validation-worker';
import { synthesizeWorkspace } from '../../lib/compliance/synthesize';
import { readValidationReports } from '../../lib/compliance/gate';
import { withinStackLimits } from '../../lib/stacks/private/resource-budget';
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
afterAll(() => {
  whole._dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Findings of the compliance rules as comparable lines: rule, template, resource, message. */
function findings(report: PolicyValidationPluginReport): string[] {
  return report.violations
    .filter((v) => ruleNames.has(v.ruleName))
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${path.basename(r.templatePath ?? '')} ${r.resourceLogicalId ?? r.constructPath} ${v.severity} ${v.description}`))
    .sort();
}

function wholeFindings(templates: readonly GuardTemplate[]): string[] {
  return findings(whole.validate({ templatePaths: templates.map((t) => t.templatePath), stackTemplates: templates } as unknown as IPolicyValidationContext));
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

describe('the compliance rules plugin at synth', () => {
  test('reports under its own name, next to the CDK built-in validation, and locates findings by construct', () => {
    const outdir = fs.mkdtempSync(path.join(dir, 'app-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const stack = new Stack(app, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });
    new kms.Key(stack, 'Key', { enableKeyRotation: false });
    new s3.Bucket(stack, 'Open', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, enforceSSL: true });
    Validations.of(app).addPlugins(new ComplianceRulesPlugin());
    app.synth();
    const report = readValidationReports(outdir).find((r) => r.plugin === COMPLIANCE_RULES_PLUGIN)!;
    expect(report.conclusion).toBe('failure');
    const found = report.violations.flatMap((v) => v.resources.map((r) => `${v.ruleName} ${r.constructPath}`));
    expect(found).toContain('kms_key_rotation_enabled_check Data/Key/Resource');
    expect(found).toContain('s3_bucket_level_public_access_prohibited_check Data/Open/Resource');
  });

  /** A small app with findings of both kinds, validated by `plugins`: its reports as plugin → sorted findings. */
  function reportsOf(
    plugins: (compliance: ComplianceRulesPlugin) => Array<ComplianceRulesPlugin | CloudFormationValidatePlugin>,
    built?: (app: App, first: ComplianceRulesPlugin | CloudFormationValidatePlugin) => void,
  ): Record<string, string[]> {
    const outdir = fs.mkdtempSync(path.join(dir, 'app-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false, '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const stack = new Stack(app, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });
    new kms.Key(stack, 'Key', { enableKeyRotation: false });
    new s3.Bucket(stack, 'Open', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, enforceSSL: true });
    new s3.CfnBucket(stack, 'Named', { bucketName: 'Not_A_Valid_Name' }); // a built-in rule finding
    const registered = plugins(new ComplianceRulesPlugin());
    Validations.of(app).addPlugins(...registered);
    built?.(app, registered[0]!);
    app.synth();
    return Object.fromEntries(readValidationReports(outdir).map((r) => [r.plugin, r.violations.flatMap((v) => v.resources.map((x) => `${v.ruleName} ${x.constructPath} ${v.description}`)).sort()]));
  }

  test('evaluating the rules on a worker thread reports exactly what evaluating them on the main thread reports', () => {
    // The tests run with CDK_VALIDATION=false (test/setup-env.ts), so the built-in validation is added by hand.
    const main = reportsOf((c) => [new CloudFormationValidatePlugin(), c]);
    const worker = reportsOf((c) => [new BuiltinValidationOnWorkers(c), c]);
    expect(worker[COMPLIANCE_RULES_PLUGIN]).toEqual(main[COMPLIANCE_RULES_PLUGIN]);
    expect(worker[COMPLIANCE_RULES_PLUGIN]!.length).toBeGreaterThan(0);
    expect(worker['CloudFormation Validate']).toEqual(main['CloudFormation Validate']);
    expect(worker['CloudFormation Validate']!.length).toBeGreaterThan(0);
  });

  test.each([
    ['main thread', (c: ComplianceRulesPlugin) => [new CloudFormationValidatePlugin(), c]],
    ['worker thread', (c: ComplianceRulesPlugin) => [new BuiltinValidationOnWorkers(c), c]],
  ] as const)('a finding acknowledged under the plugin name is acknowledged either way (%s)', (_name, plugins) => {
    const outdir = fs.mkdtempSync(path.join(dir, 'ack-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const stack = new Stack(app, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: false });
    Validations.of(key).acknowledge({ id: 'Compliance-synth-rules::kms_key_rotation_enabled_check', reason: 'rotated by an external process in this test' });
    Validations.of(app).addPlugins(...plugins(new ComplianceRulesPlugin()));
    app.synth();
    const report = readValidationReports(outdir).find((r) => r.plugin === COMPLIANCE_RULES_PLUGIN);
    expect(report?.violations.map((v) => v.ruleName) ?? []).not.toContain('kms_key_rotation_enabled_check');
    expect(report?.acknowledged.map((a) => a.ruleName)).toContain('kms_key_rotation_enabled_check');
  });

  test.each([
    ['compliance rules', COMPLIANCE_RULES_PLUGIN, (c: ComplianceRulesPlugin) => ({ guard: ValidationWorker.start({ kind: 'guard', sources: c.rules.map((r) => r.source) }, STOPPING_WORKER) }),
      `${COMPLIANCE_RULES_PLUGIN}: the compliance rules worker stopped before it answered; evaluating on the main thread.`],
    ['built-in validation', 'CloudFormation Validate', () => ({ builtin: ValidationWorker.start({ kind: 'builtin' }, STOPPING_WORKER) }),
      'CloudFormation Validate: the built-in validation worker stopped before it answered; the compliance rules worker validated the templates.'],
    ['built-in validation (and the compliance rules worker not helping)', 'CloudFormation Validate', (c: ComplianceRulesPlugin) => ({
      builtin: ValidationWorker.start({ kind: 'builtin' }, STOPPING_WORKER),
      guard: ValidationWorker.start({ kind: 'guard', sources: c.rules.map((r) => r.source), helpWithBuiltin: 'never' }),
    }), 'CloudFormation Validate: the built-in validation worker stopped before it answered; validating on the main thread.'],
  ] as const)('when the %s worker stops without answering, its work is done elsewhere and the synth says so', (_name, plugin, workers, message) => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const main = reportsOf((c) => [new CloudFormationValidatePlugin(), c]);
      const fallback = reportsOf((c) => [new BuiltinValidationOnWorkers(c, workers(c)), c]);
      expect(fallback).toEqual(main);
      expect(fallback[plugin]!.length).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain(message);
  });

  test('told the resource types once the stacks are built, the built-in validation reports the same', () => {
    const main = reportsOf((c) => [new CloudFormationValidatePlugin(), c]);
    const prepare = jest.spyOn(ValidationWorker.prototype, 'prepare');
    try {
      const told = reportsOf((c) => [new BuiltinValidationOnWorkers(c), c], (app, plugin) => (plugin as BuiltinValidationOnWorkers).stacksBuilt(app));
      expect(told).toEqual(main);
      // Both workers: the built-in one builds its engine, the compliance one keeps them in case it helps.
      expect(prepare).toHaveBeenCalledTimes(2);
      for (const [types] of prepare.mock.calls) expect([...types].sort()).toEqual(['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
    } finally {
      prepare.mockRestore();
    }
  });

  test('a second validation (a forced re-synth) has no worker left: the compliance plugin evaluates on the main thread', () => {
    const compliance = new ComplianceRulesPlugin();
    const builtin = new BuiltinValidationOnWorkers(compliance);
    const template = writeTemplate('twice', { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false, KeyPolicy: {} } } } });
    const context = { templatePaths: [template.templatePath], stackTemplates: [template] } as unknown as IPolicyValidationContext;
    const reports = [1, 2].map(() => {
      builtin.validate(context);
      return compliance.validate(context);
    });
    expect(reports[0]!.violations.map((v) => v.ruleName)).toContain('kms_key_rotation_enabled_check');
    expect(reports[1]).toEqual(reports[0]);
  });

  test('the synth pairs the built-in validation, with the rules, on worker threads, with the compliance plugin that reports them', () => {
    const plugins = synthValidationPlugins({});
    expect(plugins.map((p) => p.constructor.name)).toEqual(['BuiltinValidationOnWorkers', 'ComplianceRulesPlugin']);
    plugins[0]._dispose();
  });

  test('the resource types under a scope are those of its CloudFormation resources, L2 or L1', () => {
    const app = new App();
    const stack = new Stack(app, 'Data');
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    new kms.CfnAlias(stack, 'Alias', { aliasName: 'alias/data', targetKeyId: 'key' });
    expect([...resourceTypesUnder(app)].sort()).toEqual(['AWS::KMS::Alias', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
    expect([...resourceTypesUnder(new Stack(app, 'Empty'))]).toEqual([]);
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
    const evaluator = new GuardEvaluator([rule]);
    try {
      const report = evaluator.evaluate(templates);
      const located = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${path.basename(r.templatePath!)} ${r.resourceLogicalId ?? r.constructPath}`));
      expect(located.sort()).toEqual(['needs_outputs outputs-One.template.json outputs-One', 'needs_outputs outputs-Two.template.json outputs-Two']);
    } finally {
      evaluator.dispose();
    }
  });
});

describe('an evaluation fed as the templates are written', () => {
  const key = (n: string, rotation: boolean) => ({ [`${n}Key`]: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: rotation, KeyPolicy: {} } } });
  /** Four templates with findings, one without, one with nothing the rules read, over two regions. */
  const final = (): GuardTemplate[] => [
    writeTemplate('fed-a', { Resources: key('A', false) }),
    writeTemplate('fed-b', { Resources: { ...key('B', false), ...key('B2', true) } }),
    { ...writeTemplate('fed-c', { Resources: key('C', false) }), region: 'us-east-1' },
    writeTemplate('fed-d', { Resources: key('D', true) }),
    writeTemplate('fed-e', { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }),
    { ...writeTemplate('fed-f', { Resources: key('F', false) }), region: 'us-east-1' },
  ];

  test.each([
    ['every template, in order', (t: GuardTemplate[]) => t],
    ['every template, in reverse order', (t: GuardTemplate[]) => [...t].reverse()],
    ['some of them', (t: GuardTemplate[]) => [t[3]!, t[0]!]],
    ['none', () => []],
    ['one written for another region (evaluated again)', (t: GuardTemplate[]) => [{ ...t[0]!, region: 'ap-south-1' }, t[1]!]],
    ['one that is not validated in the end', (t: GuardTemplate[]) => [writeTemplate('fed-extra', { Resources: key('X', false) }), ...t]],
    ['each twice', (t: GuardTemplate[]) => [...t, ...t]],
  ])('reports what evaluating the final templates at once reports, whatever was added before: %s', (_case, added) => {
    const templates = final();
    const evaluator = GuardEvaluator.for(sources);
    const session = evaluator.session();
    for (const t of added(templates)) session.add(t);
    const report = session.report(templates);
    expect(report).toEqual(evaluator.evaluate(templates));
    expect(findings(report).filter((f) => f.startsWith('kms_key_rotation_enabled_check')).map((f) => f.split(' ').slice(1, 3).join(' '))).toEqual([
      'fed-a.template.json AKey', 'fed-b.template.json BKey', 'fed-c.template.json CKey', 'fed-f.template.json FKey',
    ]);
  });

  test('a template added before is not evaluated again at the report, unless its account or region differ', () => {
    const templates = final();
    const evaluator = GuardEvaluator.for(sources);
    const evaluated = jest.spyOn(evaluator, 'findingsOn');
    try {
      const session = evaluator.session();
      for (const t of templates) session.add(t);
      session.add({ ...templates[0]!, region: 'ap-south-1' });
      const before = evaluated.mock.calls.length;
      session.report(templates);
      // Only the open batch (the last templates added) is left for the report.
      expect(evaluated.mock.calls.length - before).toBeLessThanOrEqual(1);
      const regions = evaluated.mock.calls.map(([, t]) => t.region);
      expect(regions).toContain('ap-south-1');
    } finally {
      evaluated.mockRestore();
    }
  });

  test('the synth tells both workers each platform stack\'s template as it is written', () => {
    const outdir = fs.mkdtempSync(path.join(dir, 'written-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    for (const name of ['One', 'Two']) {
      const stack = new Stack(app, name, withinStackLimits({ env: { account: '111111111111', region: 'eu-west-1' } }, 'split the stack'));
      new kms.Key(stack, 'Key', { enableKeyRotation: false });
    }
    const compliance = new ComplianceRulesPlugin();
    const plugin = new BuiltinValidationOnWorkers(compliance);
    Validations.of(app).addPlugins(plugin, compliance);
    const written = jest.spyOn(ValidationWorker.prototype, 'written');
    const submitted = jest.spyOn(ValidationWorker.prototype, 'submit');
    try {
      plugin.stacksBuilt(app);
      app.synth();
      // Both workers hear of each template, with the fields the CDK then submits (so nothing is validated twice).
      const told = written.mock.calls.map(([t]) => `${path.relative(outdir, t.templatePath)} ${t.accountId} ${t.region}`);
      expect(told.sort()).toEqual(['One.template.json 111111111111 eu-west-1', 'One.template.json 111111111111 eu-west-1', 'Two.template.json 111111111111 eu-west-1', 'Two.template.json 111111111111 eu-west-1']);
      const fields = ({ templatePath, stackConstructPath, accountId, region }: GuardTemplate) => ({ templatePath, stackConstructPath, accountId, region });
      expect(submitted.mock.calls[0]![0].map(fields)).toEqual(written.mock.calls.filter((_c, i) => i % 2 === 0).map(([t]) => fields(t)));
    } finally {
      written.mockRestore();
      submitted.mockRestore();
    }
    const report = readValidationReports(outdir).find((r) => r.plugin === COMPLIANCE_RULES_PLUGIN);
    expect(report?.violations.filter((v) => v.ruleName === 'kms_key_rotation_enabled_check').flatMap((v) => v.resources.map((r) => r.constructPath)).sort())
      .toEqual(['One/Key/Resource', 'Two/Key/Resource']);
  });
});

describe('a compliance finding at synth', () => {
  test('stops the synth, as findings of the built-in validation do', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(dir, 'fail-')) });
    const stack = new Stack(app, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });
    new kms.Key(stack, 'Key', { enableKeyRotation: false });
    Validations.of(app).addPlugins(new ComplianceRulesPlugin());
    expect(() => app.synth()).toThrow(/Guard check `EnableKeyRotation EQUALS true` failed \(Compliance synth rules\)/);
  });
});
