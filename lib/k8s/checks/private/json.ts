/** Safe readers of plain JSON whose shape is not known yet. */

export type Json = Record<string, unknown>;

/** The value as an object, or an empty one. */
export function obj(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** The value as an array of objects, or an empty one. */
export function objs(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj) : [];
}

/** The value as an array of strings, or an empty one. */
export function strs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The value when it is a string. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** True when a label selector selects everything (no labels, no expressions). */
export function selectsAll(selector: unknown): boolean {
  const s = obj(selector);
  return Object.keys(obj(s.matchLabels)).length === 0 && objs(s.matchExpressions).length === 0;
}
