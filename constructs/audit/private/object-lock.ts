/**
 * The `ObjectLockConfiguration` of an Object Lock bucket, with the default
 * retention in years when it is a whole number of (365-day) years and in days
 * otherwise, so a 7-year retention reads `Years: 7` in the template rather than
 * `Days: 2555`.
 */
import type { Duration, aws_s3 as s3 } from 'aws-cdk-lib';

const DAYS_PER_YEAR = 365;
const MAX_DAYS = 36_500;
const MAX_YEARS = 100;

export interface DefaultRetention {
  readonly mode: s3.ObjectLockMode;
  readonly years?: number;
  readonly days?: number;
}

/** `{ mode, years }` when `duration` is whole years, else `{ mode, days }`. Throws outside 1 day … 100 years. */
export function defaultRetention(mode: s3.ObjectLockMode, duration: Duration): DefaultRetention {
  const days = duration.toDays({ integral: false });
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`Object Lock default retention: expected a whole number of days (at least 1), got ${duration.toHumanString()}`);
  }
  if (days % DAYS_PER_YEAR === 0) {
    const years = days / DAYS_PER_YEAR;
    if (years > MAX_YEARS) throw new Error(`Object Lock default retention: expected at most ${MAX_YEARS} years, got ${years}`);
    return { mode, years };
  }
  if (days > MAX_DAYS) throw new Error(`Object Lock default retention: expected at most ${MAX_DAYS} days, got ${days}`);
  return { mode, days };
}

/** The `ObjectLockConfiguration` property of `AWS::S3::Bucket`. */
export function objectLockConfiguration(mode: s3.ObjectLockMode, duration: Duration): s3.CfnBucket.ObjectLockConfigurationProperty {
  return { objectLockEnabled: 'Enabled', rule: { defaultRetention: defaultRetention(mode, duration) } };
}
