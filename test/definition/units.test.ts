import fc from 'fast-check';
import type { Parsed } from '../../lib/definition/units';
import {
  formatDuration, formatMoney, HOURS_PER, parseDuration, parseMoney, parsePercentage, parseRate, parseRecoveryObjectives,
  parseSize, parseThreshold, parseUnitPrice, toQuantity, wholeNumber,
} from '../../lib/definition/units';

/** The value of a successful parse; fails the test with the hint otherwise. */
function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected a value, got a problem: ${parsed.expected} / ${parsed.hint}`);
  return parsed.value;
}

/** The hint of a failed parse; fails the test when the input was accepted. */
function hint<T>(parsed: Parsed<T>): string {
  if (parsed.ok) throw new Error(`expected a problem, got ${JSON.stringify(parsed.value)}`);
  return parsed.hint;
}

const GiB = 2 ** 30;

describe('parseMoney', () => {
  test.each<[unknown, number]>([
    ['$1,000 USD', 100_000],
    ['$1,000', 100_000],
    ['$0.10', 10],
    ['$1,000.5', 100_050],
    ['$1,234,567.89', 123_456_789],
    ['1000 USD', 100_000],
    ['1,000 usd', 100_000],
    ['$ 5', 500],
    ['  $30,000  ', 3_000_000],
    [1000, 100_000],
    [0, 0],
    [0.29, 29],
    [12.5, 1250],
  ])('reads %j as %d cents', (input, cents) => {
    expect(value(parseMoney(input))).toEqual({ cents, currency: 'USD' });
  });

  test.each<[unknown, RegExp]>([
    ['1000', /Add the currency \("\$1000"\) or write it as a YAML number/],
    ['$30k', /Write the full amount/],
    ['$2M', /Write the full amount/],
    ['€100', /Only US dollars/],
    ['100 EUR', /Only US dollars/],
    ['£5', /Only US dollars/],
    ['$1.000,50', /Use "," for thousands and "." for cents/],
    ['$1,00', /Write it like "\$1,000 USD"/],
    ['$1,000.505', /Write it like/],
    ['USD 100', /Write it like/],
    ['lots', /Write it like/],
    [-1, /non-negative/],
    [Number.NaN, /non-negative/],
    [Number.POSITIVE_INFINITY, /non-negative/],
    [0.105, /whole cents/],
    [1e300, /too large/],
    ['$99999999999999999999', /too large/],
    [true, /as a string like "\$1,000" or as a number/],
    [null, /as a string like/],
    [undefined, /as a string like/],
  ])('refuses %j with a hint', (input, expectedHint) => {
    const parsed = parseMoney(input);
    expect(hint(parsed)).toMatch(expectedHint);
    expect(parsed).toMatchObject({ expected: expect.stringContaining('"$1,000 USD"') });
  });

  test('formatMoney writes thousands separators and drops .00', () => {
    expect(formatMoney(123_450)).toBe('$1,234.50');
    expect(formatMoney(100_000_000)).toBe('$1,000,000');
    expect(formatMoney({ cents: 5, currency: 'USD' })).toBe('$0.05');
    expect(formatMoney(0)).toBe('$0');
  });

  test('formatMoney output parses back to the same cents', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
      expect(value(parseMoney(formatMoney(cents))).cents).toBe(cents);
    }), { seed: 42, numRuns: 500 });
  });

  test('a number of dollars with at most two decimals is the same amount as its "$" string', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (cents) => {
      expect(value(parseMoney(cents / 100)).cents).toBe(cents);
    }), { seed: 7, numRuns: 500 });
  });
});

describe('parseSize', () => {
  test.each<[string, number]>([
    ['500Gi', 500 * GiB],
    ['1TB', 1e12],
    ['512Mi', 512 * 2 ** 20],
    ['100GB', 100e9],
    ['2TiB', 2 * 2 ** 40],
    ['1.5Gi', 1.5 * GiB],
    ['1.1KB', 1100],
    ['5 Gi', 5 * GiB],
    ['5gi', 5 * GiB],
    ['5k', 5000],
    ['5KB', 5000],
    ['1Pi', 2 ** 50],
    ['10B', 10],
    ['0Gi', 0],
  ])('reads %j as %d bytes', (input, bytes) => {
    expect(value(parseSize(input))).toBe(bytes);
  });

  test.each<[unknown, RegExp]>([
    [100, /A bare number has no unit: write "100Gi" or "100GB"/],
    ['100', /a number followed by a unit/],
    ['lots', /a number followed by a unit, as in "500Gi"/],
    ['1e3Gi', /a number followed by a unit/],
    ['1tb', /"tb" reads as bits; use bytes: "1TB"/],
    ['5Gib', /"Gib" reads as bits; use bytes: "5GiB"/],
    ['5mb', /reads as bits; use bytes: "5MB"/],
    ['512m', /"m" means milli in Kubernetes quantities; write "512Mi" or "512MB"/],
    ['5 furlongs', /Unknown unit "furlongs"/],
    ['0.3B', /whole bytes/],
    ['1.1Ki', /whole bytes/],
    ['99999999Pi', /too large/],
    [true, /as a string with a unit/],
  ])('refuses %j with a hint', (input, expectedHint) => {
    const parsed = parseSize(input);
    expect(hint(parsed)).toMatch(expectedHint);
    expect(parsed).toMatchObject({ expected: 'a size like "500Gi", "1TB", "512Mi" or "100GB"' });
  });

  test.each<[number, string]>([
    [GiB, '1Gi'],
    [500 * GiB, '500Gi'],
    [1e12, '1T'],
    [100e9, '100G'],
    [1024, '1Ki'],
    [1000, '1k'],
    [1500, '1500'],
    [0, '0'],
    [3 * 2 ** 40, '3Ti'],
  ])('toQuantity(%d) is %j, the shortest exact quantity', (bytes, quantity) => {
    expect(toQuantity(bytes)).toBe(quantity);
  });

  test('toQuantity output parses back to the same bytes', () => {
    const factor = fc.constantFrom(2 ** 10, 2 ** 20, 2 ** 30, 2 ** 40, 1e3, 1e6, 1e9, 1e12);
    fc.assert(fc.property(fc.integer({ min: 1, max: 4096 }), factor, (n, f) => {
      expect(value(parseSize(toQuantity(n * f)))).toBe(n * f);
    }), { seed: 3, numRuns: 500 });
  });
});

describe('parseDuration', () => {
  test.each<[string, number]>([
    ['30s', 30],
    ['4h', 4 * 3600],
    ['24 hours', 86_400],
    ['90 days', 90 * 86_400],
    ['7 years', 7 * 365 * 86_400],
    ['1 year', 365 * 86_400],
    ['15m', 900],
    ['10 minutes', 600],
    ['5 Minutes', 300],
    ['2w', 14 * 86_400],
    ['1 week', 7 * 86_400],
    ['1.5h', 5400],
    ['1.1h', 3960],
    ['30S', 30],
    ['0s', 0],
  ])('reads %j as %d seconds', (input, seconds) => {
    expect(value(parseDuration(input))).toBe(seconds);
  });

  test.each<[unknown, RegExp]>([
    [10, /A bare number has no unit: write "10s" or "10h"/],
    ['3 months', /Months vary in length; write days \("90 days"\) or years/],
    ['1M', /Months vary in length/],
    ['5mo', /Months vary in length/],
    ['2 fortnights', /Unknown unit "fortnights"; use s, m, h, d, w or y/],
    ['5 ms', /Unknown unit "ms"/],
    ['0.5s', /whole seconds/],
    ['1.3333h', /whole seconds/],
    ['soon', /a number followed by a unit, as in "30s" or "24 hours"/],
    ['99999999999999 years', /too long/],
    [null, /as a string with a unit/],
  ])('refuses %j with a hint', (input, expectedHint) => {
    const parsed = parseDuration(input);
    expect(hint(parsed)).toMatch(expectedHint);
    expect(parsed).toMatchObject({ expected: expect.stringContaining('a duration like "30s"') });
  });

  test.each<[number, string]>([
    [0, '0s'],
    [30, '30s'],
    [90, '90s'],
    [900, '15m'],
    [4 * 3600, '4h'],
    [7 * 86_400, '7d'],
    [90 * 86_400, '90d'],
    [7 * 365 * 86_400, '7y'],
  ])('formatDuration(%d) is %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  test('formatDuration output parses back to the same seconds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 * 365 * 86_400 }), (seconds) => {
      expect(value(parseDuration(formatDuration(seconds)))).toBe(seconds);
    }), { seed: 11, numRuns: 1000 });
  });
});

describe('parsePercentage', () => {
  test.each<[string, number]>([
    ['99.9%', 0.999],
    ['100%', 1],
    ['0%', 0],
    ['95 %', 0.95],
    ['0.5%', 0.005],
    ['99.99999%', 0.9999999],
  ])('reads %j as the ratio %d', (input, ratio) => {
    expect(value(parsePercentage(input))).toBe(ratio);
  });

  test.each<[unknown, RegExp]>([
    [0.95, /Write "95%" \(if 0.95 is a ratio\) or "0.95%"/],
    [95, /Write "95%": a bare number could be a ratio or a percentage/],
    ['95', /a number followed by "%"/],
    ['1e2%', /a number followed by "%"/],
    ['101%', /at most 100%/],
    [true, /as a string like "95%"/],
  ])('refuses %j with a hint', (input, expectedHint) => {
    const parsed = parsePercentage(input);
    expect(hint(parsed)).toMatch(expectedHint);
    expect(parsed).toMatchObject({ expected: 'a percentage like "99.9%"' });
  });

  test('every whole or one-decimal percentage reads as its ratio', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (tenths) => {
      expect(value(parsePercentage(`${tenths / 10}%`))).toBeCloseTo(tenths / 1000, 12);
    }), { seed: 5, numRuns: 300 });
  });
});

describe('parseRate', () => {
  test.each<[string, { amount: number; unit: string; per: string }]>([
    ['1000 CPU hours/month', { amount: 1000, unit: 'cpu_hours', per: 'month' }],
    ['1000 operations/minute', { amount: 1000, unit: 'operations', per: 'minute' }],
    ['1,000 CPU hours per month', { amount: 1000, unit: 'cpu_hours', per: 'month' }],
    ['5 cpu-hours/months', { amount: 5, unit: 'cpu_hours', per: 'month' }],
    ['1000 CPU hours / Month', { amount: 1000, unit: 'cpu_hours', per: 'month' }],
    ['2.5 requests per second', { amount: 2.5, unit: 'requests', per: 'second' }],
  ])('reads %j', (input, rate) => {
    expect(value(parseRate(input))).toEqual(rate);
  });

  test.each<[unknown, RegExp]>([
    ['10/month', /an amount, what is counted and a period/],
    ['1000 CPU hours', /an amount, what is counted and a period/],
    ['1000 CPU hours/fortnight', /Unknown period "fortnight"; use one of second, minute, hour, day, week, month, year/],
    [1000, /as a string with a unit and a period/],
  ])('refuses %j with a hint', (input, expectedHint) => {
    const parsed = parseRate(input);
    expect(hint(parsed)).toMatch(expectedHint);
    expect(parsed).toMatchObject({ expected: expect.stringContaining('"1000 CPU hours/month"') });
  });

  test('HOURS_PER uses 730 hours a month, as AWS pricing does', () => {
    expect(HOURS_PER.month).toBe(730);
    expect(HOURS_PER.day * 365).toBe(HOURS_PER.year);
    expect(HOURS_PER.minute * 60).toBe(HOURS_PER.hour);
  });
});

describe('parseUnitPrice', () => {
  test.each<[string, number, string]>([
    ['$0.10 per hour', 10, 'hour'],
    ['$0.05 per GB-hour', 5, 'gb_hour'],
    ['$0.02 per GB-month', 2, 'gb_month'],
    ['$0.50 per agent per day', 50, 'agent_per_day'],
    ['$5.00 USD per agent', 500, 'agent'],
    ['5 USD per hour', 500, 'hour'],
    ['$10.00 per report', 1000, 'report'],
  ])('reads %j as %d cents per %s', (input, cents, per) => {
    expect(value(parseUnitPrice(input))).toEqual({ price: { cents, currency: 'USD' }, per });
  });

  test.each<[unknown, RegExp]>([
    ['$0.10/hour', /a dollar amount, "per" and the unit/],
    ['0.10 per hour', /Add the currency \("\$0.10"\)/],
    ['EUR 5 per hour', /Only US dollars/],
    ['$30k per year', /Write the full amount/],
    [0.1, /with "per" and the unit/],
  ])('refuses %j with the hint of what is wrong', (input, expectedHint) => {
    const parsed = parseUnitPrice(input);
    expect(hint(parsed)).toMatch(expectedHint);
    expect(parsed).toMatchObject({ expected: 'a price like "$0.10 per hour" or "$0.05 per GB-hour"' });
  });
});

describe('parseThreshold', () => {
  test.each<[string, string, number]>([
    ['< 2 seconds', '<', 2],
    ['<= 5s', '<=', 5],
    ['>=1h', '>=', 3600],
    ['> 10m', '>', 600],
  ])('reads the duration threshold %j', (input, operator, seconds) => {
    expect(value(parseThreshold(input, parseDuration))).toEqual({ operator, value: seconds });
  });

  test('reads percentage and rate thresholds with their inner parser', () => {
    expect(value(parseThreshold('> 99%', parsePercentage))).toEqual({ operator: '>', value: 0.99 });
    expect(value(parseThreshold('> 1000 operations/minute', parseRate))).toEqual({
      operator: '>', value: { amount: 1000, unit: 'operations', per: 'minute' },
    });
  });

  test.each<[unknown, RegExp]>([
    ['= 5s', /Start with <, <=, > or >=/],
    ['5s', /Start with <, <=, > or >=/],
    [5, /Start with <, <=, > or >= and write the value as a string/],
  ])('refuses %j without an operator', (input, expectedHint) => {
    expect(hint(parseThreshold(input, parseDuration))).toMatch(expectedHint);
  });

  test('passes on the problem of the inner value', () => {
    expect(parseThreshold('< 5', parseDuration)).toEqual({
      ok: false,
      expected: expect.stringContaining('a duration like "30s"'),
      hint: 'Write a number followed by a unit, as in "30s" or "24 hours".',
    });
    expect(hint(parseThreshold('> 0.99', parsePercentage))).toMatch(/a number followed by "%"/);
  });
});

describe('parseRecoveryObjectives', () => {
  test.each<[string, number, number]>([
    ['4h RTO, 1h RPO', 4 * 3600, 3600],
    ['1h RPO, 4h RTO', 4 * 3600, 3600],
    ['4 hours rto, 1 hour rpo', 4 * 3600, 3600],
    ['24h RTO, 12h RPO', 86_400, 12 * 3600],
  ])('reads %j', (input, rto, rpo) => {
    expect(value(parseRecoveryObjectives(input))).toEqual({ rto, rpo });
  });

  test.each<[unknown, RegExp]>([
    ['4h RTO', /Give both an RTO and an RPO/],
    ['4h RTO, 1h RPO, 2h RPO', /Give the RPO once/],
    ['RTO 4h, RPO 1h', /Each part is a duration followed by RTO or RPO/],
    ['x RTO, 1h RPO', /a number followed by a unit/],
    ['4h RTO, 1 month RPO', /Months vary in length/],
    [{ rto: '4h' }, /use the object form \{ rto, rpo \}/],
  ])('refuses %j with a hint', (input, expectedHint) => {
    const parsed = parseRecoveryObjectives(input);
    expect(hint(parsed)).toMatch(expectedHint);
    expect(parsed).toMatchObject({ expected: 'recovery objectives like "4h RTO, 1h RPO"' });
  });

  test('reads back what formatDuration writes for any pair of objectives', () => {
    const seconds = fc.integer({ min: 1, max: 10 * 365 * 86_400 });
    fc.assert(fc.property(seconds, seconds, (rto, rpo) => {
      expect(value(parseRecoveryObjectives(`${formatDuration(rto)} RTO, ${formatDuration(rpo)} RPO`))).toEqual({ rto, rpo });
    }), { seed: 13, numRuns: 300 });
  });
});

describe('wholeNumber', () => {
  test('accepts floating-point products that are whole up to rounding', () => {
    expect(wholeNumber(1.1 * 3600)).toBe(3960);
    expect(wholeNumber(1.1 * 1000)).toBe(1100);
    expect(wholeNumber(0)).toBe(0);
  });

  test('refuses real fractions', () => {
    expect(wholeNumber(0.5)).toBeUndefined();
    expect(wholeNumber(4799.88)).toBeUndefined();
    expect(wholeNumber(1e6 + 0.001)).toBeUndefined();
  });
});
