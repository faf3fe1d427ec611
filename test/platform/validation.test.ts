/**
 * The whole app with every check on: the CDK's built-in CloudFormation
 * validation (with `@aws-cdk/core:validateAgainstDefaultRules`, so its findings
 * are errors) and the cdk-nag packs (AwsSolutions, HIPAA Security, NIST 800-53
 * rev 5). Both example workspaces must synthesize with zero unacknowledged
 * findings. The other tests register no synth validation, for speed (and
 * test/setup-env.ts sets CDK_VALIDATION=false for the apps they run).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { requirementsFor } from '../../lib/compliance/requirements';
import { platformApp } from '../../lib/platform/cdk-app';
import { buildPlatform } from '../../lib/platform/platform';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { addSynthValidation } from '../../lib/synth-validation';
import { nagFindings } from '../helpers/nag';
import { exampleModel } from '../helpers/workspace';

describe('synthesis with every check on', () => {
  const previous = process.env.CDK_VALIDATION;
  beforeAll(() => {
    process.env.CDK_VALIDATION = 'true';
  });
  afterAll(() => {
    process.env.CDK_VALIDATION = previous;
  });

  test('the project turns built-in validation findings into errors', () => {
    expect(FEATURE_FLAGS['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
  });

  test('the synth validation (the built-in CloudFormation validation and the compliance rules) runs and passes', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-validation-'));
    const app = platformApp({ outdir });
    const model = exampleModel('starter');
    addSynthValidation(app, requirementsFor(model));
    buildPlatform(app, model);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[] }> };
    expect(report.pluginReports).toContainEqual(expect.objectContaining({ pluginName: 'CloudFormation Validate', conclusion: 'success', violations: [] }));
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test.each(['starter', 'enterprise'] as const)('%s: zero findings from the built-in CloudFormation validation and the cdk-nag packs', (name) => {
    const app = platformApp();
    buildPlatform(app, exampleModel(name));
    expect(nagFindings(app, { levels: ['error', 'warning'] })).toEqual([]);
  });
});
