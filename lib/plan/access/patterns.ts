/**
 * Shared parts of the access comparisons: canonical text of a value (so
 * intrinsic functions compare by equality), wildcard patterns, and
 * IPv4/IPv6 ranges.
 */

/** JSON with sorted keys: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A value as a comparable string: strings as they are, anything else
 * (`{ "Fn::GetAtt": ... }`, `{ "Ref": ... }`) as canonical JSON marked with a
 * prefix, so it only ever equals itself and no wildcard matches it.
 */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? value : `\u0000${canonicalJson(value)}`;
}

/** True for a value made by `valueText` from something that is not a string (an intrinsic function). */
export function isToken(text: string): boolean {
  return text.startsWith('\u0000');
}

/** An intrinsic function as people read it in a diff: `${Role.Arn}`, `${Bucket}`, joins spelled out. */
export function renderIntrinsic(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(renderIntrinsic).join(', ');
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0]!;
    if (fn === 'Ref') return `\${${typeof arg === 'string' ? arg : canonicalJson(arg)}}`;
    if (fn === 'Fn::GetAtt') return `\${${Array.isArray(arg) ? arg.map((a) => (typeof a === 'string' ? a : canonicalJson(a))).join('.') : typeof arg === 'string' ? arg : canonicalJson(arg)}}`;
    if (fn === 'Fn::GetStackOutput' && arg !== null && typeof arg === 'object') {
      const o = arg as Record<string, unknown>;
      return `\${${renderIntrinsic(o.StackName)}.${renderIntrinsic(o.OutputName)}}`;
    }
    if (fn === 'Fn::ImportValue') return `\${Import ${renderIntrinsic(arg)}}`;
    if (fn === 'Fn::Sub' && (typeof arg === 'string' || Array.isArray(arg))) return typeof arg === 'string' ? arg : renderIntrinsic(arg[0]);
    if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) return (arg[1] as unknown[]).map(renderIntrinsic).join(typeof arg[0] === 'string' ? arg[0] : '');
  }
  return canonicalJson(value);
}

/** Text of a value for people: strings as they are, tokens rendered as intrinsics. */
export function showValue(text: string): string {
  return isToken(text) ? renderIntrinsic(JSON.parse(text.slice(1))) : text;
}

const cache = new Map<string, RegExp>();

/**
 * Whether `pattern` (with `*` for any run of characters and `?` for one)
 * matches `value`. A wildcard in `value` is matched as a literal character, so
 * `s3:*` covers `s3:Get*` and `s3:Get*` does not cover `s3:*`: pattern
 * coverage, as the comparisons need it. Tokens only match themselves.
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (isToken(pattern) || isToken(value)) return pattern === value;
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = cache.get(key);
  if (!regex) {
    const source = pattern.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
    if (cache.size > 10_000) cache.clear();
    cache.set(key, regex);
  }
  return regex.test(value);
}

/** A CIDR range as numbers; undefined when `cidr` is not a literal IPv4 or IPv6 range. */
export interface IpRange {
  readonly version: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
}

function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => (n << 8n) + BigInt(Number(p)), 0n);
}

function ipv6(text: string): bigint | undefined {
  if (!/^[0-9a-f:]+$/i.test(text) || (text.match(/::/g) ?? []).length > 1) return undefined;
  const [head = '', tail] = text.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - h.length - t.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return groups.reduce((n, g) => (n << 16n) + BigInt(parseInt(g, 16)), 0n);
}

export function parseCidr(cidr: string): IpRange | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return undefined;
  const v4 = ipv4(match[1]!);
  const v6 = v4 === undefined ? ipv6(match[1]!) : undefined;
  const bits = v4 !== undefined ? 32 : v6 !== undefined ? 128 : 0;
  const prefix = Number(match[2]);
  const address = v4 ?? v6;
  if (address === undefined || prefix > bits) return undefined;
  const size = 1n << BigInt(bits - prefix);
  const start = (address / size) * size;
  return { version: bits === 32 ? 4 : 6, start, end: start + size - 1n };
}

/** Whether the range `outer` holds every address of `inner`; literal equality for anything that is not a CIDR. */
export function cidrCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return a !== undefined && b !== undefined && a.version === b.version && a.start <= b.start && b.end <= a.end;
}
