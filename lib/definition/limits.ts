/**
 * How much of a workspace the loader reads at most, so that no input can make
 * it run for minutes or grow its memory without bound. docs/input-limits.md
 * lists these with the per-field limits of the schema (schema/primitives.ts).
 */

/** Largest workspace file, in bytes (the enterprise example's largest is about 6 KB). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** All files of a workspace together, in bytes. */
export const MAX_WORKSPACE_BYTES = 64 * 1024 * 1024;

/** Files a workspace may have (20,000 tenant files load in seconds). */
export const MAX_FILES = 50_000;

/** Folders below tenants/ a tenant file may be nested in. */
export const MAX_FOLDER_DEPTH = 8;

/** Alias expansions (`*name`) a file may use: enough for any real file, too few for a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;
