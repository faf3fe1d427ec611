/**
 * The test files of jest's integration project (jest.config.js), relative to
 * test/, each with why it is not a unit test. Every other test file is a unit
 * test: no whole-app synth, no child process, no validation engine, so that
 * `npm run test:unit` stays a loop of a minute or two.
 */
const INTEGRATION_TESTS = {
  'bin/app.test.ts': 'runs the CDK app as a child process',
  'bin/launcher.test.ts': 'builds and runs bundles in child processes',
  'cli/validate.test.ts': 'runs bin/oaas.js as a child process',
  'cli/report-output.test.ts': 'runs the report commands as child processes against planted links',
  'definition/bad-inputs.test.ts': 'runs oaas validate as a child process on each hostile input',
  'definition/fuzz-synth.test.ts': 'synthesizes the whole app from generated definitions',
  'fs/write-file.test.ts': 'races the safe writer against another process',
  'compliance/default-workspace.test.ts': 'synthesizes the default workspace and runs the validation engine',
  'compliance/gate.test.ts': 'runs the validation engine on synthesized apps',
  'commands/compliance-check.test.ts': 'synthesizes the whole app and runs the validation engine',
  'commands/security-scan.test.ts': 'synthesizes the whole app',
  'commands/synthesize.test.ts': 'synthesizes the whole app with the validation engine',
  'contract/aws-cdk-lib-contract.test.ts': 'synthesizes apps with the validation plugins to pin what aws-cdk-lib does',
  'synth-validation/add-synth-validation.test.ts': 'runs the validation engine on worker threads',
  'synth-validation/guard-evaluator.test.ts': 'runs the validation engine on synthesized apps',
  'synth-validation/synth-rules.test.ts': 'runs the CDK\'s validation plugin on the rule fixtures',
  'synth-validation/worker-pool.test.ts': 'runs the validation engine on worker threads',
  'k8s/manifest-job.test.ts': 'probes module loading in a child process',
  'cli/plan.test.ts': 'synthesizes workspaces and runs git in child processes',
  'plan/base.test.ts': 'runs git in child processes',
  'plan/docs-example.test.ts': 'synthesizes the starter workspace and runs the compliance check',
  'plan/git.test.ts': 'runs git in child processes',
  'plan/plan.test.ts': 'synthesizes the starter workspace',
  'plan/review-page.test.ts': 'drives Chromium',
  'plan/run.test.ts': 'synthesizes workspaces and runs git in child processes',
  'platform/change-safety.test.ts': 'synthesizes the whole app before and after a change',
  'platform/platform.test.ts': 'builds and synthesizes the whole app, up to the L preset',
  'platform/snapshot.test.ts': 'synthesizes the whole app',
  'platform/validation.test.ts': 'synthesizes the examples with the validation engine on',
  'scripts/bench/baseline.test.ts': 'runs the baseline app as a child process',
  'scripts/bench/command-line.test.ts': 'runs the bench scripts as child processes',
  'scripts/bench/constructs-app.test.ts': 'runs the constructs-only app as a child process',
};

module.exports = { INTEGRATION_TESTS };
