import { Duration, aws_s3 as s3 } from 'aws-cdk-lib';
import { defaultRetention, objectLockConfiguration } from '../../../../constructs/audit/private/object-lock';

test.each<[string, Duration, { years?: number; days?: number }]>([
  ['7 years in days', Duration.days(2555), { years: 7 }],
  ['1 year', Duration.days(365), { years: 1 }],
  ['400 days', Duration.days(400), { days: 400 }],
  ['1 day', Duration.days(1), { days: 1 }],
  ['100 years', Duration.days(36_500), { years: 100 }],
])('%s is written as %j', (_name, duration, expected) => {
  expect(defaultRetention(s3.ObjectLockMode.COMPLIANCE, duration)).toEqual({ mode: s3.ObjectLockMode.COMPLIANCE, ...expected });
});

test.each<[string, Duration, RegExp]>([
  ['part of a day', Duration.hours(36), /expected a whole number of days/],
  ['less than a day', Duration.hours(12), /expected a whole number of days \(at least 1\)/],
  ['more than 36,500 days', Duration.days(36_501), /expected at most 36500 days/],
  ['101 years', Duration.days(101 * 365), /expected at most 100 years/],
])('refuses %s', (_name, duration, message) => {
  expect(() => defaultRetention(s3.ObjectLockMode.GOVERNANCE, duration)).toThrow(message);
});

test('objectLockConfiguration enables Object Lock with the default retention rule', () => {
  expect(objectLockConfiguration(s3.ObjectLockMode.GOVERNANCE, Duration.days(730))).toEqual({
    objectLockEnabled: 'Enabled',
    rule: { defaultRetention: { mode: s3.ObjectLockMode.GOVERNANCE, years: 2 } },
  });
});
