/**
 * What this project relies on that no dependency promises as public API,
 * each with a check that fails, on an upgrade, with what changed and what to
 * do. Everything else the product code uses of aws-cdk-lib is public: the
 * last test holds lib/, constructs/ and bin/ to that.
 *
 * Assumptions that only speed depends on, which no public API shows (so
 * nothing here checks them; if they stop holding, the synth is slower, not
 * wrong): the CDK's `CloudFormationValidatePlugin` keeps its engine for
 * templates whose resource types it was built for
 * (lib/synth-validation/jobs.ts builds it once per run for all of them), and
 * building an engine a second time on a thread is quicker than the first.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubectlV33Layer } from '@aws-cdk/lambda-layer-kubectl-v33';
import { App, CfnCondition, CloudFormationValidatePlugin, Stack, Validations, aws_ec2 as ec2, aws_eks_v2 as eks, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { KUBECTL_PROVIDER_CHILDREN } from '../../constructs/cluster/platform-cluster';
import { readValidationReports } from '../../lib/compliance/gate';
import { platformApp } from '../../lib/platform/cdk-app';
import { addSynthValidation, controlTowerControl, SYNTH_CONTROL_TOWER_CONTROLS } from '../../lib/synth-validation';

const ROOT = path.join(__dirname, '..', '..');

function child(scope: IConstruct, id: string, what: string, fix: string): IConstruct {
  const found = scope.node.tryFindChild(id);
  if (!found) {
    throw new Error(`aws-cdk-lib changed: ${what} has no child "${id}" under ${scope.node.path} any more (children: `
      + `${scope.node.children.map((c) => c.node.id).join(', ') || 'none'}). ${fix}`);
  }
  return found;
}

describe('construct ids of aws-cdk-lib internals that acknowledgements name', () => {
  test('aws-eks-v2\'s kubectl provider: its handler, the handler\'s function and the ECR Public condition (constructs/cluster/platform-cluster.ts)', () => {
    const stack = new Stack(new App(), 'Cluster', { env: { account: '111111111111', region: 'eu-west-1' } });
    const cluster = new eks.Cluster(stack, 'Eks', {
      version: eks.KubernetesVersion.V1_33,
      vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }),
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      kubectlProviderOptions: { kubectlLayer: new KubectlV33Layer(stack, 'Layer') },
    });
    const fix = 'Update KUBECTL_PROVIDER_CHILDREN in constructs/cluster/platform-cluster.ts to the new id, and check that its acknowledgements still name the findings.';
    const provider = cluster.kubectlProvider;
    expect(provider).toBeDefined();
    const handler = child(provider!, KUBECTL_PROVIDER_CHILDREN.handler, 'the kubectl provider', fix);
    expect(child(handler, KUBECTL_PROVIDER_CHILDREN.handlerFunction, 'the kubectl handler', fix)).toBeInstanceOf(lambda.CfnFunction);
    expect(child(handler, KUBECTL_PROVIDER_CHILDREN.ecrPublicCondition, 'the kubectl handler', fix)).toBeInstanceOf(CfnCondition);
  });

  test('a public subnet\'s default route (constructs/network/platform-vpc.ts acknowledges its finding)', () => {
    const vpc = new ec2.Vpc(new Stack(new App(), 'Network'), 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
    const route = child(vpc.publicSubnets[0]!, 'DefaultRoute', 'a public subnet', 'Update the id acknowledgePublicRoute looks for in constructs/network/platform-vpc.ts.');
    expect(route).toBeInstanceOf(ec2.CfnRoute);
  });
});

describe('the CDK\'s validation as the synth validation replaces it', () => {
  test('with builtinCloudFormationValidation: false the CDK adds no plugin of its own, and acknowledgements name a plugin by its name with dashes', () => {
    /** An app of the platform with two buckets the built-in rules flag, one of them acknowledged for `rule`. */
    const synth = (rule?: string) => {
      const app = platformApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'contract-')) });
      app.node.setContext('@aws-cdk/core:failSynthOnValidationErrors', false);
      const stack = new Stack(app, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });
      const named = new s3.CfnBucket(stack, 'Named', { bucketName: 'Not_A_Valid_Name' });
      new s3.CfnBucket(stack, 'Other', { bucketName: 'Another_Invalid_Name' });
      if (rule) Validations.of(named).acknowledge({ id: `${CloudFormationValidatePlugin.PLUGIN_NAME.replace(/ /g, '-')}::${rule}`, reason: 'named so in this test' });
      addSynthValidation(app, {}, { workers: false });
      app.synth();
      return readValidationReports(app.outdir).filter((r) => r.plugin === CloudFormationValidatePlugin.PLUGIN_NAME);
    };
    const rule = synth()[0]?.violations[0]?.ruleName;
    expect(rule).toBeDefined();
    const reports = synth(rule);
    // One report of that name: the CDK's own plugin would have added a second one.
    expect(reports).toHaveLength(1);
    expect(reports[0]!.acknowledged.flatMap((a) => a.resources.map((r) => r.constructPath))).toContain('Data/Named');
    expect(reports[0]!.violations.flatMap((v) => v.resources.map((r) => r.constructPath))).toEqual(['Data/Other']);
  });
});

describe('files of other packages read as data', () => {
  test('@cdklabs/cdk-validator-cfnguard ships each Control Tower control the synth runs (rules/control-tower, read by lib/synth-validation/control-tower.ts)', () => {
    for (const id of SYNTH_CONTROL_TOWER_CONTROLS) {
      let control;
      try {
        control = controlTowerControl(id);
      } catch (error) {
        throw new Error(`@cdklabs/cdk-validator-cfnguard changed: ${(error as Error).message}. Update controlTowerControl (lib/synth-validation/control-tower.ts) to where the package keeps its Control Tower rules, or drop ${id} from SYNTH_CONTROL_TOWER_CONTROLS with a rule of our own.`);
      }
      expect(control.ruleName).toMatch(/^\w+$/);
    }
  });
});

describe('the product code uses public APIs only', () => {
  /** Source files of the product: lib/, constructs/, bin/. */
  function sources(): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|js)$/.test(entry.name)) out.push(full);
      }
    };
    for (const dir of ['lib', 'constructs', 'bin']) walk(path.join(ROOT, dir));
    return out;
  }

  const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
    [/\._(?!zod\b)[a-zA-Z]\w*/, 'a member whose name starts with "_" (aws-cdk-lib\'s @internal members do)'],
    [/\b(initializeEngine|_validationPlugins|_singletonInstance|_disposeSingleton|_configureSingleton)\b/, 'a private or @internal member of aws-cdk-lib\'s validation'],
    [/@aws\/cloudformation-validate|aws-cdk-lib[\\/]node_modules|paths:\s*\[[^\]]*aws-cdk-lib/, 'a package aws-cdk-lib bundles (not ours to load)'],
    [/\bWebAssembly\b|globalThis\s*(\.|\[)/, 'a global the code could patch'],
    [/\.prototype\.\w+\s*=(?!=)/, 'a patched prototype'],
  ];

  test('no private or @internal aws-cdk-lib member, no bundled dependency of aws-cdk-lib, no patched global', () => {
    const found: string[] = [];
    for (const file of sources()) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const [pattern, what] of FORBIDDEN) {
          if (pattern.test(line)) found.push(`${path.relative(ROOT, file)}:${i + 1}: ${what}: ${line.trim()}`);
        }
      });
    }
    // `_zod` (lib/definition/diagnostics.ts) is zod 4's introspection property, not aws-cdk-lib's.
    expect(found).toEqual([]);
  });
});
