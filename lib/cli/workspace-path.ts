import * as path from 'path';

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
