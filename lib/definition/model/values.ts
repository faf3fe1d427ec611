/**
 * Value types the model shares: framework ids, data classifications, and the
 * parsed forms of the seeds' prose values (thresholds, rates, unit prices).
 * Durations are seconds, money is whole cents, percentages are ratios (0.999).
 */
import type { DATA_CLASSIFICATIONS } from '../schema/workspace';
import type { Rate, Threshold } from '../units';

/** The frameworks the seeds name, under the seeds' own keys, in catalogue order. */
export const FRAMEWORK_IDS = ['iso_42001', 'nist_ai_rmf', 'eu_ai_act', 'sox', 'hipaa', 'gdpr', 'iso_27001'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** `public`, `internal`, `confidential` or `restricted`. */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/**
 * A bound with its direction, as the seeds write it (`< 2 seconds`, `> 99%`):
 * `value` is in the unit of the field that holds it (seconds, a ratio, a rate).
 */
export type { Threshold };

/**
 * A quantity per period (`1000 operations/minute`): `amount` of `unit`
 * (lower-case with underscores: `operations`, `cpu_hours`) per `per`.
 */
export type { Rate };

/** A price per unit of consumption (`$0.05 per GB-hour`). */
export interface UnitPriceModel {
  /** The price of one unit, in US cents. */
  readonly cents: number;
  /** The billed unit, lower-case with underscores: `hour`, `gb_hour`, `agent_per_day`. */
  readonly per: string;
}
