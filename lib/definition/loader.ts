/**
 * Loads a workspace folder: reads and parses every file, validates each
 * against its schema, runs the cross-file checks, and resolves the model.
 * Every problem is collected; nothing throws for bad input.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { z } from 'zod';
import { checkWorkspace } from './checks';
import type { Diagnostic } from './diagnostics';
import { CODES, issuesToDiagnostics, sortDiagnostics } from './diagnostics';
import type { WorkspaceModel } from './model';
import { resolveWorkspace } from './resolve';
import { contextFileSchema } from './schema/context';
import type { ContextFile } from './schema/context';
import { governanceFileSchema } from './schema/governance';
import type { GovernanceFile } from './schema/governance';
import { orchestrationFileSchema } from './schema/orchestration';
import type { OrchestrationFile } from './schema/orchestration';
import { projectFileSchema, tenantFileSchema } from './schema/tenant';
import type { ProjectFile, TenantFile } from './schema/tenant';
import { workspaceFileSchema } from './schema/workspace';
import type { WorkspaceFile } from './schema/workspace';
import type { SourceFile } from './source';
import { parseSource } from './source';

/** A file that passed its schema, with its source for locating later problems. */
export interface ValidFile<T> {
  readonly source: SourceFile;
  readonly data: T;
}

/** Every file of a workspace that passed its schema. Files that failed are absent. */
export interface WorkspaceFiles {
  readonly workspace?: ValidFile<WorkspaceFile>;
  readonly governance?: ValidFile<GovernanceFile>;
  readonly orchestration?: ValidFile<OrchestrationFile>;
  readonly context?: ValidFile<ContextFile>;
  readonly tenants: ReadonlyArray<ValidFile<TenantFile>>;
  readonly projects: ReadonlyArray<ValidFile<ProjectFile>>;
  /** True when some file failed to parse or validate, so cross-file checks saw only part of it. */
  readonly incomplete: boolean;
}

export interface LoadResult {
  /** The resolved model, present only when there are no errors. */
  readonly model?: WorkspaceModel;
  /** Errors and warnings, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
}

/** The fixed files of a workspace folder, and what each holds. */
export const WORKSPACE_FILES = {
  workspace: 'workspace.yml',
  governance: 'governance.yml',
  orchestration: 'orchestration-rules.yml',
  context: 'context.yml',
} as const;

export const TENANTS_FOLDER = 'tenants';

/** An in-memory workspace: relative path → text. Used by tests and generators. */
export type WorkspaceTexts = Readonly<Record<string, string>>;

/** Reads a workspace folder into memory; unreadable parts become diagnostics. */
export function readWorkspaceFolder(dir: string): { texts: Record<string, string>; diagnostics: Diagnostic[] } {
  const texts: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const problem = (file: string, code: string, message: string, hint: string) =>
    diagnostics.push({ severity: 'error', code, file, line: 1, column: 1, path: '(root)', message, hint });
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problem(dir, CODES.fileMissing, 'expected a workspace folder, found none', `Create the folder with ${Object.values(WORKSPACE_FILES).join(', ')} and tenants/, or pass the right path.`);
    return { texts, diagnostics };
  }
  for (const name of Object.values(WORKSPACE_FILES)) {
    const file = path.join(dir, name);
    const alternative = file.replace(/\.yml$/, '.yaml');
    const chosen = fs.existsSync(file) ? file : fs.existsSync(alternative) ? alternative : undefined;
    if (!chosen) {
      problem(name, CODES.fileMissing, `expected the file ${name}, found none`, `Create ${name}; see the README for a short example.`);
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
        else if (/\.ya?ml$/.test(entry.name)) texts[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
      }
    };
    walk(tenantsDir);
  }
  return { texts, diagnostics };
}

function validate<T>(source: SourceFile, schema: z.ZodType<T>, diagnostics: Diagnostic[]): ValidFile<T> | undefined {
  const data: unknown = source.document.toJS({ maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push({
      severity: 'error', code: CODES.notAMapping, file: source.file, line: 1, column: 1, path: '(root)',
      message: `expected a mapping of keys at the top of the file, got ${data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : typeof data}`,
      hint: 'Start the file with its top-level keys; see the README for an example.',
    });
    return undefined;
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(source, schema, data, result.error.issues));
    return undefined;
  }
  return { source, data: result.data };
}

/** Parses and validates in-memory texts; the heart of the loader, shared by folder loading and tests. */
export function loadWorkspaceTexts(texts: WorkspaceTexts, origin = '.', preDiagnostics: readonly Diagnostic[] = []): LoadResult {
  const diagnostics: Diagnostic[] = [...preDiagnostics];
  let incomplete = preDiagnostics.length > 0;
  const parsed = (file: string): SourceFile | undefined => {
    const text = texts[file];
    if (text === undefined) return undefined;
    const source = parseSource(file, text);
    if (source.document.errors.length > 0) {
      for (const error of source.document.errors) {
        const { line, col } = source.lineCounter.linePos(error.pos[0]);
        diagnostics.push({
          severity: 'error', code: CODES.yamlSyntax, file, line, column: col, path: '(yaml)',
          message: `expected valid YAML: ${error.message.split('\n')[0]}`,
          hint: error.code === 'DUPLICATE_KEY' ? 'Remove or rename the repeated key.' : 'Check indentation, quotes and colons near this position.',
        });
      }
      incomplete = true;
      return undefined;
    }
    return source;
  };
  const fixed = (name: string): SourceFile | undefined => parsed(texts[name] !== undefined ? name : name.replace(/\.yml$/, '.yaml'));
  const check = <T>(source: SourceFile | undefined, schema: z.ZodType<T>) => {
    if (!source) return undefined;
    const valid = validate(source, schema, diagnostics);
    if (!valid) incomplete = true;
    return valid;
  };
  const workspace = check(fixed(WORKSPACE_FILES.workspace), workspaceFileSchema);
  const governance = check(fixed(WORKSPACE_FILES.governance), governanceFileSchema);
  const orchestration = check(fixed(WORKSPACE_FILES.orchestration), orchestrationFileSchema);
  const context = check(fixed(WORKSPACE_FILES.context), contextFileSchema);
  for (const name of Object.values(WORKSPACE_FILES)) {
    if (texts[name] === undefined && texts[name.replace(/\.yml$/, '.yaml')] === undefined && !preDiagnostics.some((d) => d.file === name)) {
      diagnostics.push({ severity: 'error', code: CODES.fileMissing, file: name, line: 1, column: 1, path: '(root)', message: `expected the file ${name}, found none`, hint: `Create ${name}; see the README for a short example.` });
      incomplete = true;
    }
  }
  const tenants: Array<ValidFile<TenantFile>> = [];
  const projects: Array<ValidFile<ProjectFile>> = [];
  for (const file of Object.keys(texts).filter((f) => f.startsWith(`${TENANTS_FOLDER}/`)).sort()) {
    const source = parsed(file);
    if (!source) continue;
    const isProject = source.document.has('project');
    if (isProject) {
      const valid = check(source, projectFileSchema);
      if (valid) projects.push(valid);
    } else {
      const valid = check(source, tenantFileSchema);
      if (valid) tenants.push(valid);
    }
  }
  const files: WorkspaceFiles = { workspace, governance, orchestration, context, tenants, projects, incomplete };
  diagnostics.push(...checkWorkspace(files));
  const sorted = sortDiagnostics(diagnostics);
  const errorCount = sorted.filter((d) => d.severity === 'error').length;
  const warningCount = sorted.length - errorCount;
  if (errorCount > 0 || !workspace || !governance || !orchestration || !context) {
    return { diagnostics: sorted, errorCount: Math.max(errorCount, 1), warningCount };
  }
  const model = resolveWorkspace(origin, { workspace: workspace.data, governance: governance.data, orchestration: orchestration.data, context: context.data, tenants, projects });
  return { model, diagnostics: sorted, errorCount, warningCount };
}

/** Loads a workspace folder from disk. */
export function loadWorkspace(dir: string): LoadResult {
  const { texts, diagnostics } = readWorkspaceFolder(dir);
  return loadWorkspaceTexts(texts, dir, diagnostics);
}
