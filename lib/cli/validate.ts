/** `oaas validate [workspace]`: check a workspace and print a one-screen summary. */
import * as path from 'path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatDiagnostic } from '../definition/diagnostics';
import type { LoadResult } from '../definition/loader';
import { loadWorkspace } from '../definition/loader';
import type { WorkspaceModel } from '../definition/model';
import { PATTERN_KINDS } from '../definition/model';
import { formatDuration, formatMoney } from '../definition/units';
import { displayPath, workspacePath } from './workspace-path';

/** A summary of a valid workspace, as numbers and names. */
export function summarize(model: WorkspaceModel) {
  const agents = model.tenants.reduce((sum, t) => sum + t.agents.length, 0);
  const patterns = PATTERN_KINDS
    .map((kind) => [kind, model.orchestration.patterns.filter((p) => p.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} (${count})`);
  return {
    organization: model.organization.name,
    environments: model.environments.map((e) => ({
      name: e.name,
      account: e.account,
      regions: e.regions.map((r) => r.region),
      tenants: e.tenants.length,
      agents: e.tenants.reduce((sum, t) => sum + t.agents.length, 0),
      monthlyBudget: formatMoney(e.budgets.monthlyCents),
      disasterRecovery: `${formatDuration(e.disasterRecovery.rto)} RTO, ${formatDuration(e.disasterRecovery.rpo)} RPO`,
    })),
    tenants: model.tenants.length,
    projects: model.tenants.reduce((sum, t) => sum + t.projects.length, 0),
    agents,
    frameworks: [...model.frameworks],
    patterns,
  };
}

function printText(result: LoadResult, shown: string): void {
  // Errors first, then warnings, each in file and line order.
  const ordered = [...result.diagnostics.filter((d) => d.severity === 'error'), ...result.diagnostics.filter((d) => d.severity === 'warning')];
  for (const d of ordered) process.stderr.write(`${formatDiagnostic({ ...d, file: path.join(shown, d.file) })}\n`);
  if (!result.model) {
    process.stderr.write(`\n${shown}: ${result.errorCount} error(s), ${result.warningCount} warning(s). Nothing was generated.\n`);
    return;
  }
  const s = summarize(result.model);
  const lines = [
    `${shown}: valid (${result.warningCount} warning(s))`,
    `  organization  ${s.organization}`,
    ...s.environments.map((e) => `  environment   ${e.name.padEnd(12)} account ${e.account}  regions ${e.regions.join(', ')}  tenants ${e.tenants}  agents ${e.agents}  budget ${e.monthlyBudget}/month  DR ${e.disasterRecovery}`),
    `  tenants       ${s.tenants} (${s.projects} projects, ${s.agents} agents)`,
    `  frameworks    ${s.frameworks.join(', ')}`,
    `  patterns      ${s.patterns.join(', ') || 'none'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Validate a workspace folder (default: the embedded enterprise workspace).')
    .argument('[workspace]', 'workspace folder')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((folder: string | undefined, options: { format: 'text' | 'json' }) => {
      const dir = workspacePath(folder);
      const result = loadWorkspace(dir);
      if (options.format === 'json') {
        process.stdout.write(`${JSON.stringify({
          workspace: displayPath(dir),
          valid: result.model !== undefined,
          errors: result.diagnostics.filter((d) => d.severity === 'error'),
          warnings: result.diagnostics.filter((d) => d.severity === 'warning'),
          summary: result.model ? summarize(result.model) : null,
        }, null, 2)}\n`);
      } else {
        printText(result, displayPath(dir));
      }
      process.exitCode = result.model ? 0 : 2;
    });
}
