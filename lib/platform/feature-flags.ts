/**
 * The CDK feature flags of cdk.json, for apps built outside the CDK CLI (tests,
 * `oaas compliance-check`), so every synth runs with the same flags, including
 * `@aws-cdk/core:validateAgainstDefaultRules`, which makes the built-in
 * CloudFormation validation's findings errors.
 */
import * as fs from 'fs';
import * as path from 'path';

const CDK_JSON = path.join(__dirname, '..', '..', 'cdk.json');

export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = (
  JSON.parse(fs.readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> }
).context;
