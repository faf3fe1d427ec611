#!/usr/bin/env node
// The CDK app as cdk.json runs it: bin/app.ts from a bundle that bin/launcher.js
// keeps up to date (rebuilt whenever a source changed; tsx when esbuild is missing).
require('./launcher').load('bin/app.ts');
