/**
 * The CDK app (`npx cdk synth`, `cdk deploy`). Context:
 *   -c workspace=path/to/folder   the workspace (default: examples/enterprise)
 *   -c env=staging                one environment (default: all)
 * An invalid workspace prints the same diagnostics as `oaas validate` and
 * exits with code 2 before anything is written.
 */
import { App } from 'aws-cdk-lib';
import { formatDiagnostic } from '../lib/definition/diagnostics';
import { loadWorkspace } from '../lib/definition/loader';
import { buildPlatform } from '../lib/platform/platform';
import { displayPath, workspacePath } from '../lib/cli/workspace-path';

const app = new App();
const folder = workspacePath(app.node.tryGetContext('workspace') as string | undefined);
const environment = app.node.tryGetContext('env') as string | undefined;
const result = loadWorkspace(folder);
const shown = displayPath(folder);
for (const d of result.diagnostics) process.stderr.write(`${shown}/${formatDiagnostic(d)}\n`);
if (!result.model) {
  process.stderr.write(`\n${shown}: ${result.errorCount} error(s). Nothing was synthesized.\n`);
  process.exit(2);
}
if (environment && !result.model.environments.some((e) => e.name === environment)) {
  process.stderr.write(`-c env=${environment}: expected one of ${result.model.environments.map((e) => e.name).join(', ')}\n`);
  process.exit(2);
}
buildPlatform(app, result.model, { ...(environment ? { environment } : {}) });
app.synth();
