import type { EnvironmentModel, WorkspaceModel } from '../../lib/definition/model';
import { deployerRoleName } from '../../lib/conventions/role-names';
import { budgetAlerts, budgetPlan, teamStackPrefix, thresholdPercent } from '../../lib/mapping/budgets';
import { BudgetAlertType, BudgetPeriod } from '../../constructs/budgets/cost-budget';
import { exampleModel } from '../helpers/workspace';

function withBudgets(model: WorkspaceModel, change: Partial<EnvironmentModel['budgets']>): { model: WorkspaceModel; env: EnvironmentModel } {
  const first = model.environments[0]!;
  const env = { ...first, budgets: { ...first.budgets, ...change } };
  return { model: { ...model, environments: [env, ...model.environments.slice(1)] }, env };
}

test.each([
  [0.5, 50], [0.8, 80], [1, 100], [1.2, 120], [0.125, 12.5], [0.07, 7], [0.333333, 33.33],
])('thresholdPercent(%s) is %s', (ratio, percent) => {
  expect(thresholdPercent(ratio)).toBe(percent);
});

test.each([0, -0.5, Number.NaN])('thresholdPercent refuses %s', (ratio) => {
  expect(() => thresholdPercent(ratio)).toThrow(/expected a ratio above 0/);
});

describe('budgetAlerts', () => {
  const actual = (p: number) => ({ type: BudgetAlertType.ACTUAL, thresholdPercent: p });
  const forecast = (p: number) => ({ type: BudgetAlertType.FORECASTED, thresholdPercent: p });

  test.each([
    ['monthly with forecasts: actual and forecast at each threshold', [0.5, 0.8, 1], true, BudgetPeriod.MONTHLY, [actual(50), actual(80), actual(100), forecast(50), forecast(80), forecast(100)]],
    ['monthly without forecasts: actual only', [0.8, 1], false, BudgetPeriod.MONTHLY, [actual(80), actual(100)]],
    ['daily: actual only, as Budgets has no daily forecast', [0.8, 1], true, BudgetPeriod.DAILY, [actual(80), actual(100)]],
    ['thresholds sorted and deduplicated', [1, 0.8, 1], false, BudgetPeriod.MONTHLY, [actual(80), actual(100)]],
  ] as const)('%s', (_name, thresholds, forecastOn, period, expected) => {
    expect(budgetAlerts(thresholds, forecastOn, period)).toEqual(expected);
  });
});

describe('budgetPlan', () => {
  const starter = exampleModel('starter');
  const env = starter.environments[0]!;

  test('daily, monthly and one monthly budget per team, in cents from the model', () => {
    const plan = budgetPlan(starter, env);
    expect(plan.budgets.map((b) => [b.key, b.props.budgetName, b.props.period, b.props.limitCents])).toEqual([
      ['daily', 'starter-dev-daily', BudgetPeriod.DAILY, 5000],
      ['monthly', 'starter-dev-monthly', BudgetPeriod.MONTHLY, 150000],
      ['team-data', 'starter-dev-team-data-monthly', BudgetPeriod.MONTHLY, 60000],
      ['team-web', 'starter-dev-team-web-monthly', BudgetPeriod.MONTHLY, 80000],
    ]);
  });

  test('team budgets filter on the cost allocation tag; account budgets do not', () => {
    const plan = budgetPlan(starter, env);
    expect(plan.budgets.map((b) => b.props.costAllocationTag)).toEqual([
      undefined, undefined, { key: 'oaas:team', value: 'data' }, { key: 'oaas:team', value: 'web' },
    ]);
  });

  test('the topic subscribes the model\'s emails and HTTPS endpoints', () => {
    const enterprise = exampleModel('enterprise');
    const production = enterprise.environments.find((e) => e.name === 'production')!;
    expect(budgetPlan(enterprise, production).topic).toMatchObject({
      emails: ['finops@acme.example', 'platform-leads@acme.example'],
      httpsEndpoints: ['https://events.pagerduty.example/integration/acme-budgets/enqueue'],
    });
    expect(budgetPlan(enterprise, production).region).toBe('us-east-1');
  });

  test('every team gets a deployment guard at 100% when deployments are frozen on overspend', () => {
    const plan = budgetPlan(starter, env);
    expect(plan.freezePolicyName).toBe('starter-dev-deployment-freeze');
    expect(plan.teamGuards).toEqual([
      { team: 'data', budgetKey: 'team-data', roleName: 'oaas-dev-data-deployer', stackNamePrefix: 'oaas-dev-data-', regions: ['eu-west-1'], thresholdPercent: 100 },
      { team: 'web', budgetKey: 'team-web', roleName: 'oaas-dev-web-deployer', stackNamePrefix: 'oaas-dev-web-', regions: ['eu-west-1'], thresholdPercent: 100 },
    ]);
  });

  test('no guard and no freeze policy when deployments are not frozen', () => {
    const { model, env: changed } = withBudgets(starter, { denyDeploymentsWhenExceeded: false });
    const plan = budgetPlan(model, changed);
    expect(plan.teamGuards).toEqual([]);
    expect(plan.freezePolicyName).toBeUndefined();
  });

  test('no team budget, guard or freeze policy without per-team budgets', () => {
    const { model, env: changed } = withBudgets(starter, { perTeamCents: {} });
    const plan = budgetPlan(model, changed);
    expect(plan.budgets.map((b) => b.key)).toEqual(['daily', 'monthly']);
    expect(plan.teamGuards).toEqual([]);
    expect(plan.freezePolicyName).toBeUndefined();
  });

  test.each([
    [deployerRoleName(env, 'data-science'), 'oaas-dev-data-science-deployer'],
    [teamStackPrefix(env, 'data-science'), 'oaas-dev-data-science-'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
