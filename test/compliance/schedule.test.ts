import { maxIntervalSeconds } from '../../lib/compliance/private/schedule';

const H = 3600;

describe('maxIntervalSeconds', () => {
  test.each([
    ['cron(0 */4 * * ? *)', 4 * H],
    ['cron(0 * * * ? *)', H],
    ['cron(0 5 ? * * *)', 24 * H],
    ['cron(0 0,12 * * ? *)', 12 * H],
    ['cron(0 1 ? * MON *)', 7 * 24 * H],
    ['cron(30 2 ? * MON-FRI *)', 72 * H],
    ['rate(1 hour)', H],
    ['rate(12 hours)', 12 * H],
    ['rate(1 day)', 24 * H],
  ])('%s runs at least every %i seconds', (expression, seconds) => {
    expect(maxIntervalSeconds(expression)).toBe(seconds);
  });

  test.each(['cron(0 5 L * ? *)', 'cron(0 5 ? * 2#1 *)', 'cron(0 5 * * ? 2030)', 'every hour', 'cron(0 5 * *)'])('refuses to guess %s', (expression) => {
    expect(maxIntervalSeconds(expression)).toBeUndefined();
  });
});
