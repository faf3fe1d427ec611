/**
 * Diagnostics: every problem found in a workspace, with its file, line,
 * column, YAML path, what was expected and a hint. Problems are collected and
 * reported together; nothing here throws.
 */
import type { z } from 'zod';
import type { SourceFile, YamlPath } from './source';
import { formatPath, locate } from './source';

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

// ------------------------------------------------------------------ suggestions

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest candidate within a distance that scales with the word, or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** "Did you mean "x"?" or the list of what is allowed. */
export function suggestion(word: string, candidates: readonly string[], noun: string): string {
  const match = closest(word, candidates);
  if (match) return `Did you mean "${match}"?`;
  if (candidates.length === 0) return `There are no ${noun}s here.`;
  const shown = candidates.slice(0, 12).map((c) => `"${c}"`).join(', ');
  return `Allowed ${noun}s: ${shown}${candidates.length > 12 ? ', ...' : ''}.`;
}

// ------------------------------------------------------------------ zod issues

type Issue = z.core.$ZodIssue;

/** Renders a received value briefly for "got ..." */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'a mapping',
  array: 'a list', record: 'a mapping', bigint: 'a number', undefined: 'nothing', null: 'null',
};

/** Walks a zod schema along a data path to find the object whose keys are allowed there. */
export function allowedKeysAt(schema: z.core.$ZodType, path: YamlPath, data: unknown): string[] {
  let current: z.core.$ZodType | undefined = schema;
  let value: unknown = data;
  const unwrap = (s: z.core.$ZodType | undefined, v: unknown): z.core.$ZodType | undefined => {
    for (let guard = 0; s && guard < 20; guard++) {
      const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
      if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
        s = def.innerType as z.core.$ZodType;
      } else if (def.type === 'pipe') {
        s = def.in as z.core.$ZodType;
      } else if (def.type === 'lazy') {
        s = (def.getter as () => z.core.$ZodType)();
      } else if (def.type === 'union') {
        const options = def.options as z.core.$ZodType[];
        const isObject = typeof v === 'object' && v !== null && !Array.isArray(v);
        s = options.find((o) => {
          const t = unwrap(o, v);
          return t && (t._zod.def.type === 'object') === isObject && (t._zod.def.type === 'array') === Array.isArray(v);
        }) ?? options[0];
      } else {
        return s;
      }
    }
    return s;
  };
  for (const part of path) {
    current = unwrap(current, value);
    if (!current) return [];
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') current = (def.shape as Record<string, z.core.$ZodType>)[String(part)];
    else if (def.type === 'array') current = def.element as z.core.$ZodType;
    else if (def.type === 'record') current = def.valueType as z.core.$ZodType;
    else return [];
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[part] : undefined;
  }
  current = unwrap(current, value);
  if (current?._zod.def.type !== 'object') return [];
  return Object.keys((current._zod.def as unknown as { shape: Record<string, unknown> }).shape).filter((k) => k !== '$schema');
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/** Splits our "expected\nhint" messages; see primitives.ts. */
function splitMessage(message: string): { expected: string; hint: string } | undefined {
  const index = message.indexOf('\n');
  return index < 0 ? undefined : { expected: message.slice(0, index), hint: message.slice(index + 1) };
}

/** Picks the union branch the user most likely meant: the one whose problems go deepest. */
function bestBranch(branches: Issue[][], value: unknown): Issue[] | undefined {
  const depth = (issues: Issue[]) => Math.max(...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));
  const typed = branches.filter((issues) => !(issues.length === 1 && issues[0]?.code === 'invalid_type' && issues[0].path.length === 0));
  if (typed.length === 0) return undefined;
  if (typed.length === 1 || (value !== null && typeof value === 'object')) {
    return [...typed].sort((a, b) => depth(b) - depth(a))[0];
  }
  return typed[0];
}

/** Converts zod issues into located diagnostics. */
export function issuesToDiagnostics(source: SourceFile, schema: z.core.$ZodType, data: unknown, issues: readonly Issue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (issue: Issue, prefix: YamlPath): void => {
    const path: YamlPath = [...prefix, ...(issue.path as (string | number)[])];
    const input = valueAt(data, path);
    const custom = splitMessage(issue.message);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, path, data);
        for (const key of issue.keys) {
          out.push(diagnosticAt(source, [...path, key], {
            code: CODES.unknownKey,
            pointAtKey: true,
            message: `unknown key "${key}"; expected one of the keys of ${formatPath(path)}`,
            hint: suggestion(key, allowed, 'key'),
          }));
        }
        return;
      }
      case 'invalid_union': {
        const branch = bestBranch(issue.errors, input);
        if (branch) {
          for (const inner of branch) visit(inner, path);
          return;
        }
        out.push(diagnosticAt(source, path, {
          code: input === undefined ? CODES.missingKey : CODES.wrongType,
          message: `expected one of the accepted forms, got ${describeValue(input)}`,
          hint: custom?.hint ?? 'See the JSON Schema in schema/ or the README for the accepted forms.',
        }));
        return;
      }
      case 'invalid_type': {
        if (input === undefined) {
          const key = path[path.length - 1];
          out.push(diagnosticAt(source, path.slice(0, -1), {
            code: CODES.missingKey,
            message: `missing required key "${String(key)}": expected ${custom?.expected ?? TYPE_NAMES[issue.expected] ?? issue.expected}`,
            hint: `Add "${String(key)}:" to ${formatPath(path.slice(0, -1))}.`,
          }));
          return;
        }
        out.push(diagnosticAt(source, path, {
          code: CODES.wrongType,
          message: `expected ${custom?.expected ?? TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(input)}`,
          hint: custom?.hint ?? (typeof input === 'string' && issue.expected === 'number'
            ? 'Remove the quotes so YAML reads a number.'
            : `Write ${TYPE_NAMES[issue.expected] ?? issue.expected} here.`),
        }));
        return;
      }
      case 'invalid_value': {
        const allowed = issue.values.map(String);
        out.push(diagnosticAt(source, path, {
          code: CODES.invalidValue,
          message: `expected one of ${allowed.map((v) => `"${v}"`).join(', ')}, got ${describeValue(input)}`,
          hint: typeof input === 'string' ? suggestion(input, allowed, 'value') : 'Choose one of the listed values.',
        }));
        return;
      }
      case 'invalid_key': {
        for (const inner of issue.issues) visit(inner, path);
        return;
      }
      case 'invalid_element': {
        for (const inner of issue.issues) visit(inner, [...path, issue.key as string]);
        return;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const what = issue.origin === 'array' ? 'items' : issue.origin === 'string' ? 'characters' : '';
        const relation = issue.code === 'too_small' ? 'at least' : 'at most';
        out.push(diagnosticAt(source, path, {
          code: CODES.outOfRange,
          message: custom ? `expected ${custom.expected}, got ${describeValue(input)}` : `expected ${relation} ${String(bound)}${what ? ` ${what}` : ''}, got ${Array.isArray(input) ? `${input.length} items` : describeValue(input)}`,
          hint: custom?.hint ?? `Change the value to ${relation} ${String(bound)}${what ? ` ${what}` : ''}.`,
        }));
        return;
      }
      default: {
        out.push(diagnosticAt(source, path, {
          code: CODES.invalidValue,
          message: `expected ${custom?.expected ?? issue.message}, got ${describeValue(input)}`,
          hint: custom?.hint ?? 'See the JSON Schema in schema/ for the accepted values.',
        }));
      }
    }
  };
  for (const issue of issues) visit(issue, []);
  return out;
}
