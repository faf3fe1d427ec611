/**
 * Two projects: `unit` (the fast loop, `npm run test:unit`) and `integration`
 * (whole-app synths, child processes, the validation engine). `npm test` runs
 * both. A test file is a unit test unless test/integration-tests.js lists it;
 * test/test-projects.test.ts fails, naming the file and the reason, when a unit
 * test starts a child process, synthesizes the whole app or loads the
 * validation engine.
 */
const { INTEGRATION_TESTS } = require('./test/integration-tests');

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  // Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles here.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-tmpdir.ts'],
};

const integrationPaths = Object.keys(INTEGRATION_TESTS).map((file) => `<rootDir>/test/${file}`);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...Object.keys(INTEGRATION_TESTS).map((file) => `/test/${escape(file)}$`)],
    },
    { ...shared, displayName: 'integration', testMatch: integrationPaths },
  ],
};
