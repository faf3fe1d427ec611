#!/usr/bin/env node
// Entry point of the `oaas` command: runs the TypeScript sources through tsx's
// require hook (no build step), then exits with the command's code.
require('tsx/cjs');
require('../lib/cli/main.ts')
  .main(process.argv)
  .then((code) => process.exit(code));
