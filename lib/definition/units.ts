/**
 * Parsers for the values the seeds write as prose: money, sizes, durations,
 * rates, percentages and comparisons. Each parser is a pure function that
 * returns either a typed value or a problem with what was expected and a hint,
 * so the schema can turn it into a located error.
 */

/** The result of parsing a unit-bearing value. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string; hint: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(expected: string, hint: string): Parsed<T> => ({ ok: false, expected, hint });

/**
 * The whole number `value` stands for, or undefined when it has a fraction.
 * Products like 1.1 × 3600 come out as 3960.0000000000005 in floating point,
 * so a difference within a few ulps counts as whole.
 */
export function wholeNumber(value: number): number | undefined {
  const rounded = Math.round(value);
  return Math.abs(value - rounded) <= Number.EPSILON * 4 * Math.max(1, Math.abs(value)) ? rounded : undefined;
}

// ---------------------------------------------------------------- money

/** An amount of money in US dollars, kept in whole cents so sums are exact. */
export interface Money {
  readonly cents: number;
  readonly currency: 'USD';
}

const MONEY_EXPECTED = 'an amount in US dollars like "$1,000 USD", "$1,000", "$0.10" or 1000';

/** Parses `"$1,000 USD"`, `"$1,000"`, `"$0.10"`, `"1000 USD"` or a plain number of dollars. */
export function parseMoney(input: unknown): Parsed<Money> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) {
      return fail(MONEY_EXPECTED, 'Use a non-negative number of dollars.');
    }
    const cents = Math.round(input * 100);
    if (Math.abs(cents - input * 100) > 1e-6) {
      return fail(MONEY_EXPECTED, 'Amounts are kept in whole cents; use at most two decimals, as in 0.25.');
    }
    if (!Number.isSafeInteger(cents)) {
      return fail(MONEY_EXPECTED, 'The amount is too large to be a budget; check the number of digits.');
    }
    return ok({ cents, currency: 'USD' });
  }
  if (typeof input !== 'string') {
    return fail(MONEY_EXPECTED, 'Write the amount as a string like "$1,000" or as a number.');
  }
  const text = input.trim();
  if (/[€£¥]|\bEUR\b|\bGBP\b|\bJPY\b/i.test(text)) {
    return fail(MONEY_EXPECTED, 'Only US dollars are supported: budgets and AWS billing are in USD.');
  }
  if (/\d\s*[kKmM]\b/.test(text)) {
    return fail(MONEY_EXPECTED, 'Write the full amount ("$30,000" rather than "$30k") so it cannot be misread.');
  }
  const match = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:USD)?$/i.exec(text);
  if (!match || (!text.includes('$') && !/USD$/i.test(text))) {
    if (/^\d+(\.\d+)?$/.test(text)) {
      return fail(MONEY_EXPECTED, `Add the currency ("$${text}") or write it as a YAML number.`);
    }
    if (/^\$?\s*\d+(?:[.,]\d{3})+,\d{1,2}/.test(text)) {
      return fail(MONEY_EXPECTED, 'Use "," for thousands and "." for cents, as in "$1,000.50".');
    }
    return fail(MONEY_EXPECTED, 'Write it like "$1,000 USD".');
  }
  const whole = Number((match[1] ?? '0').replace(/,/g, ''));
  const cents = whole * 100 + (match[2] ? Number(match[2].padEnd(2, '0')) : 0);
  if (!Number.isSafeInteger(cents)) {
    return fail(MONEY_EXPECTED, 'The amount is too large to be a budget; check the number of digits.');
  }
  return ok({ cents, currency: 'USD' });
}

/** Formats cents as `$1,234.50` (drops `.00`). */
export function formatMoney(money: Money | number): string {
  const cents = typeof money === 'number' ? money : money.cents;
  const whole = Math.floor(cents / 100).toLocaleString('en-US');
  const rest = cents % 100;
  return rest === 0 ? `$${whole}` : `$${whole}.${String(rest).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- sizes

const SIZE_EXPECTED = 'a size like "500Gi", "1TB", "512Mi" or "100GB"';

const SIZE_FACTORS: Record<string, number> = {
  // Kubernetes binary suffixes and their IEC spellings.
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50,
  KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50,
  // SI decimal suffixes.
  K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15,
  KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15,
  B: 1,
};

/**
 * Parses a storage or memory size into whole bytes. Decimal (`TB`) and binary
 * (`Ti`, `TiB`) units are both exact. Ambiguous spellings are refused: bits
 * (`gb`, `Gib`), and `m`, which Kubernetes reads as milli.
 */
export function parseSize(input: unknown): Parsed<number> {
  if (typeof input === 'number') {
    return fail(SIZE_EXPECTED, `A bare number has no unit: write "${input}Gi" or "${input}GB".`);
  }
  if (typeof input !== 'string') {
    return fail(SIZE_EXPECTED, 'Write the size as a string with a unit.');
  }
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(input.trim());
  if (!match) {
    return fail(SIZE_EXPECTED, 'Write a number followed by a unit, as in "500Gi".');
  }
  const amount = Number(match[1]);
  const unit = match[2] ?? '';
  const prefix = (unit[0] ?? '').toUpperCase();
  if (/^[kmgtp]i?b$/i.test(unit) && unit.endsWith('b')) {
    const bytes = `${prefix}${/i/i.test(unit) ? 'i' : ''}B`;
    return fail(SIZE_EXPECTED, `"${unit}" reads as bits; use bytes: "${amount}${bytes}".`);
  }
  if (unit === 'm') {
    return fail(SIZE_EXPECTED, `"m" means milli in Kubernetes quantities; write "${amount}Mi" or "${amount}MB".`);
  }
  const normalized = unit.length <= 3 ? prefix + unit.slice(1) : unit;
  const factor = SIZE_FACTORS[unit] ?? SIZE_FACTORS[normalized];
  if (factor === undefined) {
    return fail(SIZE_EXPECTED, `Unknown unit "${unit}"; use one of Ki, Mi, Gi, Ti, KB, MB, GB, TB.`);
  }
  const bytes = wholeNumber(amount * factor);
  if (bytes === undefined) {
    return fail(SIZE_EXPECTED, `The size must come to whole bytes; write it in a smaller unit (${amount}${unit} is ${amount * factor} bytes).`);
  }
  if (!Number.isSafeInteger(bytes)) {
    return fail(SIZE_EXPECTED, 'The size is too large; check the number and the unit.');
  }
  return ok(bytes);
}

/**
 * Formats bytes as a Kubernetes quantity: the shortest exact form among the
 * largest binary suffix (`Gi`), the largest decimal suffix (`G`) and plain
 * bytes, preferring binary on a tie. `1TB` becomes `1T`, not `976562500Ki`.
 */
export function toQuantity(bytes: number): string {
  const candidates: string[] = [];
  for (const list of [
    [['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]],
    [['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]],
  ] as const) {
    const found = list.find(([, factor]) => bytes >= factor && bytes % factor === 0);
    if (found) candidates.push(`${bytes / found[1]}${found[0]}`);
  }
  candidates.push(String(bytes));
  return candidates.reduce((best, c) => (c.length < best.length ? c : best));
}

// ---------------------------------------------------------------- durations

const DURATION_EXPECTED = 'a duration like "30s", "4h", "24 hours", "90 days" or "7 years"';

const SECONDS: Record<string, number> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, week: 604800, weeks: 604800,
  y: 31536000, yr: 31536000, yrs: 31536000, year: 31536000, years: 31536000,
};

/** Parses a duration into whole seconds. A year is 365 days. Months are refused: their length varies. */
export function parseDuration(input: unknown): Parsed<number> {
  if (typeof input === 'number') {
    return fail(DURATION_EXPECTED, `A bare number has no unit: write "${input}s" or "${input}h".`);
  }
  if (typeof input !== 'string') {
    return fail(DURATION_EXPECTED, 'Write the duration as a string with a unit.');
  }
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(input.trim());
  if (!match) {
    return fail(DURATION_EXPECTED, 'Write a number followed by a unit, as in "30s" or "24 hours".');
  }
  const amount = Number(match[1]);
  const rawUnit = match[2] ?? '';
  if (rawUnit === 'M' || /^mo(nths?)?$/i.test(rawUnit)) {
    return fail(DURATION_EXPECTED, 'Months vary in length; write days ("90 days") or years ("1 year").');
  }
  const factor = SECONDS[rawUnit.toLowerCase()];
  if (factor === undefined) {
    return fail(DURATION_EXPECTED, `Unknown unit "${rawUnit}"; use s, m, h, d, w or y (or their words).`);
  }
  const seconds = wholeNumber(amount * factor);
  if (seconds === undefined) {
    return fail(DURATION_EXPECTED, 'The duration must come to whole seconds.');
  }
  if (!Number.isSafeInteger(seconds)) {
    return fail(DURATION_EXPECTED, 'The duration is too long; check the number and the unit.');
  }
  return ok(seconds);
}

/** Formats seconds compactly: `4h`, `30s`, `7y`, `90d`. */
export function formatDuration(seconds: number): string {
  for (const [suffix, factor] of [['y', 31536000], ['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds >= factor && seconds % factor === 0) return `${seconds / factor}${suffix}`;
  }
  return `${seconds}s`;
}

// ---------------------------------------------------------------- percentages

const PERCENT_EXPECTED = 'a percentage like "99.9%"';

/** Parses `"99.9%"` into the ratio 0.999. Bare numbers are refused: 0.95 and 95 would both be plausible. */
export function parsePercentage(input: unknown): Parsed<number> {
  if (typeof input === 'number') {
    const asRatio = input > 0 && input <= 1 ? `"${Math.round(input * 1e8) / 1e6}%" (if ${input} is a ratio) or ` : '';
    return fail(PERCENT_EXPECTED, `Write ${asRatio}"${input}%": a bare number could be a ratio or a percentage.`);
  }
  if (typeof input !== 'string') {
    return fail(PERCENT_EXPECTED, 'Write the percentage as a string like "95%".');
  }
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(input.trim());
  if (!match) {
    return fail(PERCENT_EXPECTED, 'Write a number followed by "%", as in "99.9%".');
  }
  const value = Number(match[1]);
  if (value > 100) {
    return fail(PERCENT_EXPECTED, 'A percentage here is at most 100%.');
  }
  return ok(Math.round(value * 1e6) / 1e8);
}

// ---------------------------------------------------------------- rates

/** A quantity per period, such as `1000 CPU hours/month` or `1000 operations/minute`. */
export interface Rate {
  readonly amount: number;
  /** What is counted, lower-case with underscores: `cpu_hours`, `operations`. */
  readonly unit: string;
  readonly per: 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
}

const RATE_EXPECTED = 'a rate like "1000 CPU hours/month" or "1000 operations/minute"';
const PERIODS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;

/** Parses `"<amount> <unit>/<period>"` or `"<amount> <unit> per <period>"`. */
export function parseRate(input: unknown): Parsed<Rate> {
  if (typeof input !== 'string') {
    return fail(RATE_EXPECTED, 'Write the rate as a string with a unit and a period.');
  }
  const match = /^(\d+(?:,\d{3})*(?:\.\d+)?)\s+([A-Za-z][A-Za-z -]*?)\s*(?:\/|\bper\b)\s*([A-Za-z]+)$/.exec(input.trim());
  if (!match) {
    return fail(RATE_EXPECTED, 'Write an amount, what is counted and a period, as in "1000 CPU hours/month".');
  }
  const period = (match[3] ?? '').toLowerCase().replace(/s$/, '');
  const per = PERIODS.find((p) => p === period);
  if (!per) {
    return fail(RATE_EXPECTED, `Unknown period "${match[3]}"; use one of ${PERIODS.join(', ')}.`);
  }
  const unit = (match[2] ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ok({ amount: Number((match[1] ?? '0').replace(/,/g, '')), unit, per });
}

/** Hours in one period, using 730 hours a month as AWS pricing does. */
export const HOURS_PER: Record<Rate['per'], number> = {
  second: 1 / 3600, minute: 1 / 60, hour: 1, day: 24, week: 168, month: 730, year: 8760,
};

// ---------------------------------------------------------------- unit prices

/** A price per unit of consumption, such as `$0.05 per GB-hour` or `$0.50 per agent per day`. */
export interface UnitPrice {
  readonly price: Money;
  /** The billed unit, lower-case with underscores: `hour`, `gb_hour`, `agent_per_day`. */
  readonly per: string;
}

const PRICE_EXPECTED = 'a price like "$0.10 per hour" or "$0.05 per GB-hour"';

export function parseUnitPrice(input: unknown): Parsed<UnitPrice> {
  if (typeof input !== 'string') {
    return fail(PRICE_EXPECTED, 'Write the price as a string with "per" and the unit.');
  }
  const match = /^(.+?)\s+per\s+(.+)$/i.exec(input.trim());
  if (!match) {
    return fail(PRICE_EXPECTED, 'Write a dollar amount, "per" and the unit, as in "$2.00 per deployment".');
  }
  const price = parseMoney(match[1]);
  if (!price.ok) return fail(PRICE_EXPECTED, price.hint);
  const per = (match[2] ?? '').trim().toLowerCase().replace(/\s+per\s+/g, '_per_').replace(/[\s-]+/g, '_');
  return ok({ price: price.value, per });
}

// ---------------------------------------------------------------- comparisons

/** A threshold with its direction, such as `< 2 seconds` or `> 99%`. */
export interface Threshold<T> {
  readonly operator: '<' | '<=' | '>' | '>=';
  readonly value: T;
}

/** Parses `"< 2 seconds"`, `"> 99%"`: an operator followed by a value for `inner`. */
export function parseThreshold<T>(input: unknown, inner: (value: unknown) => Parsed<T>): Parsed<Threshold<T>> {
  if (typeof input !== 'string') {
    return fail('a threshold like "< 2 seconds" or "> 99%"', 'Start with <, <=, > or >= and write the value as a string.');
  }
  const match = /^(<=|>=|<|>)\s*(.+)$/.exec(input.trim());
  if (!match) {
    return fail('a threshold like "< 2 seconds" or "> 99%"', 'Start with <, <=, > or >=, as in "< 2 seconds".');
  }
  const value = inner(match[2]);
  if (!value.ok) return value;
  return ok({ operator: match[1] as Threshold<T>['operator'], value: value.value });
}

/** Parses `"4h RTO, 1h RPO"` (either order) into its two durations in seconds. */
export function parseRecoveryObjectives(input: unknown): Parsed<{ rto: number; rpo: number }> {
  const expected = 'recovery objectives like "4h RTO, 1h RPO"';
  if (typeof input !== 'string') return fail(expected, 'Write both objectives in one string or use the object form { rto, rpo }.');
  const parts = input.split(',').map((p) => p.trim());
  const found: Partial<Record<'rto' | 'rpo', number>> = {};
  for (const part of parts) {
    const match = /^(.+?)\s+(RTO|RPO)$/i.exec(part);
    if (!match) return fail(expected, 'Each part is a duration followed by RTO or RPO.');
    const duration = parseDuration(match[1]);
    if (!duration.ok) return fail(expected, duration.hint);
    const which = (match[2] ?? '').toLowerCase() as 'rto' | 'rpo';
    if (found[which] !== undefined) return fail(expected, `Give the ${which.toUpperCase()} once.`);
    found[which] = duration.value;
  }
  if (found.rto === undefined || found.rpo === undefined) {
    return fail(expected, 'Give both an RTO and an RPO.');
  }
  return ok({ rto: found.rto, rpo: found.rpo });
}
