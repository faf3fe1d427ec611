/**
 * The files of a workspace folder and the validated form the checks and the
 * resolver read: types only (and the fixed names), so the loader, the checks
 * and the resolver can all use them without importing one another.
 */
import type { ContextFile } from './schema/context';
import type { GovernanceFile } from './schema/governance';
import type { OrchestrationFile } from './schema/orchestration';
import type { ProjectFile, TenantFile } from './schema/tenant';
import type { WorkspaceFile } from './schema/workspace';
import type { SourceFile } from './source';

/** The fixed files of a workspace folder, and what each holds. */
export const WORKSPACE_FILES = {
  workspace: 'workspace.yml',
  governance: 'governance.yml',
  orchestration: 'orchestration-rules.yml',
  context: 'context.yml',
} as const;

/** The folder of tenant and project files, read recursively. */
export const TENANTS_FOLDER = 'tenants';

/** An in-memory workspace: relative path → text. Used by tests and generators. */
export type WorkspaceTexts = Readonly<Record<string, string>>;

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
