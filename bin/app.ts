/**
 * The CDK app (`npx cdk synth`, `cdk deploy`). Context:
 *   -c workspace=path/to/folder   the workspace (default: examples/enterprise)
 *   -c env=staging                one environment (default: all)
 *   -c k8sOut=dist/k8s            where the GitOps manifests are written ("none": not written); only a
 *                                 folder oaas wrote, an empty or a new one is replaced (lib/fs/output-folder.ts)
 *   -c treeMetadata=true          also write tree.json (the construct tree; off for speed)
 * The CDK's built-in CloudFormation validation and the compliance Guard rules run on a small worker pool
 * (lib/synth-validation); CDK_VALIDATION=false turns both off.
 * An invalid workspace prints the same diagnostics as `oaas validate` and
 * exits with code 2 before anything is written. Manifests that fail the pod
 * security, namespace or isolation checks stop the synth with code 1.
 */
import * as path from 'path';
import { formatDiagnostic } from '../lib/definition/diagnostics';
import { defaultProtectedFolders, formatOutputProblem, outputFolderProblem } from '../lib/fs/output-folder';
import { loadWorkspace } from '../lib/definition/loader';
import { startManifestWorker } from '../lib/k8s/manifest-worker';
import { commitManifests, discardManifests } from '../lib/k8s/write-manifests';
import { requirementsFor } from '../lib/compliance/requirements';
import { debugging, platformApp, validationWanted } from '../lib/platform/cdk-app';
import { buildPlatform } from '../lib/platform/platform';
import { addSynthValidation } from '../lib/synth-validation';
import { displayPath, workspacePath } from '../lib/cli/workspace-path';

async function main(): Promise<number> {
  const app = platformApp();
  const folder = workspacePath(app.node.tryGetContext('workspace') as string | undefined);
  const environment = app.node.tryGetContext('env') as string | undefined;
  const given: unknown = app.node.tryGetContext('k8sOut');
  const k8sOut = typeof given === 'string' ? given : given === undefined ? path.join('dist', 'k8s') : '';
  // The folder the manifests replace is checked before anything is read, built or written.
  const outProblem = k8sOut === 'none' ? undefined
    : outputFolderProblem(k8sOut, { protectedFolders: [...defaultProtectedFolders(), { path: folder, name: 'the workspace folder' }] });
  if (outProblem) {
    process.stderr.write(`${formatOutputProblem('-c k8sOut=', k8sOut, outProblem)}\nNothing was synthesized.\n`);
    return 2;
  }
  const result = loadWorkspace(folder);
  const shown = displayPath(folder);
  for (const d of result.diagnostics) process.stderr.write(`${shown}/${formatDiagnostic(d)}\n`);
  if (!result.model) {
    process.stderr.write(`\n${shown}: ${result.errorCount} error(s). Nothing was synthesized.\n`);
    return 2;
  }
  const model = result.model;
  if (environment && !model.environments.some((e) => e.name === environment)) {
    process.stderr.write(`-c env=${environment}: expected one of ${model.environments.map((e) => e.name).join(', ')}\n`);
    return 2;
  }

  // The manifests are rendered, checked and staged on a worker thread while this
  // one builds the stacks (the cluster stacks of environments with `delivery: cdk`
  // render their tenants' manifests themselves). Nothing is synthesized unless
  // the manifests pass their checks, and nothing is written unless the synth succeeds.
  const manifests = startManifestWorker({
    folder,
    model,
    ...(environment ? { environment } : {}),
    ...(k8sOut !== 'none' ? { out: k8sOut } : {}),
  });
  try {
    if (validationWanted()) addSynthValidation(app, requirementsFor(model, { ...(environment ? { environment } : {}) }));
    buildPlatform(app, model, { ...(environment ? { environment } : {}) });
    // The worker stages nothing when it reports an error or violations.
    const checked = await manifests.checked;
    if (checked.error) {
      process.stderr.write(`${shown}: rendering the Kubernetes manifests failed: ${checked.error}\nNothing was synthesized.\n`);
      return 1;
    }
    if (checked.violations.length > 0) {
      for (const v of checked.violations) process.stderr.write(`${v}\n`);
      process.stderr.write(`\n${shown}: ${checked.violations.length} policy violation(s) in the rendered manifests. Nothing was synthesized.\n`);
      return 1;
    }
    app.synth();
  } catch (error) {
    // A failed build or synth leaves no staging folder behind, and the previous manifests in place.
    const staged = await manifests.staged;
    if (staged.staged) discardManifests(staged.staged);
    throw error;
  }
  const staged = await manifests.staged;
  if (staged.error) {
    process.stderr.write(`${shown}: writing the Kubernetes manifests to ${k8sOut} failed: ${staged.error}\n`);
    return 1;
  }
  if (staged.staged) commitManifests(staged.staged);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The CDK's own message; its stack trace only when debugging (cdk synth --debug sets CDK_DEBUG).
    const text = error instanceof Error ? (debugging() ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`${text}\n`);
    process.exit(1);
  },
);
