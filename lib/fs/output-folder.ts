/**
 * Which folders a command may replace with its output. `oaas render` and the
 * synth's `k8sOut` replace their output folder as a whole (rename away, then
 * remove), so a wrong path must never reach that step: an empty path, the
 * working directory, a folder holding it, the project root or the workspace
 * are refused, and so is any folder with files in it that the tool did not
 * write (it marks its own with `OUTPUT_MARKER`).
 */
import * as fs from 'fs';
import * as path from 'path';

/** The file that marks a folder as written by oaas; only a folder holding it (or an empty one) is replaced. */
export const OUTPUT_MARKER = '.oaas-output';

export const OUTPUT_MARKER_TEXT = [
  'This folder is written by oaas (oaas render, or cdk synth with -c k8sOut) and replaced as a whole on every run.',
  'Files you add here are removed by the next run. Remove this file and oaas refuses to write here again.',
  '',
].join('\n');

/** The root of this package: its own files are never output. */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** A folder an output may neither be nor contain, with the words that name it in a message. */
export interface ProtectedFolder {
  readonly path: string;
  readonly name: string;
}

/** Why a path cannot be used, and what to do instead. */
export interface OutputProblem {
  readonly expected: string;
  readonly hint: string;
}

/** The path with every symbolic link of its existing part resolved, so two spellings of one folder compare equal. */
export function realPath(target: string): string {
  const absolute = path.resolve(target);
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** True when `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The folders every command protects: the working directory and this package. */
export function defaultProtectedFolders(): ProtectedFolder[] {
  return [
    { path: process.cwd(), name: 'the working directory' },
    { path: PACKAGE_ROOT, name: 'the project root' },
  ];
}

/** What kind of thing is at `target` (never following a link there), or undefined when nothing is. */
function kindAt(target: string): 'folder' | 'file' | 'symbolic link' | 'special file' | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return 'symbolic link';
  if (stat.isDirectory()) return 'folder';
  if (stat.isFile()) return 'file';
  return 'special file';
}

/** True when `folder` holds the marker of an oaas output, as a regular file. */
export function isMarkedOutput(folder: string): boolean {
  return kindAt(path.join(folder, OUTPUT_MARKER)) === 'file';
}

/**
 * Why the output folder `given` may not be replaced, or undefined when it may:
 * it does not exist, is empty, or holds the marker. `inside`, when given, is
 * a marked (or new) output folder that contains `given` (one environment of a
 * render), which then needs no marker of its own.
 */
export function outputFolderProblem(
  given: string,
  options: { readonly protectedFolders?: readonly ProtectedFolder[]; readonly inside?: string } = {},
): OutputProblem | undefined {
  if (given.trim() === '') {
    return { expected: 'an output folder, got an empty path', hint: 'Give a folder such as dist/k8s; an empty path would be the working directory.' };
  }
  const target = realPath(given);
  for (const folder of options.protectedFolders ?? defaultProtectedFolders()) {
    const protectedPath = realPath(folder.path);
    if (isWithin(protectedPath, target)) {
      const what = protectedPath === target ? folder.name : `a folder that holds ${folder.name}`;
      return { expected: `an output folder of its own, got ${what} (${protectedPath})`, hint: 'Give a new folder such as dist/k8s; the whole folder is replaced on every run.' };
    }
  }
  const kind = kindAt(path.resolve(given));
  if (kind === undefined) return undefined;
  if (kind !== 'folder') {
    return { expected: `a folder, got a ${kind}`, hint: `Give a new folder such as dist/k8s; oaas does not replace a ${kind}.` };
  }
  if (options.inside !== undefined && isWithin(target, realPath(options.inside))) return undefined;
  if (isMarkedOutput(target)) return undefined;
  let entries: string[];
  try {
    entries = fs.readdirSync(target);
  } catch (error) {
    return { expected: `a readable folder, got ${(error as NodeJS.ErrnoException).code ?? 'an error'}`, hint: 'Check the folder\'s permissions, or give another folder.' };
  }
  if (entries.length === 0) return undefined;
  const shown = entries.sort().slice(0, 3).map((e) => JSON.stringify(e)).join(', ');
  return {
    expected: `a folder oaas wrote (with its ${OUTPUT_MARKER} file), an empty folder or a new one, got a folder with ${entries.length} other entr${entries.length === 1 ? 'y' : 'ies'} (${shown}${entries.length > 3 ? ', ...' : ''})`,
    hint: 'The output folder is replaced as a whole; give a new folder such as dist/k8s, or empty this one yourself if nothing in it is needed.',
  };
}

/** `problem` as one line after the option that gave the path: `--out "x": expected ... . hint` (`-c k8sOut="x": ...`). */
export function formatOutputProblem(option: string, given: string, problem: OutputProblem): string {
  return `${option}${option.endsWith('=') ? '' : ' '}${JSON.stringify(given)}: expected ${problem.expected}. ${problem.hint}`;
}
