/**
 * `oaas security-scan [workspace] [--env <name>] [--out reports/]`: cdk-nag
 * packs (AwsSolutions, HIPAA Security, NIST 800-53 rev 5, PCI DSS 3.2.1 when
 * the definition selects the pci-dss Security Hub standard) over an in-process
 * synth, the Kubernetes pod security and network checks, and the IAM review.
 * Prints one table per section and writes `security-scan.json` and a
 * self-contained `security-scan.html`. Exit codes: 0 no unacknowledged error,
 * 1 errors, 2 invalid input.
 */
import * as path from 'path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { readManifestFolder } from '../compliance/manifests';
import { formatScanHtml } from '../compliance/report-html';
import { formatScanText } from '../compliance/report-text';
import { runSecurityScan } from '../commands/security-scan';
import { reportOutProblem, writeReport } from './report-output';
import { loadForCommand } from './workspace-path';

export interface SecurityScanCommandOptions {
  readonly env?: string;
  readonly manifests?: string;
  readonly out: string;
  readonly format: 'text' | 'json';
}

export const SCAN_FILES = { json: 'security-scan.json', html: 'security-scan.html' } as const;

export function runSecurityScanCommand(folder: string | undefined, options: SecurityScanCommandOptions): number {
  const outProblem = reportOutProblem(options.out, SCAN_FILES);
  if (outProblem) {
    process.stderr.write(`oaas security-scan: ${outProblem}\nNothing was scanned.\n`);
    return 2;
  }
  const workspace = loadForCommand(folder, options.env, 'scanned');
  if (!workspace.ok) return workspace.exitCode;
  const { model, shown } = workspace;
  const manifests = options.manifests !== undefined ? readManifestFolder(path.resolve(options.manifests)) : undefined;
  const report = runSecurityScan(model, {
    ...(options.env !== undefined ? { environment: options.env } : {}),
    ...(manifests ? { manifests } : {}),
    workspaceLabel: shown,
  });
  const written = writeReport(report, { out: options.out, format: options.format, files: SCAN_FILES, html: formatScanHtml, text: formatScanText });
  if (written) {
    process.stderr.write(`oaas security-scan: ${written}\nNo report was written.\n`);
    return 2;
  }
  return report.gate.passed ? 0 : 1;
}

export function registerSecurityScan(program: Command): void {
  program
    .command('security-scan')
    .description('Scan a workspace\'s synthesized infrastructure (cdk-nag packs), manifests (pod security, network policies) and IAM (wildcards, cross-tenant access); default: the embedded enterprise workspace.')
    .argument('[workspace]', 'workspace folder')
    .option('--env <name>', 'only this environment')
    .option('--manifests <dir>', 'read rendered manifests from this folder (oaas render output) instead of rendering them')
    .option('--out <dir>', 'folder for security-scan.json and security-scan.html', 'reports')
    .addOption(new Option('--format <format>', 'what to print').choices(['text', 'json']).default('text'))
    .action((folder: string | undefined, options: SecurityScanCommandOptions) => {
      process.exitCode = runSecurityScanCommand(folder, options);
    });
}
