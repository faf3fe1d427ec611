/**
 * The acceptance gate of the synth validation: with its worker pool, it
 * reports exactly what the CDK's own plugin and the compliance rules plugin
 * report on the main thread, acknowledgements by the ids users write today
 * silence its findings, and when a worker stops its work is done on the main
 * thread, which the synth says.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CloudFormationValidatePlugin, Stack, Validations, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import type { IPolicyValidationPlugin } from 'aws-cdk-lib';
import { readValidationReports } from '../../lib/compliance/gate';
import { addSynthValidation, COMPLIANCE_RULES_PLUGIN, ComplianceRulesPlugin } from '../../lib/synth-validation';
import type { SynthValidationOptions } from '../../lib/synth-validation';
import { BUILTIN_GROUP_SIZE } from '../../lib/synth-validation/shared-validation';
import { STOPPING_WORKER } from './stopping-worker';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-validation-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BUILTIN = CloudFormationValidatePlugin.PLUGIN_NAME;

/** An app as the platform makes it, with findings of both kinds in more stacks than a group of the built-in validation holds. */
function appWithFindings(): App {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(dir, 'app-')),
    builtinCloudFormationValidation: false,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false, '@aws-cdk/core:validateAgainstDefaultRules': true },
  });
  for (let i = 0; i < BUILTIN_GROUP_SIZE + 2; i++) {
    const stack = new Stack(app, `Data${i}`, { env: { account: '111111111111', region: i % 2 ? 'eu-west-1' : 'us-east-1' } });
    if (i % 3 === 0) new kms.Key(stack, 'Key', { enableKeyRotation: false });
    new s3.Bucket(stack, 'Open', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, enforceSSL: true });
    new s3.CfnBucket(stack, 'Named', { bucketName: `Not_A_Valid_Name_${i}` }); // a built-in rule finding
  }
  return app;
}

type Reports = Record<string, { violations: string[]; acknowledged: string[] }>;

/** What the app's validation report says, plugin by plugin. */
function synthesized(app: App): Reports {
  app.synth();
  const line = (v: { ruleName: string; description: string; resources: ReadonlyArray<{ constructPath?: string }> }) => v.resources.map((r) => `${v.ruleName} ${r.constructPath} ${v.description}`);
  return Object.fromEntries(readValidationReports(app.outdir).map((r) => [r.plugin, {
    violations: r.violations.flatMap(line).sort(),
    acknowledged: r.acknowledged.flatMap(line).sort(),
  }]));
}

/** The CDK's own plugin and the compliance rules plugin, both on the main thread. */
function onMainThread(app: App): App {
  const plugins: IPolicyValidationPlugin[] = [new CloudFormationValidatePlugin({ includeDefaultRules: true }), new ComplianceRulesPlugin()];
  Validations.of(app).addPlugins(...plugins);
  return app;
}

function withSynthValidation(app: App, options: SynthValidationOptions = {}): App {
  addSynthValidation(app, {}, options);
  return app;
}

/** What the synth writes to stderr meanwhile. */
function capturingStderr<T>(body: () => T): { result: T; written: string } {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    return { result: body(), written: written.join('') };
  } finally {
    spy.mockRestore();
  }
}

let expected: Reports;
beforeAll(() => {
  expected = synthesized(onMainThread(appWithFindings()));
});

describe('the synth validation', () => {
  test('on its worker pool reports exactly what the two plugins report on the main thread, under the same names', () => {
    const reports = synthesized(withSynthValidation(appWithFindings()));
    expect(reports).toEqual(expected);
    expect(Object.keys(reports).sort()).toEqual([BUILTIN, COMPLIANCE_RULES_PLUGIN]);
    expect(reports[BUILTIN]!.violations.length).toBeGreaterThan(BUILTIN_GROUP_SIZE);
    expect(reports[COMPLIANCE_RULES_PLUGIN]!.violations.length).toBeGreaterThan(0);
  });

  test('without workers, reports the same', () => {
    expect(synthesized(withSynthValidation(appWithFindings(), { workers: false }))).toEqual(expected);
  });

  test('when its workers stop, validates on the main thread, reports the same and says so', () => {
    const { result, written } = capturingStderr(() => synthesized(withSynthValidation(appWithFindings(), { workerEntry: STOPPING_WORKER })));
    expect(result).toEqual(expected);
    for (const plugin of [BUILTIN, COMPLIANCE_RULES_PLUGIN]) expect(written).toMatch(new RegExp(`^${plugin}: .*stopped.*; validating on the main thread\\.$`, 'm'));
  });

  test('a second synth of the app (forced) validates again, on the main thread, and reports the same', () => {
    const app = withSynthValidation(appWithFindings());
    expect(synthesized(app)).toEqual(expected);
    app.synth({ force: true });
    const again = synthesized(app);
    expect(again).toEqual(expected);
  });

  test.each([
    [BUILTIN, 'CloudFormation-Validate', 'Named'],
    [COMPLIANCE_RULES_PLUGIN, 'Compliance-synth-rules', 'Key'],
  ])('an acknowledgement by the id users write today (%s) silences the finding', (plugin, prefix, construct) => {
    const on = new RegExp(` Data0/${construct}[/ ]`);
    const found = expected[plugin]!.violations.find((v) => on.test(v));
    expect(found).toBeDefined();
    const rule = found!.split(' ')[0]!;
    const app = appWithFindings();
    Validations.of(app.node.findChild('Data0').node.findChild(construct)).acknowledge({ id: `${prefix}::${rule}`, reason: 'acknowledged in this test' });
    const reports = synthesized(withSynthValidation(app));
    expect(reports[plugin]!.violations.filter((v) => v.startsWith(`${rule} `) && on.test(v))).toEqual([]);
    expect(reports[plugin]!.acknowledged.filter((v) => v.startsWith(`${rule} `) && on.test(v)).length).toBeGreaterThan(0);
  });
});

describe('a compliance finding at synth', () => {
  test('stops the synth, as findings of the built-in validation do', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(dir, 'fail-')), builtinCloudFormationValidation: false });
    new kms.Key(new Stack(app, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Key', { enableKeyRotation: false });
    addSynthValidation(app);
    expect(() => app.synth()).toThrow(/Guard check `EnableKeyRotation EQUALS true` failed \(Compliance synth rules\)/);
  });
});
