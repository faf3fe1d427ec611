/** Diagnostics of a workspace: located problems, "did you mean" hints, zod issues in words. */
export * from './diagnostic';
export * from './printable';
export * from './suggestions';
export * from './zod-issues';
