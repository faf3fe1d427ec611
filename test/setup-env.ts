// The CDK's built-in CloudFormation validation and the compliance rules are
// costly at every synth and the tests assert properties directly, so they are
// off here. test/platform/validation.test.ts turns them back on to prove the
// workspaces synthesize with zero findings.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
