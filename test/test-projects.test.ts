/**
 * The unit project stays a fast loop: a test file that starts a child process,
 * builds the whole app or loads the validation engine belongs in the
 * integration project (test/integration-tests.js), which this test says.
 */
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest's own CommonJS configuration data
const { INTEGRATION_TESTS } = require('./integration-tests') as { INTEGRATION_TESTS: Record<string, string> };

/** What makes a test an integration test, as it shows in the test's source. */
const INTEGRATION_MARKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/from 'child_process'|require\('child_process'\)/, 'starts a child process'],
  [/from 'worker_threads'|startManifestWorker\(/, 'starts a worker thread'],
  [/\b(buildPlatform|synthesizeVersion|examplePlanMarkdown)\(/, 'builds the whole app'],
  [/playwright-core|puppeteer-core|helpers\/git'/, 'starts a browser or git'],
  [/\b(synthesizeWorkspace|runComplianceCheck|runSecurityScan)\(/, 'synthesizes the whole app'],
  [/\b(GuardEvaluator|CloudFormationValidatePlugin|engineModule|validateTemplates|addSynthValidation|complianceValidationPlugin)\b|synth-validation'/, 'loads the validation engine'],
];

function testFiles(dir: string): string[] {
  return fs.readdirSync(path.join(__dirname, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return testFiles(relative);
    return entry.name.endsWith('.test.ts') ? [relative] : [];
  });
}

const files = testFiles('');
const SELF = path.basename(__filename);

test('no unit test starts a process or a worker, builds the whole app or loads the validation engine', () => {
  const misplaced = files.filter((file) => !(file in INTEGRATION_TESTS) && file !== SELF).flatMap((file) => {
    const source = fs.readFileSync(path.join(__dirname, file), 'utf8');
    return INTEGRATION_MARKS.filter(([mark]) => mark.test(source)).map(([, why]) => `${file} ${why}: list it in test/integration-tests.js`);
  });
  expect(misplaced).toEqual([]);
});

test('every listed integration test exists', () => {
  expect(Object.keys(INTEGRATION_TESTS).filter((file) => !files.includes(file))).toEqual([]);
});
