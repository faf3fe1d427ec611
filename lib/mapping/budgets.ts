/**
 * Model → props of the budget constructs of one environment: daily, monthly
 * and per-team cost budgets with their alerts, the alert topic, and, when
 * deployments are frozen on overspend, each team's deployment role. Pure
 * functions of the resolved model.
 */
import type { EnvironmentModel, OrganizationModel, WorkspaceModel } from '../definition/model';
import type { BudgetAlertTopicProps } from '../../constructs/budgets/budget-alert-topic';
import { BudgetAlertType, BudgetPeriod } from '../../constructs/budgets/cost-budget';
import type { BudgetAlert, CostBudgetProps } from '../../constructs/budgets/cost-budget';
import { deployerRoleName } from '../conventions/role-names';
import { primaryRegion } from './audit';

/** A ratio as a budget percentage: 0.8 → 80, 0.125 → 12.5 (two decimals at most). */
export function thresholdPercent(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio <= 0) throw new Error(`alert threshold: expected a ratio above 0, got ${ratio}`);
  return Math.round(ratio * 10_000) / 100;
}

/**
 * The alerts of a budget: an ACTUAL alert at each threshold and, when
 * `forecast` is on and the period has a forecast (not daily), a FORECASTED
 * alert at each threshold. Thresholds are sorted and deduplicated.
 */
export function budgetAlerts(thresholds: readonly number[], forecast: boolean, period: BudgetPeriod): BudgetAlert[] {
  const percents = [...new Set(thresholds.map(thresholdPercent))].sort((a, b) => a - b);
  const types = forecast && period !== BudgetPeriod.DAILY ? [BudgetAlertType.ACTUAL, BudgetAlertType.FORECASTED] : [BudgetAlertType.ACTUAL];
  return types.flatMap((type) => percents.map((p) => ({ type, thresholdPercent: p })));
}

/** `acme-production-monthly`, `acme-production-team-payments-monthly` */
export function budgetName(org: OrganizationModel, env: EnvironmentModel, what: string): string {
  return `${org.name}-${env.name}-${what}`;
}

/** `oaas-production-payments-`: the CloudFormation stacks a team's deployment role may deploy. */
export function teamStackPrefix(env: EnvironmentModel, team: string): string {
  return `oaas-${env.name}-${team}-`;
}

/** A budget of the plan, keyed by the stable name its construct id derives from. */
export interface CostBudgetSpec {
  /** `daily`, `monthly` or `team-<team>`. */
  readonly key: string;
  readonly props: Omit<CostBudgetProps, 'topic'>;
}

/** A team whose deployments freeze when its budget is exceeded. */
export interface TeamGuardSpec {
  readonly team: string;
  /** Key of the team's budget in `budgets`. */
  readonly budgetKey: string;
  readonly roleName: string;
  readonly stackNamePrefix: string;
  readonly regions: readonly string[];
  readonly thresholdPercent: number;
}

export interface BudgetPlan {
  /** Region of the budget stack (budgets are global; the topic lives here). */
  readonly region: string;
  readonly topic: BudgetAlertTopicProps;
  readonly budgets: readonly CostBudgetSpec[];
  /** Name of the deployment freeze policy; undefined when deployments are never frozen. */
  readonly freezePolicyName?: string;
  /** One per team of `per_team`, when deployments are frozen on overspend; else none. */
  readonly teamGuards: readonly TeamGuardSpec[];
}

/**
 * The budgets of `env`: a daily and a monthly budget of the whole account and
 * a monthly budget per team (the keys of `per_team`), limited to cost tagged
 * `<cost_allocation_tag>=<team>`.
 */
export function budgetPlan(model: WorkspaceModel, env: EnvironmentModel): BudgetPlan {
  const org = model.organization;
  const b = env.budgets;
  const alerts = (period: BudgetPeriod) => budgetAlerts(b.alertThresholds, b.forecastAlerts, period);
  const teams = Object.keys(b.perTeamCents).sort();
  const specs: CostBudgetSpec[] = [
    { key: 'daily', props: { budgetName: budgetName(org, env, 'daily'), period: BudgetPeriod.DAILY, limitCents: b.dailyCents, alerts: alerts(BudgetPeriod.DAILY) } },
    { key: 'monthly', props: { budgetName: budgetName(org, env, 'monthly'), period: BudgetPeriod.MONTHLY, limitCents: b.monthlyCents, alerts: alerts(BudgetPeriod.MONTHLY) } },
    ...teams.map((team): CostBudgetSpec => ({
      key: `team-${team}`,
      props: {
        budgetName: budgetName(org, env, `team-${team}-monthly`),
        period: BudgetPeriod.MONTHLY,
        limitCents: b.perTeamCents[team]!,
        alerts: alerts(BudgetPeriod.MONTHLY),
        costAllocationTag: { key: b.costAllocationTag, value: team },
      },
    })),
  ];
  const regions = env.regions.map((r) => r.region);
  return {
    region: primaryRegion(env),
    topic: { emails: [...b.emails], httpsEndpoints: [...b.httpsEndpoints], displayName: `${org.displayName} ${env.name} budgets` },
    budgets: specs,
    ...(b.denyDeploymentsWhenExceeded && teams.length > 0 ? { freezePolicyName: `${org.name}-${env.name}-deployment-freeze` } : {}),
    teamGuards: b.denyDeploymentsWhenExceeded
      ? teams.map((team) => ({
        team,
        budgetKey: `team-${team}`,
        roleName: deployerRoleName(env, team),
        stackNamePrefix: teamStackPrefix(env, team),
        regions,
        thresholdPercent: 100,
      }))
      : [],
  };
}
