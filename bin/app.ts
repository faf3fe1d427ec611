/**
 * The CDK app (`npx cdk synth`, `cdk deploy`). Context:
 *   -c workspace=path/to/folder   the workspace (default: examples/enterprise)
 *   -c env=staging                one environment (default: all)
 *   -c k8sOut=dist/k8s            where the GitOps manifests are written ("none": not written)
 * The compliance Guard rules run with the built-in CloudFormation validation.
 * An invalid workspace prints the same diagnostics as `oaas validate` and
 * exits with code 2 before anything is written. Manifests that fail the pod
 * security, namespace or isolation checks stop the synth with code 1.
 */
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { requirementsFor } from '../lib/compliance/requirements';
import { complianceValidationPlugin } from '../lib/compliance/synth-plugin';
import { formatDiagnostic } from '../lib/definition/diagnostics';
import { loadWorkspace } from '../lib/definition/loader';
import { formatViolation } from '../lib/k8s/checks';
import { clusterFiles, mergeFiles, renderClusters } from '../lib/k8s/render';
import { writeManifests } from '../lib/k8s/write-manifests';
import { buildPlatform } from '../lib/platform/platform';
import { clusterViolations } from '../lib/cli/render';
import { displayPath, workspacePath } from '../lib/cli/workspace-path';

const app = new App();
const folder = workspacePath(app.node.tryGetContext('workspace') as string | undefined);
const environment = app.node.tryGetContext('env') as string | undefined;
const k8sOut = (app.node.tryGetContext('k8sOut') as string | undefined) ?? path.join('dist', 'k8s');
const result = loadWorkspace(folder);
const shown = displayPath(folder);
for (const d of result.diagnostics) process.stderr.write(`${shown}/${formatDiagnostic(d)}\n`);
if (!result.model) {
  process.stderr.write(`\n${shown}: ${result.errorCount} error(s). Nothing was synthesized.\n`);
  process.exit(2);
}
const model = result.model;
if (environment && !model.environments.some((e) => e.name === environment)) {
  process.stderr.write(`-c env=${environment}: expected one of ${model.environments.map((e) => e.name).join(', ')}\n`);
  process.exit(2);
}

// The tenant manifests are rendered and checked first: the cluster stacks of
// environments with `delivery: cdk` embed them, the others get them by GitOps.
const clusters = renderClusters(model, environment ? { environments: [environment] } : {});
const violations = clusters.flatMap(clusterViolations);
if (violations.length > 0) {
  for (const v of violations) process.stderr.write(`${formatViolation(v)}\n`);
  process.stderr.write(`\n${shown}: ${violations.length} policy violation(s) in the rendered manifests. Nothing was synthesized.\n`);
  process.exit(1);
}

buildPlatform(app, model, { ...(environment ? { environment } : {}) });
// The compliance rules (policies/guard) run inside the CDK's built-in
// CloudFormation validation at every synth; CDK_VALIDATION=false, the fast
// inner loop, turns both off.
if (process.env.CDK_VALIDATION !== 'false') {
  Validations.of(app).addPlugins(complianceValidationPlugin(requirementsFor(model, { ...(environment ? { environment } : {}) })));
}
app.synth();

if (k8sOut !== 'none') {
  const files = mergeFiles(clusters.map(clusterFiles));
  const target = environment ? path.join(k8sOut, environment) : k8sOut;
  const prefix = environment ? `${environment}/` : '';
  writeManifests(path.resolve(target), new Map([...files].map(([file, text]) => [file.slice(prefix.length), text])));
}
