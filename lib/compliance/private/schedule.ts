/**
 * How often an AWS Backup schedule runs: the longest gap between two runs,
 * from a `cron(...)` (EventBridge syntax: minutes hours day-of-month month
 * day-of-week year) or `rate(...)` expression, evaluated over a fixed 62-day
 * window in UTC. Unsupported syntax yields undefined, never a guess.
 */

const WINDOW_START = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const WINDOW_MINUTES = 62 * 24 * 60;

const DAY_NAMES: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };
const MONTH_NAMES: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

type FieldMatcher = (value: number) => boolean;

function field(text: string, min: number, max: number, names: Record<string, number> = {}): FieldMatcher | undefined {
  if (text === '*' || text === '?') return () => true;
  const parts = text.split(',');
  const matchers: FieldMatcher[] = [];
  for (const part of parts) {
    const m = /^([A-Z0-9]+|\*)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/i.exec(part);
    if (!m) return undefined;
    const num = (s: string): number | undefined => {
      const v = names[s.toUpperCase()] ?? (/^\d+$/.test(s) ? Number(s) : undefined);
      return v !== undefined && v >= min && v <= max ? v : undefined;
    };
    const start = m[1] === '*' ? min : num(m[1]!);
    const end = m[2] !== undefined ? num(m[2]) : m[3] !== undefined || m[1] === '*' ? max : start;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (start === undefined || end === undefined || step < 1) return undefined;
    matchers.push((v) => v >= start && v <= end && (v - start) % step === 0);
  }
  return (v) => matchers.some((match) => match(v));
}

/** The longest interval between runs, in seconds; undefined when the expression is not understood. */
export function maxIntervalSeconds(expression: string): number | undefined {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/i.exec(expression.trim());
  if (rate) {
    const unit = rate[2]!.toLowerCase().replace(/s$/, '');
    return Number(rate[1]) * (unit === 'minute' ? 60 : unit === 'hour' ? 3600 : 86_400);
  }
  const cron = /^cron\((.+)\)$/i.exec(expression.trim());
  if (!cron) return undefined;
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if (/[LW#]/i.test(dom) || /[L#]/i.test(dow)) return undefined;
  const matchers = [
    field(min, 0, 59), field(hour, 0, 23), field(dom, 1, 31), field(month, 1, 12, MONTH_NAMES), field(dow, 1, 7, DAY_NAMES),
  ];
  if (matchers.some((m) => m === undefined) || !(year === '*' || year === '?')) return undefined;
  const [mMin, mHour, mDom, mMonth, mDow] = matchers as FieldMatcher[];
  const runs: number[] = [];
  for (let i = 0; i < WINDOW_MINUTES; i++) {
    const d = new Date(WINDOW_START + i * MINUTE);
    if (mMin!(d.getUTCMinutes()) && mHour!(d.getUTCHours()) && mDom!(d.getUTCDate()) && mMonth!(d.getUTCMonth() + 1) && mDow!(d.getUTCDay() + 1)) runs.push(i);
  }
  if (runs.length === 0) return undefined;
  let longest = runs[0]! + WINDOW_MINUTES - runs[runs.length - 1]!;
  for (let i = 1; i < runs.length; i++) longest = Math.max(longest, runs[i]! - runs[i - 1]!);
  return longest * 60;
}
