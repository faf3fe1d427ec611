/**
 * What validate accepts, the synth builds: seeded workspaces with values at
 * the edges of what the schema takes (long names, the longest and shortest
 * durations, every Kubernetes version the old pattern took, instance type
 * mixes, platform labels, shared dedicated pools, role groups, namespaces of
 * other tenants, probe periods, budgets and thresholds, cdk delivery, ...).
 * Each is loaded; the ones validate accepts are synthesized (constructs only,
 * the CDK's CloudFormation validation off) and their manifests rendered and
 * checked, and any that fails there is a constraint validate misses. The
 * cost is bounded: many candidates are validated, a handful synthesized.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { loadWorkspaceTexts } from '../../lib/definition/loader';
import type { WorkspaceModel } from '../../lib/definition/model';
import { clusterViolations, formatViolation } from '../../lib/k8s/checks';
import { renderClusters } from '../../lib/k8s/render';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { buildPlatform } from '../../lib/platform/platform';
import { problemsOf } from '../helpers/diagnostic-shape';
import { candidate } from '../helpers/edge-workspaces';
import { random as seeded } from '../helpers/hostile';

/**
 * Candidates validated; the first valid ones up to SYNTHESIZED are synthesized.
 * OAAS_FUZZ_SEED, OAAS_FUZZ_CANDIDATES and OAAS_FUZZ_SYNTHESIZED explore further
 * by hand (CI keeps the defaults).
 */
const SEED = Number(process.env.OAAS_FUZZ_SEED ?? 0x5eed);
const CANDIDATES = Number(process.env.OAAS_FUZZ_CANDIDATES ?? 80);
const SYNTHESIZED = Number(process.env.OAAS_FUZZ_SYNTHESIZED ?? 6);

/** Synthesizes a model as `cdk synth` does, without the CloudFormation validation, then renders and checks its manifests. */
function synthesize(model: WorkspaceModel): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-fuzz-synth-'));
  try {
    const app = new App({ outdir, context: { ...FEATURE_FLAGS }, builtinCloudFormationValidation: false });
    buildPlatform(app, model);
    app.synth();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const violations = renderClusters(model).flatMap(clusterViolations);
  if (violations.length > 0) throw new Error(violations.slice(0, 3).map(formatViolation).join('; '));
}

describe('validate accepts only what the synth builds', () => {
  const r = seeded(SEED);
  const candidates = Array.from({ length: CANDIDATES }, () => candidate(r));
  const loaded = candidates.map((c) => ({ ...c, result: loadWorkspaceTexts(c.texts) }));
  const valid = loaded.filter((c) => c.result.model !== undefined);

  test('the candidates reach both outcomes, and their errors are located', () => {
    expect(valid.length).toBeGreaterThanOrEqual(Math.min(SYNTHESIZED, 1));
    expect(valid.length).toBeLessThan(CANDIDATES);
    expect(loaded.flatMap((c) => problemsOf(c.result, c.texts).map((p) => `${c.knobs.join(' ')}: ${p}`))).toEqual([]);
  });

  test.each(valid.slice(0, SYNTHESIZED).map((c, i) => [i, c.knobs.join(' '), c] as const))('valid candidate %i (%s) synthesizes', (_i, _knobs, c) => {
    expect(() => synthesize(c.result.model!)).not.toThrow();
  });
});
