import * as path from 'path';
import { formatDiagnostic } from '../definition/diagnostics';
import { loadWorkspace } from '../definition/loader';
import type { WorkspaceModel } from '../definition/model';

/** The embedded default workspace: the enterprise example shipped with the package. */
export const DEFAULT_WORKSPACE = path.resolve(__dirname, '..', '..', 'examples', 'enterprise');

/** The workspace folder a command works on: the argument, else the default. */
export function workspacePath(argument: string | undefined): string {
  return argument ? path.resolve(argument) : DEFAULT_WORKSPACE;
}

/** How a path is shown to the user: relative to the current folder when inside it. */
export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative === '' ? '.' : relative.startsWith('..') ? absolute : relative;
}

/** A loaded workspace for a command, or the exit code when it could not be used. */
export type CommandWorkspace =
  | { readonly ok: true; readonly dir: string; readonly shown: string; readonly model: WorkspaceModel }
  | { readonly ok: false; readonly exitCode: 2 };

/**
 * Loads the workspace a command works on, prints its diagnostics, and checks
 * that `env` (when given) names one of its environments. On failure it says
 * why on stderr, ending with "Nothing was <verb>.", and returns exit code 2.
 */
export function loadForCommand(folder: string | undefined, env: string | undefined, verb: string): CommandWorkspace {
  const dir = workspacePath(folder);
  const shown = displayPath(dir);
  const loaded = loadWorkspace(dir);
  for (const d of loaded.diagnostics) process.stderr.write(`${shown}/${formatDiagnostic(d)}\n`);
  if (!loaded.model) {
    process.stderr.write(`\n${shown}: ${loaded.errorCount} error(s). Nothing was ${verb}.\n`);
    return { ok: false, exitCode: 2 };
  }
  if (env !== undefined && !loaded.model.environments.some((e) => e.name === env)) {
    process.stderr.write(`${shown}: expected --env to name an environment, got "${env}" (known: ${loaded.model.environments.map((e) => e.name).join(', ')})\n`);
    return { ok: false, exitCode: 2 };
  }
  return { ok: true, dir, shown, model: loaded.model };
}
