import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Resource } from 'aws-cdk-lib';
import { buildBaseline } from '../../../scripts/bench/baseline';
import { RESOURCE_SET_ENV } from '../../../scripts/bench/baseline-app';
import { BASELINE_RUNNERS, baselineCommand, nodeOptionsOf } from '../../../scripts/bench/bench';
import type { TemplateJson } from '../../../scripts/bench/resource-set';
import { compareResourceCounts, readResourceSet, resourceSetCounts } from '../../../scripts/bench/resource-set';
import { assemblyStats } from '../../../scripts/bench/stats';
import { buildSampleApp } from './fixtures/sample-app';

/** The context the CDK CLI gives an app, so both sides write path and asset metadata. */
const CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true, 'aws:cdk:version-reporting': true };

/** A template without what differs by construction: construct paths, asset locations, the CDK's metadata resource. */
function comparable(template: TemplateJson): unknown {
  const copy = JSON.parse(JSON.stringify(template)) as { Resources?: Record<string, { Type: string; Metadata?: Record<string, unknown>; Properties?: Record<string, unknown> }> };
  for (const [id, resource] of Object.entries(copy.Resources ?? {})) {
    if (resource.Type === 'AWS::CDK::Metadata') delete copy.Resources![id];
    if (resource.Type === 'AWS::CloudFormation::Stack') delete resource.Properties?.TemplateURL;
    for (const key of ['aws:cdk:path', 'aws:asset:path', 'aws:asset:property']) delete resource.Metadata?.[key];
    if (resource.Metadata && Object.keys(resource.Metadata).length === 0) delete resource.Metadata;
  }
  const canonical = (value: unknown): unknown => (Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
      : value);
  return canonical(copy);
}

describe('baseline app', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-baseline-test-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('recreates the product\'s resources, with their properties, as L1 resources', () => {
    const productOut = path.join(dir, 'product');
    const product = new App({ outdir: productOut, context: CLI_CONTEXT });
    buildSampleApp(product);
    product.synth();
    const set = readResourceSet(productOut);
    expect(set.stacks.map((s) => s.stackName)).toEqual(['sample-network-stack', 'sample-security']);
    expect(Object.keys(set.nestedTemplates)).toHaveLength(1);

    const baselineOut = path.join(dir, 'baseline');
    const baseline = new App({ outdir: baselineOut, context: CLI_CONTEXT });
    buildBaseline(baseline, JSON.parse(JSON.stringify(set)) as typeof set);
    baseline.synth();
    const copy = readResourceSet(baselineOut);

    expect(compareResourceCounts(resourceSetCounts(set), resourceSetCounts(copy))).toEqual([]);
    expect(resourceSetCounts(copy)['sample-network-stack']).toMatchObject({ 'AWS::EC2::VPC': 1, 'AWS::EC2::Subnet': 4, 'AWS::CloudFormation::Stack': 1 });
    for (const stack of set.stacks) {
      const other = copy.stacks.find((s) => s.id === stack.id)!;
      expect({ ...other, template: comparable(other.template), templateFile: '' }).toEqual({ ...stack, template: comparable(stack.template), templateFile: '' });
    }
    expect(Object.values(copy.nestedTemplates).map(comparable)).toEqual(Object.values(set.nestedTemplates).map(comparable));
    // No L2 construct in the baseline (L2 constructs extend core Resource), while the product has them.
    expect(baseline.node.findAll().filter((c) => c instanceof Resource)).toEqual([]);
    expect(product.node.findAll().filter((c) => c instanceof Resource).length).toBeGreaterThan(10);
    expect(baseline.node.findAll().filter((c) => c instanceof CfnResource).length).toBeGreaterThan(30);
  });

  test('assembly figures count stacks, nested stacks, resources and bytes', () => {
    const stats = assemblyStats(path.join(dir, 'product'));
    expect(stats.stacks).toBe(2);
    expect(stats.nestedStacks).toBe(1);
    expect(stats.largestStack.name).toBe('sample-network-stack');
    expect(stats.largestStack.resources).toBeGreaterThan(20);
    expect(stats.resources).toBeGreaterThan(stats.largestStack.resources);
    expect(stats.outputBytes).toBeGreaterThan(stats.templateBytes);
    expect(stats.overLimits).toEqual([]);
  });

  test.each(BASELINE_RUNNERS)('runs as its own process, as the benchmark starts it (%s)', (runner) => {
    const setFile = path.join(dir, 'resource-set.json');
    const set = readResourceSet(path.join(dir, 'product'));
    fs.writeFileSync(setFile, JSON.stringify(set));
    const outdir = path.join(dir, `baseline-${runner}`);
    const [command, ...args] = baselineCommand(path.resolve(__dirname, '..', '..', '..'), runner);
    const result = spawnSync(command!, args, {
      cwd: path.resolve(__dirname, '..', '..', '..'),
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(CLI_CONTEXT), [RESOURCE_SET_ENV]: setFile },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(compareResourceCounts(resourceSetCounts(set), resourceSetCounts(readResourceSet(outdir)))).toEqual([]);
  });
});

describe('the Node.js options the comparison apps share with the product', () => {
  const node = process.execPath;

  test.each([
    ['options before the script', [node, '--max-semi-space-size=32', '--stack-size=2000', 'bin/app.js'], ['--max-semi-space-size=32', '--stack-size=2000']],
    ['no options', [node, 'bin/app.js'], []],
    ['a script argument that looks like an option', [node, 'bin/app.js', '--debug'], []],
    ['a command that is not node', ['npx', 'ts-node', 'bin/app.ts'], []],
  ])('%s', (_what, command, expected) => {
    expect(nodeOptionsOf(command)).toEqual(expected);
  });

  test('the baseline runs with them, before its script', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    expect(baselineCommand(root, 'bundle', ['--max-semi-space-size=32'])).toEqual([node, '--max-semi-space-size=32', path.join(root, 'bin', 'launcher.js'), 'scripts/bench/baseline-main.ts']);
    expect(baselineCommand(root, 'tsx', ['--max-semi-space-size=32']).slice(0, 3)).toEqual([node, '--max-semi-space-size=32', '-r']);
  });

  test("cdk.json's app is what the comparison apps get the options of", () => {
    const app = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'cdk.json'), 'utf8')) as { app: string }).app;
    expect(nodeOptionsOf([node, ...app.split(/\s+/).slice(1)])).toEqual(['--max-semi-space-size=32']);
  });
});
