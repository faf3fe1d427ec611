/**
 * The benchmark's constructs-only app: the product's own stacks and
 * constructs (buildPlatform) and the same synth validation, built from a
 * resolved workspace model read as JSON. What it does not have is the
 * workspace layer: no YAML, no zod, no definition checks, no Kubernetes
 * rendering. Product time / this app's time is that layer's overhead; this
 * app's time / the L1 baseline's (./baseline.ts) is what the L2 constructs cost.
 *
 *   OAAS_BENCH_MODEL=model.json CDK_OUTDIR=out node bin/launcher.js scripts/bench/constructs-main.ts
 */
import * as fs from 'fs';
import type { WorkspaceModel } from '../../lib/definition/model';
import { requirementsFor } from '../../lib/compliance/requirements';
import { platformApp, validationWanted } from '../../lib/platform/cdk-app';
import { buildPlatform } from '../../lib/platform/platform';
import { addSynthValidation } from '../../lib/synth-validation';

export const MODEL_ENV = 'OAAS_BENCH_MODEL';

export function main(): void {
  const file = process.env[MODEL_ENV];
  if (!file) {
    process.stderr.write(`constructs-app: expected the model file (JSON of a resolved workspace) in ${MODEL_ENV}\n`);
    process.exit(2);
  }
  const model = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkspaceModel;
  const app = platformApp();
  if (validationWanted()) addSynthValidation(app, requirementsFor(model));
  buildPlatform(app, model);
  app.synth();
}
