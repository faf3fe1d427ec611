/**
 * Text from a workspace, made safe to print: file names, keys and values can
 * hold terminal escape sequences, newlines or invisible direction marks, which
 * would rewrite the screen or hide what a message says. They are shown as
 * escapes (`\u001b`, `\n`), and long text is cut.
 */

/** C0 and C1 controls, DEL, zero-width and direction marks, line and paragraph separators, the byte order mark. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const escape = (c: string): string => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** True when `text` holds a character `printable` would escape. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** `text` with unsafe characters escaped, cut to `max` characters (ending in "..."). */
export function printable(text: string, max = 2000): string {
  const cut = text.length > max * 6 ? text.slice(0, max * 6) : text;
  const escaped = cut.replace(UNSAFE, escape);
  if (escaped.length <= max && cut.length === text.length) return escaped;
  let end = Math.min(escaped.length, max - 3);
  // Never cut a surrogate pair in two.
  const code = escaped.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${escaped.slice(0, end)}...`;
}

/** A value quoted for a message: `"text"`, escaped and cut to `max` characters. */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 3)}...` : text).replace(UNSAFE, escape);
}
