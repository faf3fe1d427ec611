/** Reading loosely typed JSON (templates, manifests, YAML) without casts at every step. */
import { canonicalJson } from '../access/patterns';

export type Json = Record<string, unknown>;

/** The value as an object; `{}` for anything else. */
export function obj(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : {};
}

/** The value as an array; `[]` for anything else. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as text: strings as they are, numbers and booleans printed, objects as canonical JSON, absent as `fallback`. */
export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return fallback;
  return canonicalJson(value);
}
