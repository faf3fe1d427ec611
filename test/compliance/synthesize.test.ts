import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CloudFormationValidatePlugin, Stack, Stage, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { readCloudAssembly } from '../../lib/compliance/assembly';
import { complianceValidationPlugin, isCompliancePlugin } from '../../lib/compliance/synth-plugin';
import { synthesizeWorkspace } from '../../lib/compliance/synthesize';
import { exampleModel } from '../helpers/workspace';

describe('reading a cloud assembly', () => {
  test('reads stacks of nested stages with their account, region and construct paths', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-'));
    const app = new App({ outdir });
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Data', { env: { account: '222222222222', region: 'eu-west-1' } });
    new s3.Bucket(stack, 'Bucket');
    app.synth();
    const [data] = readCloudAssembly(outdir);
    expect(data).toMatchObject({ stack: 'Prod-Data', account: '222222222222', region: 'eu-west-1' });
    const bucketId = Object.keys(data!.template.Resources!).find((id) => id.startsWith('Bucket'))!;
    expect(data!.constructPaths[bucketId]).toBe('Prod/Data/Bucket/Resource');
    expect(fs.existsSync(data!.templateFile!)).toBe(true);
  });

  test('says what to run when the folder is not an assembly', () => {
    expect(() => readCloudAssembly(os.tmpdir())).toThrow(/expected a cloud assembly \(manifest.json\)/);
  });
});

describe('synthesizing a workspace for the gate', () => {
  test('registers the compliance plugin, and reports a foreign CloudFormationValidatePlugin as a problem', () => {
    expect(isCompliancePlugin(complianceValidationPlugin())).toBe(true);
    expect(isCompliancePlugin(new CloudFormationValidatePlugin())).toBe(false);
    const result = synthesizeWorkspace(exampleModel('starter'), {
      beforeSynth: (app) => Validations.of(app).addPlugins(new CloudFormationValidatePlugin({ includeDefaultRules: true })),
    });
    expect(result.problems).toEqual(['a CloudFormationValidatePlugin not built by complianceValidationPlugin() is registered on the app, so the compliance synth rules did not run']);
    expect(result.templates.map((t) => t.stack)).toContain('starter-dev-eu-west-1-cluster');
    // The temporary assembly is the synthesis's own to remove; the templates stay in memory.
    expect(fs.existsSync(path.join(result.outdir, 'manifest.json'))).toBe(true);
    result.dispose();
    expect(fs.existsSync(result.outdir)).toBe(false);
    expect(result.templates.length).toBeGreaterThan(0);
  });

  test('leaves an outdir it was given in place', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'given-'));
    const result = synthesizeWorkspace(exampleModel('starter'), { outdir });
    result.dispose();
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  });
});
