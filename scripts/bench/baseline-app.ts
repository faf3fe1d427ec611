/**
 * The baseline CDK app of the benchmark (see ./baseline.ts). Run it as the
 * CDK CLI runs an app, with CDK_OUTDIR and CDK_CONTEXT_JSON set, and the
 * resource set (JSON written by the benchmark from the product's templates)
 * named by the environment variable OAAS_BENCH_RESOURCE_SET or the context
 * key `resourceSet`:
 *
 *   OAAS_BENCH_RESOURCE_SET=set.json CDK_OUTDIR=out node bin/launcher.js scripts/bench/baseline-main.ts
 *   OAAS_BENCH_RESOURCE_SET=set.json CDK_OUTDIR=out node -r tsx/cjs scripts/bench/baseline-app.ts
 *
 * The first runs it from a bundle, as the product's app runs (bin/app.js); the
 * second through the tsx require hook.
 */
import * as fs from 'fs';
import { App } from 'aws-cdk-lib';
import { buildBaseline } from './baseline';
import type { ResourceSet } from './resource-set';

export const RESOURCE_SET_ENV = 'OAAS_BENCH_RESOURCE_SET';

export function main(): void {
  const app = new App();
  const file = process.env[RESOURCE_SET_ENV] ?? (app.node.tryGetContext('resourceSet') as string | undefined);
  if (!file) {
    process.stderr.write(`baseline-app: expected the resource set file in ${RESOURCE_SET_ENV} or -c resourceSet=<file>, got neither\n`);
    process.exit(2);
  }
  const set = JSON.parse(fs.readFileSync(file, 'utf8')) as ResourceSet;
  buildBaseline(app, set);
  app.synth();
}

if (require.main === module) main();
