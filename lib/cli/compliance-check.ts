/**
 * `oaas compliance-check [workspace] [--framework <id>|all] [--env <name>]
 * [--cdk-out <dir>] [--manifests <dir>] [--out reports/]`: synthesizes the
 * workspace in process (or reads a cloud assembly), evaluates every control of
 * the selected frameworks, prints one table per framework and writes
 * `compliance-report.json` and a self-contained `compliance-report.html`.
 * Exit codes: 0 the gate passes, 1 it fails (score below the threshold, a
 * critical control of a critical framework failing, or a validation problem),
 * 2 invalid input.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { FRAMEWORK_IDS } from '../definition/model';
import type { FrameworkId } from '../definition/model';
import { runComplianceCheck } from '../commands/compliance-check';
import { readManifestFolder } from '../compliance/manifests';
import { formatComplianceHtml } from '../compliance/report-html';
import { formatComplianceText } from '../compliance/report-text';
import { reportOutProblem, writeReport } from './report-output';
import { loadForCommand } from './workspace-path';

export interface ComplianceCheckCommandOptions {
  readonly framework: string;
  readonly env?: string;
  readonly cdkOut?: string;
  readonly manifests?: string;
  readonly out: string;
  readonly format: 'text' | 'json';
}

export const REPORT_FILES = { json: 'compliance-report.json', html: 'compliance-report.html' } as const;

function invalid(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

export function runComplianceCheckCommand(folder: string | undefined, options: ComplianceCheckCommandOptions): number {
  const outProblem = reportOutProblem(options.out, REPORT_FILES);
  if (outProblem) return invalid(`oaas compliance-check: ${outProblem}\nNothing was checked.`);
  const workspace = loadForCommand(folder, options.env, 'checked');
  if (!workspace.ok) return workspace.exitCode;
  const { model, shown } = workspace;
  let frameworks: FrameworkId[] | 'all' = 'all';
  if (options.framework !== 'all') {
    const ids = options.framework.split(',').map((f) => f.trim().replace(/-/g, '_'));
    const unknown = ids.filter((id) => !(FRAMEWORK_IDS as readonly string[]).includes(id));
    if (unknown.length > 0) return invalid(`--framework: expected "all" or one of ${FRAMEWORK_IDS.join(', ')}, got "${unknown.join(', ')}"`);
    frameworks = ids as FrameworkId[];
  }
  if (options.cdkOut !== undefined && !fs.existsSync(path.join(options.cdkOut, 'manifest.json'))) {
    return invalid(`--cdk-out: expected a cloud assembly (manifest.json) in ${options.cdkOut}, found none. Run cdk synth first, or leave out --cdk-out.`);
  }
  const manifests = options.manifests !== undefined ? readManifestFolder(path.resolve(options.manifests)) : undefined;
  const { report } = runComplianceCheck(model, {
    frameworks,
    ...(options.env !== undefined ? { environment: options.env } : {}),
    ...(options.cdkOut !== undefined ? { cdkOut: path.resolve(options.cdkOut) } : {}),
    ...(manifests ? { manifests } : {}),
    workspaceLabel: shown,
  });
  const written = writeReport(report, { out: options.out, format: options.format, files: REPORT_FILES, html: formatComplianceHtml, text: formatComplianceText });
  if (written) return invalid(`oaas compliance-check: ${written}\nNo report was written.`);
  return report.gate.passed ? 0 : 1;
}

export function registerComplianceCheck(program: Command): void {
  program
    .command('compliance-check')
    .description('Evaluate the compliance controls of a workspace against its synthesized infrastructure and manifests (default: the embedded enterprise workspace).')
    .argument('[workspace]', 'workspace folder')
    .option('--framework <id>', `framework to evaluate: all (the frameworks governance.yml enables) or ${FRAMEWORK_IDS.join(', ')} (comma-separated)`, 'all')
    .option('--env <name>', 'only this environment')
    .option('--cdk-out <dir>', 'read this cloud assembly instead of synthesizing')
    .option('--manifests <dir>', 'read rendered manifests from this folder (oaas render output) instead of rendering them')
    .option('--out <dir>', 'folder for compliance-report.json and compliance-report.html', 'reports')
    .addOption(new Option('--format <format>', 'what to print').choices(['text', 'json']).default('text'))
    .action((folder: string | undefined, options: ComplianceCheckCommandOptions) => {
      process.exitCode = runComplianceCheckCommand(folder, options);
    });
}
