/**
 * A diagnostic: one problem found in a workspace, with its file, line,
 * column, YAML path, what was expected and a hint. Problems are collected and
 * reported together; nothing here throws.
 */
import type { SourceFile, YamlPath } from '../source';
import { formatPath, locate } from '../source';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  /** A stable code, e.g. `OAAS102`, documented in the README. */
  readonly code: string;
  /** File relative to the workspace folder. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** YAML path as users read it, e.g. `environments[0].regions[1].vpc_cidr`. */
  readonly path: string;
  /** What was expected and what was found. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

/** Diagnostic codes. Grouped: 0xx files and YAML, 1xx schema, 2xx references and names, 3xx cross-file rules. */
export const CODES = {
  fileMissing: 'OAAS001',
  fileUnreadable: 'OAAS002',
  yamlSyntax: 'OAAS003',
  notAMapping: 'OAAS004',
  fileRefused: 'OAAS005',
  unknownKey: 'OAAS101',
  missingKey: 'OAAS102',
  wrongType: 'OAAS103',
  invalidValue: 'OAAS104',
  outOfRange: 'OAAS105',
  danglingReference: 'OAAS201',
  duplicateName: 'OAAS202',
  ambiguousReference: 'OAAS203',
  nameTooLong: 'OAAS204',
  zoneOutsideRegion: 'OAAS301',
  cidrOverlap: 'OAAS302',
  residencyViolation: 'OAAS303',
  budgetExceeded: 'OAAS304',
  capacityExceeded: 'OAAS305',
  recoveryObjective: 'OAAS306',
  agentLimit: 'OAAS307',
  inconsistent: 'OAAS308',
} as const;

/** Builds a located diagnostic for a path in a source file. */
export function diagnosticAt(
  source: SourceFile,
  path: YamlPath,
  details: { code: string; message: string; hint: string; severity?: Severity; pointAtKey?: boolean },
): Diagnostic {
  const { line, column } = locate(source, path, { key: details.pointAtKey });
  return {
    severity: details.severity ?? 'error',
    code: details.code,
    file: source.file,
    line,
    column,
    path: formatPath(path),
    message: details.message,
    hint: details.hint,
  };
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.column - b.column || a.path.localeCompare(b.path) : a.file < b.file ? -1 : 1,
  );
}

/** `tenants/payments.yml:12:5 error OAAS104 resource_limits.storage_quota: expected ..., got ... (hint: ...)` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.path}: ${d.message}\n    hint: ${d.hint}`;
}
