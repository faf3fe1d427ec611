/**
 * zod issues as located diagnostics: what the schema wanted, what the file
 * holds, and a hint (the schema's own, a "did you mean", or one for the type).
 */
import type { z } from 'zod';
import type { SourceFile, YamlPath } from '../source';
import { formatPath } from '../source';
import type { Diagnostic } from './diagnostic';
import { CODES, diagnosticAt } from './diagnostic';
import { quote } from './printable';
import type { SuggestionBudget } from './suggestions';
import { closest, suggestion, suggestionBudget } from './suggestions';

type Issue = z.core.$ZodIssue;

/** Renders a received value briefly for "got ..." */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'a mapping',
  array: 'a list', record: 'a mapping', bigint: 'a number', undefined: 'nothing', null: 'null',
};

/** The values of an enum schema (through optional and similar wrappers), or undefined. */
function enumValues(schema: z.core.$ZodType | undefined): string[] | undefined {
  for (let s = schema, guard = 0; s && guard < 20; guard++) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'enum') return Object.values(def.entries as Record<string, string | number>).map(String);
    if (!['optional', 'default', 'prefault', 'nullable', 'readonly'].includes(def.type)) return undefined;
    s = def.innerType as z.core.$ZodType;
  }
  return undefined;
}

/** The schema that judges the value at `path` of `data`, through optional, default, pipe and similar wrappers; undefined when none does. */
function schemaAt(schema: z.core.$ZodType, path: YamlPath, data: unknown): z.core.$ZodType | undefined {
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
          const type = t?._zod.def.type;
          return t && (type === 'object' || type === 'record') === isObject && (type === 'array') === Array.isArray(v);
        }) ?? options[0];
      } else {
        return s;
      }
    }
    return s;
  };
  for (const part of path) {
    current = unwrap(current, value);
    if (!current) return undefined;
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') current = (def.shape as Record<string, z.core.$ZodType>)[String(part)];
    else if (def.type === 'array') current = def.element as z.core.$ZodType;
    else if (def.type === 'record') current = def.valueType as z.core.$ZodType;
    else return undefined;
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[part] : undefined;
  }
  return unwrap(current, value);
}

/**
 * Walks a zod schema along a data path to find the keys allowed there: the
 * shape of an object, or the enum of a record's keys (`compliance.frameworks`).
 */
export function allowedKeysAt(schema: z.core.$ZodType, path: YamlPath, data: unknown): string[] {
  const def = schemaAt(schema, path, data)?._zod.def as unknown as (Record<string, unknown> & { type: string }) | undefined;
  if (def?.type === 'record') return enumValues(def.keyType as z.core.$ZodType) ?? [];
  if (def?.type !== 'object') return [];
  return Object.keys(def.shape as Record<string, unknown>).filter((k) => k !== '$schema');
}

/** The paths of the mappings in `data` that have an own key "__proto__". */
function protoKeyPaths(data: unknown, path: Array<string | number> = [], out: YamlPath[] = []): YamlPath[] {
  if (Array.isArray(data)) {
    data.forEach((item, i) => protoKeyPaths(item, [...path, i], out));
  } else if (data !== null && typeof data === 'object') {
    if (Object.hasOwn(data, '__proto__')) out.push(path);
    for (const key of Object.keys(data)) protoKeyPaths((data as Record<string, unknown>)[key], [...path, key], out);
  }
  return out;
}

/**
 * zod leaves a key "__proto__" of a free-form mapping (a record) out of the
 * result without checking it, so a file could slip a value past its schema.
 * Such a key is judged here by the record's key schema, like any other key;
 * `found` (the file's other diagnostics) keeps one that zod did report (as an
 * unknown key of a fixed mapping) from being reported twice.
 */
export function protoKeyDiagnostics(source: SourceFile, schema: z.core.$ZodType, data: unknown, found: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const path of protoKeyPaths(data)) {
    const keyPath = [...path, '__proto__'];
    if (found.some((d) => d.path === formatPath(keyPath))) continue;
    const def = schemaAt(schema, path, data)?._zod.def as unknown as (Record<string, unknown> & { type: string }) | undefined;
    const keyType = def?.type === 'record' ? (def.keyType as z.core.$ZodType) : undefined;
    const issue = keyType ? (keyType as unknown as z.ZodType).safeParse('__proto__').error?.issues[0] : undefined;
    out.push(diagnosticAt(source, keyPath, {
      code: CODES.invalidValue,
      pointAtKey: true,
      message: `expected a key that is ${issue ? expectedOf(issue) : 'not "__proto__"'}, got "__proto__"`,
      hint: (issue && splitMessage(issue.message)?.hint) ?? 'Rename the key; "__proto__" is reserved by JavaScript.',
    }));
  }
  return out;
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

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * True when a union branch failed only because the value has the wrong shape
 * for it (a mapping where the branch wants a string, a number where it wants
 * one of some words), so the user cannot have meant that branch.
 */
function mismatched(branch: readonly Issue[], value: unknown): boolean {
  return branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_value' && typeof value !== 'string')));
}

/** Picks the union branch the user most likely meant: among the branches of the right shape, the one whose problems go deepest. */
function bestBranch(branches: readonly Issue[][], value: unknown): Issue[] | undefined {
  const depth = (issues: Issue[]) => Math.max(...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));
  const typed = branches.filter((issues) => issues.length > 0 && !mismatched(issues, value));
  if (typed.length <= 1 || isScalar(value)) return typed[0];
  return [...typed].sort((a, b) => depth(b) - depth(a))[0];
}

/** What an issue wanted, in words: `a string`, `one of "a", "b"`, `a size like "500Gi"`. */
function expectedOf(issue: Issue): string {
  const custom = splitMessage(issue.message);
  if (custom) return custom.expected;
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => `"${String(v)}"`).join(', ')}`;
    case 'invalid_union': {
      const forms = [...new Set(issue.errors.map((branch) => (branch[0] ? expectedOf(branch[0]) : 'another form')))];
      return forms.length <= 1 ? (forms[0] ?? 'another form') : `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}`;
    }
    default:
      return issue.message;
  }
}

/** The first hint our own schema messages give for an issue or its union branches. */
function customHint(issue: Issue): string | undefined {
  const own = splitMessage(issue.message)?.hint;
  if (own || issue.code !== 'invalid_union') return own;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const hint = customHint(inner);
      if (hint) return hint;
    }
  }
  return undefined;
}

/** A hint for a value of the wrong type, when the schema gives none. */
function typeHint(expected: string, input: unknown): string {
  if (input === null) {
    return `The value is empty: write ${TYPE_NAMES[expected] ?? expected} after the colon, or remove the key if it is optional.`;
  }
  if (expected === 'number' || expected === 'int') {
    return typeof input === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(input) ? 'Remove the quotes so YAML reads a number.' : `Write ${TYPE_NAMES[expected]} here.`;
  }
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return `Quote it ("${String(input)}") so YAML reads a string.`;
  }
  if (expected === 'boolean' && typeof input === 'string') {
    return /^(yes|no|on|off|y|n|true|false)$/i.test(input)
      ? `Write true or false without quotes; YAML 1.2 reads "${input}" as a string.`
      : 'Write true or false.';
  }
  return `Write ${TYPE_NAMES[expected] ?? expected} here.`;
}

/** Converts zod issues into located diagnostics. */
export function issuesToDiagnostics(
  source: SourceFile, schema: z.core.$ZodType, data: unknown, issues: readonly Issue[], budget: SuggestionBudget = suggestionBudget(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  /** Missing keys, and the keys that unknown keys look like, to drop "missing x" when "unknown y, did you mean x" says it already. */
  const missing = new Map<Diagnostic, string>();
  const suggested = new Set<string>();
  const reportMissing = (path: YamlPath, expected: string): void => {
    // The path names the missing key; the position is the mapping that should hold it.
    const parent = formatPath(path.slice(0, -1));
    const key = String(path[path.length - 1]);
    const d = diagnosticAt(source, path, {
      code: CODES.missingKey,
      message: `expected ${expected}, got nothing: the required key "${key}" is missing`,
      hint: `Add "${key}:" to ${parent === '(root)' ? 'the top of the file' : parent}.`,
    });
    out.push(d);
    missing.set(d, d.path);
  };
  const visit = (issue: Issue, prefix: YamlPath): void => {
    const path: YamlPath = [...prefix, ...(issue.path as (string | number)[])];
    const input = valueAt(data, path);
    const custom = splitMessage(issue.message);
    const parentIsMapping = path.length > 0 && typeof path[path.length - 1] === 'string' && !isScalar(valueAt(data, path.slice(0, -1)));
    if (input === undefined && parentIsMapping && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code)) {
      reportMissing(path, expectedOf(issue));
      return;
    }
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, path, data);
        const where = formatPath(path) === '(root)' ? 'the top of the file' : formatPath(path);
        for (const key of issue.keys) {
          const match = closest(key, allowed, budget);
          if (match) suggested.add(formatPath([...path, match]));
          out.push(diagnosticAt(source, [...path, key], {
            code: CODES.unknownKey,
            pointAtKey: true,
            message: `expected a known key at ${where}, got unknown key ${quote(key)}`,
            hint: suggestion(key, allowed, 'key', budget),
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
          code: CODES.wrongType,
          message: `expected ${expectedOf(issue)}, got ${describeValue(input)}`,
          hint: customHint(issue) ?? 'See the JSON Schema in schema/ for the accepted forms.',
        }));
        return;
      }
      case 'invalid_type': {
        out.push(diagnosticAt(source, path, {
          code: CODES.wrongType,
          message: `expected ${expectedOf(issue)}, got ${describeValue(input)}`,
          hint: custom?.hint ?? typeHint(issue.expected, input),
        }));
        return;
      }
      case 'invalid_value': {
        const allowed = issue.values.map(String);
        out.push(diagnosticAt(source, path, {
          code: CODES.invalidValue,
          message: `expected ${expectedOf(issue)}, got ${describeValue(input)}`,
          hint: custom?.hint ?? (typeof input === 'string' ? suggestion(input, allowed, 'value', budget) : 'Choose one of the listed values.'),
        }));
        return;
      }
      case 'invalid_key': {
        // A record key that fails its schema: point at the key and show it, not its value.
        const key = path[path.length - 1];
        for (const inner of issue.issues) {
          const innerCustom = splitMessage(inner.message);
          out.push(diagnosticAt(source, path, {
            code: CODES.invalidValue,
            pointAtKey: true,
            message: `expected a key that is ${expectedOf(inner)}, got ${describeValue(String(key))}`,
            hint: innerCustom?.hint ?? 'Rename the key.',
          }));
        }
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
  return out.filter((d) => !suggested.has(missing.get(d) ?? ''));
}
