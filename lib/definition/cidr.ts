/** IPv4 CIDR arithmetic for the network checks. */

export interface CidrRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
  readonly prefix: number;
}

/** Parses "10.0.0.0/16"; returns a problem string when the octets, prefix or alignment are wrong. */
export function parseCidr(text: string): CidrRange | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return 'not an IPv4 CIDR block';
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return 'an octet is above 255';
  const prefix = Number(match[5]);
  if (prefix > 32) return 'the prefix length is above 32';
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    const aligned = address - (address % size);
    const text = [24, 16, 8, 0].map((shift) => Math.floor(aligned / 2 ** shift) % 256).join('.');
    return `host bits are set; the network address is ${text}/${prefix}`;
  }
  return { start: address, end: address + size - 1, prefix };
}

export function overlaps(a: CidrRange, b: CidrRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** How many addresses `ranges` cover together, each address counted once. */
export function coveredAddresses(ranges: readonly CidrRange[]): number {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let total = 0;
  let end = -1;
  for (const range of sorted) {
    if (range.end <= end) continue;
    total += range.end - Math.max(range.start, end + 1) + 1;
    end = range.end;
  }
  return total;
}

/** All IPv4 addresses: 2^32. */
export const IPV4_ADDRESSES = 2 ** 32;

/**
 * The most addresses a public Kubernetes API allow-list may cover together: a
 * /8. More is the internet in pieces rather than a list of corporate ranges.
 */
export const MAX_ALLOW_LIST_ADDRESSES = 2 ** 24;
