#!/usr/bin/env node
// Entry point of the `oaas` command: runs the TypeScript sources through tsx's
// require hook (no build step), then exits with the command's code.
// The pinned AWS SDK warns on every run that future SDK releases will need Node 22;
// the project pins its SDK version, so that notice is noise in command output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('../lib/cli/main.ts')
  .main(process.argv)
  .then((code) => process.exit(code));
