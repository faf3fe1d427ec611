/**
 * `oaas render [workspace] [--env <name>] [--out dist/k8s]`: renders the
 * tenant manifests and Argo CD objects of every cluster, checks them (pod
 * security, namespace guard rails, tenant isolation) and, only when all pass,
 * replaces the output folder in one step. The output folder must be one oaas
 * wrote, an empty or a new one (lib/fs/output-folder.ts); anything else is
 * refused with exit code 2 before the workspace is read.
 */
import * as path from 'path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatDiagnostic } from '../definition/diagnostics';
import { loadWorkspace } from '../definition/loader';
import { clusterViolations, formatViolation } from '../k8s/checks';
import { GITOPS_DEFAULTS } from '../k8s/gitops-chart';
import type { RenderedCluster } from '../k8s/render';
import { clusterFiles, mergeFiles, renderClusters, renderTarget } from '../k8s/render';
import { writeManifests } from '../k8s/write-manifests';
import { defaultProtectedFolders, formatOutputProblem, outputFolderProblem } from '../fs/output-folder';
import { UnsafeTargetError } from '../fs/write-file';
import { displayPath, workspacePath } from './workspace-path';

export interface RenderCommandOptions {
  readonly env?: string;
  readonly out: string;
  readonly repoUrl: string;
  readonly revision: string;
  readonly repoPath: string;
}

/** One summary line per cluster. */
export function clusterSummary(cluster: RenderedCluster): string {
  const objects = [...cluster.tenants.values()].flat();
  const namespaces = objects.filter((o) => o.kind === 'Namespace').length;
  const agents = objects.filter((o) => o.kind === 'Deployment').length;
  const argo = cluster.argo.length > 0 ? `  ${cluster.argo.length} Argo CD objects` : '  (cdk delivery: no Argo CD objects)';
  return `  ${cluster.environment.padEnd(12)} ${cluster.region.padEnd(16)} ${String(cluster.tenants.size).padStart(3)} tenants  ${String(namespaces).padStart(3)} namespaces  ${String(agents).padStart(4)} agents  ${String(objects.length).padStart(5)} objects${argo}`;
}

/**
 * Why `--out` cannot be the output folder (see lib/fs/output-folder.ts), as
 * one line, or undefined: checked before anything is read or written.
 */
export function renderOutProblem(out: string, workspace: string, environment?: string): string | undefined {
  const protectedFolders = [...defaultProtectedFolders(), { path: workspace, name: 'the workspace folder' }];
  const root = outputFolderProblem(out, { protectedFolders });
  if (root) return formatOutputProblem('--out', out, root);
  if (environment === undefined) return undefined;
  const folder = renderTarget(path.resolve(out), environment).folder;
  const inner = outputFolderProblem(folder, { protectedFolders, inside: path.resolve(out) });
  return inner ? formatOutputProblem('--out', out, { ...inner, expected: `${inner.expected} for environment ${environment}` }) : undefined;
}

function run(folder: string | undefined, options: RenderCommandOptions): number {
  const dir = workspacePath(folder);
  const shown = displayPath(dir);
  const outProblem = renderOutProblem(options.out, dir, options.env);
  if (outProblem) {
    process.stderr.write(`oaas render: ${outProblem}\nNothing was rendered.\n`);
    return 2;
  }
  const result = loadWorkspace(dir);
  for (const d of result.diagnostics) process.stderr.write(`${shown}/${formatDiagnostic(d)}\n`);
  if (!result.model) {
    process.stderr.write(`\n${shown}: ${result.errorCount} error(s), ${result.warningCount} warning(s). Nothing was rendered.\n`);
    return 2;
  }
  const model = result.model;
  if (options.env !== undefined && !model.environments.some((e) => e.name === options.env)) {
    process.stderr.write(`${shown}: expected --env to name an environment, got "${options.env}" (known: ${model.environments.map((e) => e.name).join(', ')})\n`);
    return 2;
  }
  const clusters = renderClusters(model, {
    ...(options.env !== undefined ? { environments: [options.env] } : {}),
    gitops: { repoUrl: options.repoUrl, revision: options.revision, path: options.repoPath },
  });
  const violations = clusters.flatMap(clusterViolations);
  if (violations.length > 0) {
    for (const v of violations) process.stderr.write(`${formatViolation(v)}\n`);
    process.stderr.write(`\n${shown}: ${violations.length} policy violation(s) in the rendered manifests. Nothing was written.\n`);
    return 1;
  }
  const files = mergeFiles(clusters.map(clusterFiles));
  const target = renderTarget(path.resolve(options.out), options.env);
  try {
    writeManifests(target.folder, target.files(files), { root: target.root });
  } catch (error) {
    // The folder changed since it was checked: still nothing was replaced.
    if (!(error instanceof UnsafeTargetError)) throw error;
    process.stderr.write(`oaas render: --out ${JSON.stringify(options.out)}: ${error.message}\nNothing was written.\n`);
    return 2;
  }
  const folders = new Set([...files.keys()].map((f) => path.posix.dirname(f))).size;
  process.stdout.write([
    `${shown}: rendered ${files.size} files in ${folders} folders to ${displayPath(target.folder)}`,
    ...clusters.map(clusterSummary),
    '',
  ].join('\n'));
  return 0;
}

export function registerRender(program: Command): void {
  program
    .command('render')
    .description('Render the Kubernetes manifests and Argo CD objects of every cluster (default: the embedded enterprise workspace).')
    .argument('[workspace]', 'workspace folder')
    .addOption(new Option('--env <name>', 'render one environment only (replaces only its folder)'))
    .addOption(new Option('--out <dir>', 'output folder').default('dist/k8s'))
    .addOption(new Option('--repo-url <url>', 'git repository Argo CD reads the output from').default(GITOPS_DEFAULTS.repoUrl))
    .addOption(new Option('--revision <rev>', 'branch, tag or commit Argo CD follows').default(GITOPS_DEFAULTS.revision))
    .addOption(new Option('--repo-path <path>', 'folder of the output inside that repository').default(GITOPS_DEFAULTS.path))
    .action((folder: string | undefined, options: RenderCommandOptions) => {
      process.exitCode = run(folder, options);
    });
}
