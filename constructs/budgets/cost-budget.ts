import { aws_budgets as budgets } from 'aws-cdk-lib';
import type { aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The period a budget's amount covers. */
export enum BudgetPeriod {
  DAILY = 'DAILY',
  MONTHLY = 'MONTHLY',
}

/** What an alert compares with the budget. */
export enum BudgetAlertType {
  /** Spend so far in the period. */
  ACTUAL = 'ACTUAL',
  /** Spend forecast for the whole period (not available for daily budgets). */
  FORECASTED = 'FORECASTED',
}

/** One notification of a budget: fires when spend (or its forecast) exceeds a percentage of the amount. */
export interface BudgetAlert {
  readonly type: BudgetAlertType;
  /** Percentage of the budgeted amount, above 0 (100 = the whole amount). */
  readonly thresholdPercent: number;
}

/** A cost allocation tag and value the budget is limited to. */
export interface CostAllocationTagFilter {
  /** The user-defined cost allocation tag key, e.g. `oaas:team`. It must be activated in the payer account. */
  readonly key: string;
  readonly value: string;
}

export interface CostBudgetProps {
  /** Name of the budget, unique in the account; no `:` or `\`. */
  readonly budgetName: string;
  readonly period: BudgetPeriod;
  /** The budgeted amount, in US cents. */
  readonly limitCents: number;
  /** Topic every alert is published to. */
  readonly topic: sns.ITopic;
  /**
   * Notifications, at most ten (the AWS Budgets limit).
   * @default - no notifications
   */
  readonly alerts?: readonly BudgetAlert[];
  /**
   * Only cost carrying this cost allocation tag value counts.
   * @default - all cost of the account
   */
  readonly costAllocationTag?: CostAllocationTagFilter;
}

/** AWS Budgets accepts at most ten notifications per budget. */
export const MAX_ALERTS_PER_BUDGET = 10;

/** The `CostFilters` value that limits a budget to one value of a user-defined cost allocation tag: `user:<key>$<value>`. */
export function tagKeyValue(tag: CostAllocationTagFilter): string {
  return `user:${tag.key}$${tag.value}`;
}

/**
 * A cost budget (`AWS::Budgets::Budget`, type COST) in US dollars, with
 * notifications to an SNS topic. Forecast alerts on a daily budget, alerts of
 * the same type and threshold twice, more than ten alerts, or a name AWS
 * Budgets refuses fail synthesis.
 */
export class CostBudget extends Construct {
  public readonly budgetName: string;
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    const alerts = props.alerts ?? [];
    const problems: string[] = [];
    if (!/^[^:\\]{1,100}$/.test(props.budgetName)) problems.push(`expected a budgetName of 1 to 100 characters without ":" or "\\", got "${props.budgetName}"`);
    if (!Number.isInteger(props.limitCents) || props.limitCents <= 0) problems.push(`expected limitCents to be a positive whole number of cents, got ${props.limitCents}`);
    if (alerts.length > MAX_ALERTS_PER_BUDGET) problems.push(`expected at most ${MAX_ALERTS_PER_BUDGET} alerts (the AWS Budgets limit), got ${alerts.length}; use fewer thresholds or turn forecast alerts off`);
    if (props.period === BudgetPeriod.DAILY && alerts.some((a) => a.type === BudgetAlertType.FORECASTED)) {
      problems.push('AWS Budgets has no forecast for daily budgets: use ACTUAL alerts only');
    }
    const seen = new Set<string>();
    for (const alert of alerts) {
      const key = `${alert.type} ${alert.thresholdPercent}%`;
      if (!(alert.thresholdPercent > 0)) problems.push(`expected alert thresholds above 0%, got ${key}`);
      if (seen.has(key)) problems.push(`alert ${key} appears twice`);
      seen.add(key);
    }
    if (problems.length > 0) throw new Error(`CostBudget ${props.budgetName}: ${problems.join('; ')}`);

    this.budgetName = props.budgetName;
    this.budget = new budgets.CfnBudget(this, 'Resource', {
      budget: {
        budgetName: props.budgetName,
        budgetType: 'COST',
        timeUnit: props.period,
        budgetLimit: { amount: props.limitCents / 100, unit: 'USD' },
        ...(props.costAllocationTag ? { costFilters: { TagKeyValue: [tagKeyValue(props.costAllocationTag)] } } : {}),
      },
      notificationsWithSubscribers: alerts.length === 0 ? undefined : alerts.map((alert) => ({
        notification: {
          notificationType: alert.type,
          comparisonOperator: 'GREATER_THAN',
          threshold: alert.thresholdPercent,
          thresholdType: 'PERCENTAGE',
        },
        subscribers: [{ subscriptionType: 'SNS', address: props.topic.topicArn }],
      })),
    });
  }
}
