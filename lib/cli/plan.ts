/**
 * `oaas plan [workspace] --base <folder | cloud assembly | git ref>
 * [--env <name>] [--format markdown|json] [--out reports/] [--no-compliance]
 * [--base-code auto|own|current]`: what deploying the workspace changes
 * against the base, each change classified by risk with its reason, traced to
 * the definition and to its approvers. Prints Markdown (a pull-request
 * comment) or JSON, and writes plan.md, plan.json and a self-contained
 * plan.html review page. Exit codes: 0 nothing above low risk, 3 approval
 * required, 2 invalid input, 1 internal error.
 */
import * as path from 'path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { resolveBase } from '../plan/base';
import type { BaseCode } from '../plan/base';
import { PlanInputError } from '../plan/errors';
import { formatPlanHtml } from '../plan/render-html';
import { formatPlanMarkdown } from '../plan/render-markdown';
import { runPlan } from '../plan/run';
import type { Plan } from '../plan/types';
import { planOutProblem, writeFilesAtomically } from '../plan/write-files';
import { displayPath, loadForCommand } from './workspace-path';

export interface PlanCommandOptions {
  readonly base: readonly string[];
  readonly env?: string;
  readonly format: 'markdown' | 'json';
  readonly out: string;
  readonly compliance: boolean;
  readonly baseCode: BaseCode;
}

export const PLAN_FILES = { markdown: 'plan.md', json: 'plan.json', html: 'plan.html' } as const;

export const PLAN_EXIT = { nothingAboveLow: 0, internalError: 1, invalidInput: 2, approvalRequired: 3 } as const;

/** The plan as JSON: two runs over the same inputs give the same bytes. */
export function formatPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export async function runPlanCommand(folder: string | undefined, options: PlanCommandOptions): Promise<number> {
  const workspace = loadForCommand(folder, options.env, 'planned');
  if (!workspace.ok) return PLAN_EXIT.invalidInput;
  const outProblem = planOutProblem(options.out, Object.values(PLAN_FILES));
  if (outProblem) {
    process.stderr.write(`--out ${JSON.stringify(options.out)}: ${outProblem}\nNothing was planned.\n`);
    return PLAN_EXIT.invalidInput;
  }
  let plan: Plan;
  try {
    const base = resolveBase(options.base, workspace.dir);
    plan = await runPlan(workspace.model, {
      workspaceDir: workspace.dir,
      workspaceLabel: workspace.shown,
      base,
      compliance: options.compliance,
      baseCode: options.baseCode,
      ...(options.env !== undefined ? { environment: options.env } : {}),
    });
  } catch (error) {
    if (!(error instanceof PlanInputError)) throw error;
    process.stderr.write(`${error.message}\nNothing was planned.\n`);
    return PLAN_EXIT.invalidInput;
  }
  const json = formatPlanJson(plan);
  const markdown = formatPlanMarkdown(plan);
  const written = writeFilesAtomically(path.resolve(options.out), { [PLAN_FILES.markdown]: markdown, [PLAN_FILES.json]: json, [PLAN_FILES.html]: formatPlanHtml(plan) });
  process.stdout.write(options.format === 'json' ? json : markdown);
  process.stderr.write(`Plan: ${written.map(displayPath).join(', ')}\n`);
  return plan.summary.exitCode;
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('Compare the workspace with a base (saved output or git ref): every change classified by risk, traced to the definition, with its approvers (default workspace: the embedded enterprise workspace).')
    .argument('[workspace]', 'workspace folder')
    .option('--base <source>', 'what to compare with: a saved cdk.out (cloud assembly), a rendered manifests folder (dist/k8s), a folder holding both, or a git ref (HEAD, main, a commit); give a cloud assembly and a manifests folder as two --base', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--env <name>', 'only this environment')
    .addOption(new Option('--format <format>', 'what to print: the Markdown summary (a pull-request comment) or the JSON plan').choices(['markdown', 'json']).default('markdown'))
    .option('--out <dir>', 'folder for plan.md, plan.json and the plan.html review page', 'reports')
    .option('--no-compliance', 'skip the compliance check of the new version')
    .addOption(new Option('--base-code <code>', 'for a git base: synthesize it with its own code (own), this checkout\'s (current), or its own only when the code differs (auto)').choices(['auto', 'own', 'current']).default('auto'))
    .addHelpText('after', '\nExit codes: 0 no change above low risk, 3 approval required (a medium or high risk change), 2 invalid input, 1 internal error.')
    .action(async (folder: string | undefined, options: PlanCommandOptions) => {
      process.exitCode = await runPlanCommand(folder, options);
    });
}
