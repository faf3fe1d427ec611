/**
 * Reading a workspace folder from disk: its fixed files and every YAML file
 * under tenants/. Whatever cannot be read becomes a diagnostic; nothing throws.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from './diagnostics';
import { CODES } from './diagnostics';
import { TENANTS_FOLDER, WORKSPACE_FILES } from './files';

/** Reads a workspace folder into memory; unreadable parts become diagnostics. */
export function readWorkspaceFolder(dir: string): { texts: Record<string, string>; diagnostics: Diagnostic[] } {
  const texts: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const problem = (file: string, code: string, message: string, hint: string) =>
    diagnostics.push({ severity: 'error', code, file, line: 1, column: 1, path: '(root)', message, hint });
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problem('.', CODES.fileMissing, `expected a workspace folder at ${dir}, found none`, `Create the folder with ${Object.values(WORKSPACE_FILES).join(', ')} and tenants/, or pass the right path.`);
    return { texts, diagnostics };
  }
  for (const name of Object.values(WORKSPACE_FILES)) {
    const file = path.join(dir, name);
    const alternative = file.replace(/\.yml$/, '.yaml');
    const chosen = fs.existsSync(file) ? file : fs.existsSync(alternative) ? alternative : undefined;
    if (!chosen) {
      problem(name, CODES.fileMissing, `expected the file ${name}, found none`, `Create ${name}; examples/starter/${name} is a small one to start from.`);
      continue;
    }
    try {
      texts[path.relative(dir, chosen).split(path.sep).join('/')] = fs.readFileSync(chosen, 'utf8');
    } catch (error) {
      problem(name, CODES.fileUnreadable, `expected a readable file, got ${(error as NodeJS.ErrnoException).code ?? 'an error'}`, 'Check the file permissions.');
    }
  }
  const tenantsDir = path.join(dir, TENANTS_FOLDER);
  if (fs.existsSync(tenantsDir)) {
    const walk = (folder: string): void => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(entry.name)) {
          const relative = path.relative(dir, full).split(path.sep).join('/');
          try {
            texts[relative] = fs.readFileSync(full, 'utf8');
          } catch (error) {
            problem(relative, CODES.fileUnreadable, `expected a readable file, got ${(error as NodeJS.ErrnoException).code ?? 'an error'}`, 'Check the file permissions.');
          }
        }
      }
    };
    walk(tenantsDir);
  }
  return { texts, diagnostics };
}
