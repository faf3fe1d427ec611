/** `workspace.yml`'s `monitoring`, resolved: durations are seconds, money cents, percentages ratios. */
import type { Threshold } from './values';

/** Where a critical alert goes. */
export interface AlertRouteModel {
  /** The alert's id (`security_breach`). */
  readonly name: string;
  readonly channel: 'pagerduty' | 'email' | 'slack' | 'webhook';
  readonly severity: 'critical' | 'high' | 'medium' | 'low';
  /** Who it escalates to (role ids or team names), in the order written. */
  readonly escalateTo: readonly string[];
}

/** A dashboard the definition asks for. */
export type DashboardName = 'executive' | 'operations' | 'security' | 'compliance';

/** `monitoring`: service-level metrics, alert routes, dashboards and log retention. */
export interface MonitoringModel {
  /** Targets of the platform's metrics; undefined where the definition sets none. */
  readonly metrics: {
    /** Bound on the 95th percentile of orchestration latency, seconds. */
    readonly orchestrationLatencyP95?: Threshold<number>;
    /** Bound on the error rate, a ratio. */
    readonly errorRate?: Threshold<number>;
    /** Target cost of one operation, cents. */
    readonly costPerOperationCents?: number;
    /** Bound on the compliance score, a ratio. */
    readonly complianceScore?: Threshold<number>;
  };
  /** Critical alerts, by name. */
  readonly criticalAlerts: Readonly<Record<string, AlertRouteModel>>;
  readonly dashboards: readonly DashboardName[];
  /** Retention of operational log groups, seconds (audit logs keep the audit retention). */
  readonly logRetentionSeconds: number;
  /** Availability target, a ratio; undefined when not set. */
  readonly targetAvailability?: number;
}
