import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { synthesizeWorkspace } from '../../lib/commands/synthesize';
import { readCloudAssembly } from '../../lib/compliance/assembly';
import { COMPLIANCE_RULES_PLUGIN } from '../../lib/synth-validation';
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
  test('runs the synth validation even with CDK_VALIDATION=false (the tests run so), and reports what breaks a rule without stopping', () => {
    expect(process.env.CDK_VALIDATION).toBe('false');
    const result = synthesizeWorkspace(exampleModel('starter'), {
      beforeSynth: (app) => {
        new kms.Key(app.node.findChild('starter-dev-eu-west-1-security'), 'Unrotated', { enableKeyRotation: false });
      },
    });
    // The starter's built-in report carries an acknowledged finding, so it is in the report file.
    expect(result.reports.map((r) => r.plugin)).toEqual(['CloudFormation Validate', COMPLIANCE_RULES_PLUGIN]);
    const compliance = result.reports.find((r) => r.plugin === COMPLIANCE_RULES_PLUGIN);
    expect(compliance?.violations.map((v) => v.ruleName)).toContain('kms_key_rotation_enabled_check');
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
