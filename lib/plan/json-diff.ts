/**
 * The differences between two JSON values as a list of paths with their old
 * and new values: what a reviewer expands under a change. Objects are
 * compared key by key; arrays of the same length element by element, other
 * arrays as one value (an inserted statement would otherwise show every
 * later one as changed).
 */
import type { PropertyChange } from './types';
import { canonicalJson } from './access/patterns';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return prefix === '' ? safe : /^[A-Za-z_$]/.test(safe) ? `${prefix}.${safe}` : `${prefix}[${safe}]`;
}

/** Paths where `before` and `after` differ, in key order; `prefix` starts every path. */
export function jsonDiff(before: unknown, after: unknown, prefix = ''): PropertyChange[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => jsonDiff(before[k], after[k], join(prefix, k)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => jsonDiff(item, after[i], join(prefix, i)));
  }
  return [{ path: prefix === '' ? '(value)' : prefix, ...(before !== undefined ? { old: before } : {}), ...(after !== undefined ? { new: after } : {}) }];
}

/** Every top-level entry of a value as a change from nothing (added) or to nothing (removed). */
export function wholeValue(value: Readonly<Record<string, unknown>> | undefined, side: 'old' | 'new', prefix = ''): PropertyChange[] {
  if (!value) return [];
  return Object.keys(value).sort().map((k) => ({ path: join(prefix, k), [side]: value[k] }));
}
