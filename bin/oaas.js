#!/usr/bin/env node
// Entry point of the `oaas` command: runs lib/cli/main.ts from a bundle that
// bin/launcher.js keeps up to date (rebuilt whenever a source changed; tsx when
// esbuild is missing), then exits with the command's code.
// The pinned AWS SDK warns on every run that future SDK releases will need Node 22;
// the project pins its SDK version, so that notice is noise in command output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('./launcher').load('lib/cli/main.ts', (cli) => cli.main(process.argv).then((code) => process.exit(code)));
