/**
 * `oaas discover [workspace]`: read the AWS organization (read-only calls of
 * AWS Organizations) and compare it with the accounts of the workspace:
 * missing, suspended and wrong-OU accounts, the management account, and the
 * organization's accounts no environment uses. `--write` proposes the
 * accounts section as a YAML snippet; workspace.yml is never edited.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatDiagnostic } from '../definition/diagnostics';
import { TENANTS_FOLDER, WORKSPACE_FILES, loadWorkspace } from '../definition/loader';
import { createOrganizationsClient, DEFAULT_REGION, RETRY } from '../discover/client';
import type { OrganizationsClientFactory } from '../discover/client';
import { compareOrganization } from '../discover/compare';
import { classifyError, DISCOVER_EXIT, DISCOVER_EXIT_HELP } from '../discover/errors';
import { proposeAccounts } from '../discover/proposal';
import type { ReadOptions } from '../discover/read';
import { readOrganization } from '../discover/read';
import { buildReport, formatJson, formatText } from '../discover/report';
import type { OrganizationSnapshot } from '../discover/snapshot';
import { fileTargetProblem, writeFileSafely } from '../fs/write-file';
import { displayPath, workspacePath } from './workspace-path';

export interface DiscoverDependencies {
  /** Creates the Organizations client; default: a real client (see lib/discover/client.ts). */
  readonly clientFactory?: OrganizationsClientFactory;
  readonly readOptions?: ReadOptions;
}

interface DiscoverOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly format: 'text' | 'json';
  /** true for a bare --write (print the snippet), a string for --write <file>. */
  readonly write?: string | boolean;
}

const HELP = `
Reads the organization with DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent,
ListAccounts, ListAccountsForParent and ListParents. Credentials: the AWS SDK default chain
(environment, AWS_PROFILE, SSO, shared files, container and instance roles), or only the profile
given with --profile. Throttled calls are retried (${RETRY.mode} mode, at most ${RETRY.maxAttempts} attempts).

Give --write last or as --write=<file>: a bare --write followed by the workspace takes it as the file.

${DISCOVER_EXIT_HELP}`;

/** Files the loader reads; --write must not replace them. */
function isWorkspaceFile(workspace: string, target: string): boolean {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const dir = real(workspace);
  const file = path.join(real(path.dirname(target)), path.basename(target));
  const fixed = Object.values(WORKSPACE_FILES).flatMap((name) => [name, name.replace(/\.yml$/, '.yaml')]);
  if (fixed.some((name) => path.join(dir, name) === file)) return true;
  const relative = path.relative(path.join(dir, TENANTS_FOLDER), file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The file --write writes to, or why it cannot. */
function writeTarget(workspace: string, value: string): { file: string } | { problem: string } {
  const file = path.resolve(value);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    return { problem: `expected a file, got the folder ${value} (give the workspace before --write, or use --write=<file>)` };
  }
  if (!fs.existsSync(path.dirname(file))) return { problem: `the folder ${path.dirname(value)} does not exist` };
  const unsafe = fileTargetProblem(file);
  if (unsafe) return { problem: unsafe };
  if (isWorkspaceFile(workspace, file)) return { problem: 'refusing to overwrite a file of the workspace; give another path, e.g. accounts.proposed.yml' };
  return { file };
}

function fail(message: string, code: number): void {
  process.stderr.write(`oaas discover: ${message}\n`);
  process.exitCode = code;
}

export function registerDiscover(program: Command, dependencies: DiscoverDependencies = {}): void {
  const clientFactory: OrganizationsClientFactory = dependencies.clientFactory ?? ((options) => createOrganizationsClient(options));
  program
    .command('discover')
    .description('Compare the accounts of a workspace with the AWS organization (read-only; default: the embedded enterprise workspace).')
    .argument('[workspace]', 'workspace folder')
    .option('--profile <profile>', 'AWS profile of the shared config and credentials files (default: the SDK credential chain)')
    .option('--region <region>', `region of the Organizations endpoint (default: AWS_REGION, else ${DEFAULT_REGION})`)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--write [file]', 'propose the accounts section of workspace.yml as YAML: print it, or write it to <file>')
    .addHelpText('after', HELP)
    .action(async (folder: string | undefined, options: DiscoverOptions, command: Command) => {
      const debug = command.optsWithGlobals<{ debug?: boolean }>().debug === true;
      const dir = workspacePath(folder);
      const shown = displayPath(dir);
      const result = loadWorkspace(dir);
      if (!result.model) {
        for (const d of result.diagnostics) process.stderr.write(`${shown}/${formatDiagnostic(d)}\n`);
        fail(`${shown}: ${result.errorCount} error(s); run \`oaas validate\` and fix them first. Nothing was read from AWS.`, DISCOVER_EXIT.invalidInput);
        return;
      }
      let file: string | undefined;
      if (typeof options.write === 'string') {
        const target = writeTarget(dir, options.write);
        if ('problem' in target) {
          fail(`--write ${options.write}: ${target.problem}`, DISCOVER_EXIT.invalidInput);
          return;
        }
        file = target.file;
      }

      const client = clientFactory({
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.region ? { region: options.region } : {}),
      });
      let snapshot: OrganizationSnapshot;
      try {
        snapshot = await readOrganization(client, dependencies.readOptions);
      } catch (error) {
        const classified = classifyError(error);
        // Not from an AWS call: a bug, which main reports as an internal error.
        if (!classified) throw error;
        fail(classified.message, classified.exitCode);
        if (debug) process.stderr.write(`${(classified.cause as Error | undefined)?.stack ?? String(classified.cause)}\n`);
        return;
      } finally {
        client.destroy();
      }

      const findings = compareOrganization(result.model, snapshot);
      const report = buildReport(shown, snapshot, findings);
      const proposal = options.write !== undefined && options.write !== false ? proposeAccounts(result.model, snapshot) : undefined;
      if (file !== undefined && proposal !== undefined) {
        try {
          writeFileSafely(file, proposal);
        } catch (error) {
          fail(`--write ${String(options.write)}: could not write the file: ${(error as Error).message}`, DISCOVER_EXIT.invalidInput);
          return;
        }
      }
      if (options.format === 'json') {
        const extra = proposal === undefined ? {} : file !== undefined ? { proposalFile: displayPath(file) } : { proposal };
        process.stdout.write(`${formatJson(report, extra)}\n`);
      } else {
        const tail = proposal === undefined ? '' : file !== undefined
          ? `\nProposed accounts section written to ${displayPath(file)}; review it, then copy the values into workspace.yml.\n`
          : `\n${proposal}`;
        process.stdout.write(`${formatText(report)}\n${tail}`);
      }
      process.exitCode = report.summary.discrepancies > 0 ? DISCOVER_EXIT.discrepancies : DISCOVER_EXIT.ok;
    });
}
