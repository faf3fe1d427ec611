/**
 * The resolved workspace model: what every generator reads. Units are parsed
 * (seconds, bytes, cents, millicores, ratios), defaults are applied (context,
 * then tenant, then agent) and every reference is resolved. It is plain data,
 * so it serializes deterministically. Nothing outside `lib/definition` reads
 * the files' own types (`schema/`): a key renamed in YAML stops at `resolve.ts`.
 */
export * from './values';
export * from './workspace';
export * from './tenant';
export * from './governance';
export * from './orchestration';
export * from './security';
export * from './monitoring';
export * from './context';
