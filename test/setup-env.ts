// The CDK's built-in CloudFormation validation costs about 4 s per synth; unit
// tests assert properties directly, so it is off here. test/platform/validation.test.ts
// turns it back on to prove the workspaces synthesize with zero findings.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
