/**
 * Loads a workspace folder: reads and parses every file, validates each
 * against its schema, runs the cross-file checks, and resolves the model.
 * Every problem is collected; nothing throws for bad input.
 */
import { visit } from 'yaml';
import type { Alias } from 'yaml';
import type { z } from 'zod';
import { checkWorkspace } from './checks';
import type { Diagnostic, SuggestionBudget } from './diagnostics';
import {
  CODES, describeValue, issuesToDiagnostics, printable, protoKeyDiagnostics, sortDiagnostics, suggestionBudget,
} from './diagnostics';
import { MAX_ALIAS_COUNT, MAX_FILE_BYTES } from './limits';
import type { WorkspaceModel } from './model';
import { resolveWorkspace } from './resolve';
import { contextFileSchema } from './schema/context';
import { governanceFileSchema } from './schema/governance';
import { orchestrationFileSchema } from './schema/orchestration';
import { projectFileSchema, tenantFileSchema } from './schema/tenant';
import type { ProjectFile, TenantFile } from './schema/tenant';
import { workspaceFileSchema } from './schema/workspace';
import type { SourceFile } from './source';
import { formatPath, parseSource, pathAt } from './source';
import type { ValidFile, WorkspaceFiles, WorkspaceTexts } from './files';
import { TENANTS_FOLDER, WORKSPACE_FILES } from './files';
import { readWorkspaceFolder } from './read-folder';

export type { ValidFile, WorkspaceFiles, WorkspaceTexts } from './files';
export { TENANTS_FOLDER, WORKSPACE_FILES } from './files';
export { readWorkspaceFolder } from './read-folder';

export interface LoadResult {
  /** The resolved model, present only when there are no errors. */
  readonly model?: WorkspaceModel;
  /** Errors and warnings, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
}

/** Hints for the YAML errors people make most, by the yaml package's error code. */
const YAML_HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'Remove or rename the repeated key.',
  TAB_AS_INDENT: 'Indent with spaces; YAML does not allow tabs.',
  MULTIPLE_DOCS: 'Keep one document per file: remove the "---" line and what follows, or move it to a file of its own.',
  RESOURCE_EXHAUSTION: 'Flatten the structure: no workspace file needs more than a few levels of nesting.',
};

/** A YAML error in words: what was expected at its position. */
function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'expected one YAML document in the file, got several';
  if (code === 'RESOURCE_EXHAUSTION') return `${message.startsWith('expected') ? message.split('\n')[0] : 'expected YAML the parser can hold'}, got more`;
  return `expected valid YAML: ${message.split('\n')[0]}`;
}

/**
 * The yaml package resolves aliases (`*name`) only when converting to data, and
 * throws there for an alias without its anchor or for a "billion laughs"
 * document whose aliases expand too much. Either becomes a located diagnostic.
 */
function aliasProblem(source: SourceFile, error: Error): Diagnostic {
  let dangling: Alias | undefined;
  visit(source.document, {
    Alias(_key, node) {
      if (node.resolve(source.document) === undefined) {
        dangling = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const offset = dangling?.range?.[0];
  const { line, col } = offset !== undefined ? source.lineCounter.linePos(offset) : { line: 1, col: 1 };
  const path = offset !== undefined ? formatPath(pathAt(source, offset)) : '(root)';
  return dangling
    ? {
      severity: 'error', code: CODES.yamlSyntax, file: source.file, line, column: col, path,
      message: `expected an alias to an anchor defined above it, got *${dangling.source}`,
      hint: `Define &${dangling.source} on a value before this line, or write the value out.`,
    }
    : {
      severity: 'error', code: CODES.yamlSyntax, file: source.file, line, column: col, path,
      message: `expected YAML whose aliases expand to a reasonable size: ${error.message}`,
      hint: 'Write the repeated values out, or use fewer aliases (*name).',
    };
}

function validate<T>(source: SourceFile, schema: z.ZodType<T>, diagnostics: Diagnostic[], budget: SuggestionBudget): ValidFile<T> | undefined {
  let data: unknown;
  try {
    data = source.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    diagnostics.push(aliasProblem(source, error as Error));
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const start = source.document.contents?.range ? source.lineCounter.linePos(source.document.contents.range[0]) : { line: 1, col: 1 };
    diagnostics.push({
      severity: 'error', code: CODES.notAMapping, file: source.file, line: start.line, column: start.col, path: '(root)',
      message: `expected a mapping of keys at the top of the file, got ${data === null || data === undefined ? 'an empty file' : describeValue(data)}`,
      hint: 'Start the file with its top-level keys, one "key: value" a line; see examples/starter for a small workspace.',
    });
    return undefined;
  }
  const result = schema.safeParse(data, { reportInput: true });
  const found = result.success ? [] : issuesToDiagnostics(source, schema, data, result.error.issues, budget);
  // zod skips "__proto__" in a free-form mapping; it is checked here like any other key.
  found.push(...protoKeyDiagnostics(source, schema, data, found));
  diagnostics.push(...found);
  return result.success && found.length === 0 ? { source, data: result.data } : undefined;
}

/** The one diagnostic of a file too large to read or check. */
function tooLarge(file: string, what: string): Diagnostic {
  return {
    severity: 'error', code: CODES.fileUnreadable, file, line: 1, column: 1, path: '(root)',
    message: `expected ${what}`,
    hint: 'Split the file (a tenant per file under tenants/), or shorten its values; docs/input-limits.md lists the limits.',
  };
}

/** Diagnostics safe to print: keys, values and file names escaped and cut to length (see diagnostics/printable.ts). */
function printableDiagnostic(d: Diagnostic): Diagnostic {
  return { ...d, file: printable(d.file, 512), path: printable(d.path, 512), message: printable(d.message), hint: printable(d.hint) };
}

/**
 * Parsed files by name and text, for callers that load many workspaces which
 * share most of their files (fuzzing, an editor re-validating on each change).
 * Parsing is pure and the loader never changes a parsed document, so a parse
 * can be reused; the caller decides how long entries live.
 */
export type SourceCache = Map<string, SourceFile>;

/**
 * Parses and validates in-memory texts; the heart of the loader, shared by
 * folder loading and tests. `sources`, when given, is read and filled with the
 * parsed files.
 */
export function loadWorkspaceTexts(
  texts: WorkspaceTexts, origin = '.', preDiagnostics: readonly Diagnostic[] = [], sources?: SourceCache,
): LoadResult {
  const diagnostics: Diagnostic[] = [...preDiagnostics];
  let incomplete = preDiagnostics.length > 0;
  const budget = suggestionBudget();
  const parsed = (file: string): SourceFile | undefined => {
    const text = texts[file];
    if (text === undefined) return undefined;
    if (text.length > MAX_FILE_BYTES) {
      diagnostics.push(tooLarge(file, `a file of at most ${MAX_FILE_BYTES} bytes, got ${text.length} characters`));
      incomplete = true;
      return undefined;
    }
    const key = `${file}\0${text}`;
    const source = sources?.get(key) ?? parseSource(file, text);
    sources?.set(key, source);
    if (source.document.errors.length > 0) {
      for (const error of source.document.errors) {
        const { line, col } = source.lineCounter.linePos(error.pos[0]);
        diagnostics.push({
          severity: 'error', code: CODES.yamlSyntax, file, line, column: col,
          path: error.code === 'MULTIPLE_DOCS' || error.code === 'RESOURCE_EXHAUSTION' ? '(root)' : formatPath(pathAt(source, error.pos[0])),
          message: yamlMessage(error.code, error.message),
          hint: YAML_HINTS[error.code] ?? 'Check indentation, quotes and colons near this position.',
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
    let valid: ValidFile<T> | undefined;
    try {
      valid = validate(source, schema, diagnostics, budget);
    } catch (error) {
      // A file that still exhausts the stack somewhere (the parser's own limit is checked first).
      if (!(error instanceof RangeError)) throw error;
      diagnostics.push(tooLarge(source.file, 'a file nested shallowly enough to check'));
    }
    if (!valid) incomplete = true;
    return valid;
  };
  const workspace = check(fixed(WORKSPACE_FILES.workspace), workspaceFileSchema);
  const governance = check(fixed(WORKSPACE_FILES.governance), governanceFileSchema);
  const orchestration = check(fixed(WORKSPACE_FILES.orchestration), orchestrationFileSchema);
  const context = check(fixed(WORKSPACE_FILES.context), contextFileSchema);
  // A missing folder was reported once already; its files are not reported again.
  const noFolder = preDiagnostics.some((d) => d.code === CODES.fileMissing && d.file === '.');
  for (const name of Object.values(WORKSPACE_FILES)) {
    if (!noFolder && texts[name] === undefined && texts[name.replace(/\.yml$/, '.yaml')] === undefined && !preDiagnostics.some((d) => d.file === name)) {
      diagnostics.push({ severity: 'error', code: CODES.fileMissing, file: name, line: 1, column: 1, path: '(root)', message: `expected the file ${name}, found none`, hint: `Create ${name}; examples/starter/${name} is a small one to start from.` });
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
  diagnostics.push(...checkWorkspace(files, budget));
  const sorted = sortDiagnostics(diagnostics).map(printableDiagnostic);
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
