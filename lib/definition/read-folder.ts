/**
 * Reading a workspace folder from disk: its fixed files and every YAML file
 * under tenants/. Whatever cannot or may not be read becomes a located
 * diagnostic; nothing throws, blocks or grows without bound:
 *
 * - only regular files are read (a FIFO would block, a device never end), and
 *   each at most `MAX_FILE_BYTES`, the workspace at most `MAX_WORKSPACE_BYTES`
 *   and `MAX_FILES` files;
 * - a symbolic link is followed only when it stays inside the workspace folder
 *   (a link to a secret elsewhere would echo its first line in an error, a
 *   `tenants` link to `/` would walk the whole disk), and a folder is walked
 *   once however many links lead to it, at most `MAX_FOLDER_DEPTH` deep.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from './diagnostics';
import { CODES } from './diagnostics';
import { TENANTS_FOLDER, WORKSPACE_FILES } from './files';
import { MAX_FILE_BYTES, MAX_FILES, MAX_FOLDER_DEPTH, MAX_WORKSPACE_BYTES } from './limits';

/** What a path holds, for messages: `a FIFO`, `a folder`, ... */
function kindOf(stat: fs.Stats): string {
  if (stat.isFile()) return 'a file';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'an error';

/** Why a file system call failed, in words a user can act on. */
function reason(error: unknown): { message: string; hint: string } {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return { message: `permission to read it, got ${code}`, hint: 'Check the permissions of the file and of its folders.' };
  if (code === 'ENAMETOOLONG') return { message: `a path the system accepts, got ${code} (a name too long)`, hint: 'Shorten the folder or file names.' };
  if (code === 'ELOOP') return { message: `a path without a loop of links, got ${code}`, hint: 'Replace the links by the files they point to.' };
  return { message: `a readable path, got ${code}`, hint: 'Check that the path exists and can be read.' };
}

interface Reader {
  readonly texts: Record<string, string>;
  readonly diagnostics: Diagnostic[];
  /** The workspace folder with its links resolved: nothing outside it is read. */
  readonly root: string;
  bytes: number;
  files: number;
}

function problem(reader: Reader, file: string, code: string, message: string, hint: string): void {
  reader.diagnostics.push({ severity: 'error', code, file, line: 1, column: 1, path: '(root)', message, hint });
}

/** A path relative to the workspace folder, as shown to users (`/` separators). */
const shown = (dir: string, full: string): string => path.relative(dir, full).split(path.sep).join('/') || '.';

/**
 * Where `full` leads once its links are resolved, or undefined (with a
 * diagnostic) when it leads outside the workspace or cannot be resolved.
 */
function resolveInside(reader: Reader, full: string, name: string): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(full);
  } catch (error) {
    const { message, hint } = reason(error);
    problem(reader, name, CODES.fileUnreadable, `expected ${message}`, hint);
    return undefined;
  }
  const relative = path.relative(reader.root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    problem(reader, name, CODES.fileRefused, 'expected a path inside the workspace folder, got a symbolic link that leads outside it',
      'Copy the files into the workspace instead of linking to them: oaas reads nothing outside the workspace folder.');
    return undefined;
  }
  return real;
}

/**
 * Reads one regular file of at most `MAX_FILE_BYTES`, without blocking on a
 * FIFO or following a link; undefined (with a diagnostic) otherwise.
 */
function readRegularFile(reader: Reader, real: string, name: string): string | undefined {
  if (reader.files >= MAX_FILES) {
    problem(reader, name, CODES.fileRefused, `expected at most ${MAX_FILES} files in a workspace, got more`, 'Merge tenant files, or split the workspace; docs/input-limits.md lists the limits.');
    return undefined;
  }
  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch (error) {
    const { message, hint } = reason(error);
    problem(reader, name, CODES.fileUnreadable, `expected ${message}`, hint);
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      problem(reader, name, CODES.fileRefused, `expected a regular file, got ${kindOf(stat)}`, 'Replace it by a YAML file, or remove it: oaas reads regular files only.');
      return undefined;
    }
    const left = Math.min(MAX_FILE_BYTES, MAX_WORKSPACE_BYTES - reader.bytes);
    if (stat.size > left) {
      problem(reader, name, CODES.fileRefused, stat.size > MAX_FILE_BYTES
        ? `expected a file of at most ${MAX_FILE_BYTES} bytes, got ${stat.size}`
        : `expected a workspace of at most ${MAX_WORKSPACE_BYTES} bytes in all, got more with this file`,
      'Split the file (a tenant per file under tenants/) or shorten it; docs/input-limits.md lists the limits.');
      return undefined;
    }
    // One byte more than its size, so a file that grew since fstat is noticed.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length;) {
      read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
    }
    if (length > stat.size) {
      problem(reader, name, CODES.fileUnreadable, 'expected a file that does not change while it is read, got one that grew', 'Read the workspace again once nothing writes to it.');
      return undefined;
    }
    reader.bytes += length;
    reader.files++;
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    const { message, hint } = reason(error);
    problem(reader, name, CODES.fileUnreadable, `expected ${message}`, hint);
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** `lstat`, or undefined when nothing is there; other failures become a diagnostic (`false`). */
function lstatOf(reader: Reader, full: string, name: string): fs.Stats | undefined | false {
  try {
    return fs.lstatSync(full);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    const { message, hint } = reason(error);
    problem(reader, name, CODES.fileUnreadable, `expected ${message}`, hint);
    return false;
  }
}

/** Reads `full` (shown as `name`) into the texts when it is a regular file inside the workspace. */
function readInto(reader: Reader, full: string, name: string, stat: fs.Stats): void {
  const real = stat.isSymbolicLink() ? resolveInside(reader, full, name) : full;
  if (real === undefined) return;
  const text = readRegularFile(reader, real, name);
  if (text !== undefined) reader.texts[name] = text;
}

/** Walks tenants/ (or a folder below it), reading every YAML file once; `tenants` is tenants/ with its links resolved. */
function walk(reader: Reader, dir: string, folder: string, depth: number, visited: Set<string>, tenants: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const { message, hint } = reason(error);
    problem(reader, shown(dir, folder), CODES.fileUnreadable, `expected a readable folder, that is ${message}`, hint);
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(folder, entry.name);
    const name = shown(dir, full);
    if (entry.isDirectory() || entry.isSymbolicLink()) {
      const stat = entry.isSymbolicLink() ? statOf(full) : undefined;
      if (entry.isDirectory() || stat?.isDirectory()) {
        const real = resolveInside(reader, full, name);
        if (real === undefined) continue;
        const relative = path.relative(tenants, real);
        if (relative.startsWith('..') || path.isAbsolute(relative)) {
          problem(reader, name, CODES.fileRefused, 'expected a folder under tenants/, got a symbolic link to another folder of the workspace',
            'Move the tenant files under tenants/ instead of linking to their folder.');
          continue;
        }
        if (visited.has(real)) {
          problem(reader, name, CODES.fileRefused, 'expected each folder under tenants/ once, got a link to a folder read already (a loop or a second way in)',
            'Remove the link: every tenant file is read from its own place.');
          continue;
        }
        if (depth >= MAX_FOLDER_DEPTH) {
          problem(reader, name, CODES.fileRefused, `expected at most ${MAX_FOLDER_DEPTH} levels of folders under tenants/, got more`, 'Keep tenant files in tenants/ or one folder below it.');
          continue;
        }
        visited.add(real);
        walk(reader, dir, full, depth + 1, visited, tenants);
        continue;
      }
    }
    if (!/\.ya?ml$/.test(entry.name)) continue;
    const stat = lstatOf(reader, full, name);
    if (stat) readInto(reader, full, name, stat);
  }
}

/** `stat` following links, or undefined when it fails (a dangling link is then read and reported as one). */
function statOf(full: string): fs.Stats | undefined {
  try {
    return fs.statSync(full);
  } catch {
    return undefined;
  }
}

/** Reads a workspace folder into memory; unreadable parts become diagnostics. */
export function readWorkspaceFolder(dir: string): { texts: Record<string, string>; diagnostics: Diagnostic[] } {
  const texts: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  let root: string | undefined;
  try {
    root = fs.statSync(dir).isDirectory() ? fs.realpathSync(dir) : undefined;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') {
      const { message, hint } = reason(error);
      diagnostics.push({ severity: 'error', code: CODES.fileUnreadable, file: '.', line: 1, column: 1, path: '(root)', message: `expected a workspace folder, that is ${message}`, hint });
      return { texts, diagnostics };
    }
  }
  if (root === undefined) {
    diagnostics.push({
      severity: 'error', code: CODES.fileMissing, file: '.', line: 1, column: 1, path: '(root)',
      message: `expected a workspace folder at ${dir}, found none`,
      hint: `Create the folder with ${Object.values(WORKSPACE_FILES).join(', ')} and tenants/, or pass the right path.`,
    });
    return { texts, diagnostics };
  }
  const reader: Reader = { texts, diagnostics, root, bytes: 0, files: 0 };
  for (const name of Object.values(WORKSPACE_FILES)) {
    const alternative = name.replace(/\.yml$/, '.yaml');
    const first = lstatOf(reader, path.join(dir, name), name);
    if (first === false) continue;
    const second = first ? undefined : lstatOf(reader, path.join(dir, alternative), alternative);
    if (second === false) continue;
    const chosen = first ? name : second ? alternative : undefined;
    if (!chosen) {
      problem(reader, name, CODES.fileMissing, `expected the file ${name}, found none`, `Create ${name}; examples/starter/${name} is a small one to start from.`);
      continue;
    }
    readInto(reader, path.join(dir, chosen), chosen, (first || second) as fs.Stats);
  }
  const tenantsDir = path.join(dir, TENANTS_FOLDER);
  const tenants = lstatOf(reader, tenantsDir, TENANTS_FOLDER);
  if (!tenants) return { texts, diagnostics };
  const real = resolveInside(reader, tenantsDir, TENANTS_FOLDER);
  if (real === undefined) return { texts, diagnostics };
  const target = tenants.isSymbolicLink() ? statOf(real) : tenants;
  if (!target?.isDirectory()) {
    problem(reader, TENANTS_FOLDER, CODES.fileRefused, `expected tenants/ to be a folder of tenant files, got ${target ? kindOf(target) : 'nothing readable'}`,
      'Make tenants a folder and put one YAML file per tenant in it.');
    return { texts, diagnostics };
  }
  walk(reader, dir, tenantsDir, 0, new Set([real]), real);
  return { texts, diagnostics };
}
