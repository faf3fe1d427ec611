/**
 * Budgets, in governance.yml and per environment: a daily budget within the
 * monthly one, team budgets within the month (each and together), and an
 * environment's teams among the governance teams.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import { formatMoney } from '../units';
import type { CheckContext } from './report';

export function checkBudgets(files: WorkspaceFiles, context: CheckContext): void {
  checkGovernanceBudgets(files, context);
  checkEnvironmentBudgets(files, context);
}

function checkGovernanceBudgets(files: WorkspaceFiles, { report }: CheckContext): void {
  const governance = files.governance;
  if (!governance) return;
  const { source, data: { budgets } } = governance;
  const teamTotal = Object.values(budgets.per_team).reduce((sum, m) => sum + m.cents, 0);
  for (const [team, money] of Object.entries(budgets.per_team)) {
    if (money.cents > budgets.monthly.cents) {
      report(source, ['budgets', 'per_team', team], CODES.budgetExceeded, `expected a team budget within the monthly budget (${formatMoney(budgets.monthly)}), got ${formatMoney(money)}`, 'Lower the team budget or raise the monthly budget.');
    }
  }
  if (teamTotal > budgets.monthly.cents) {
    report(source, ['budgets', 'per_team'], CODES.budgetExceeded, `expected per-team budgets to add up to at most the monthly budget (${formatMoney(budgets.monthly)}), got ${formatMoney(teamTotal)}`,
      'Lower some team budgets or raise budgets.monthly.');
  }
  if (budgets.daily.cents > budgets.monthly.cents) {
    report(source, ['budgets', 'daily'], CODES.budgetExceeded, `expected a daily budget no larger than the monthly one (${formatMoney(budgets.monthly)}), got ${formatMoney(budgets.daily)}`, 'Check the two amounts.');
  }
  // A monthly budget alerts at each threshold, and once more per threshold on the forecast; AWS Budgets takes ten.
  const thresholds = new Set(budgets.alert_thresholds.map((t) => Math.round(t * 10_000))).size;
  const alerts = thresholds * (budgets.forecast_alerts ? 2 : 1);
  if (alerts > MAX_ALERTS_PER_BUDGET) {
    report(source, ['budgets', 'alert_thresholds'], CODES.outOfRange,
      `expected at most ${MAX_ALERTS_PER_BUDGET} alerts per budget (AWS Budgets' limit), got ${alerts} (${thresholds} thresholds${budgets.forecast_alerts ? ', each also on the forecast' : ''})`,
      `Use at most ${budgets.forecast_alerts ? MAX_ALERTS_PER_BUDGET / 2 : MAX_ALERTS_PER_BUDGET} thresholds${budgets.forecast_alerts ? ', or set forecast_alerts: false' : ''}.`);
  }
}

/** Notifications AWS Budgets allows on one budget. */
const MAX_ALERTS_PER_BUDGET = 10;

function checkEnvironmentBudgets(files: WorkspaceFiles, { report, suggest }: CheckContext): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  const governance = files.governance?.data;
  workspace.data.environments.forEach((env, e) => {
    const base: YamlPath = ['environments', e];
    const budget = env.budgets;
    if (budget?.daily && budget.monthly && budget.daily.cents > budget.monthly.cents) {
      report(source, [...base, 'budgets', 'daily'], CODES.budgetExceeded, `expected a daily budget no larger than the monthly one (${formatMoney(budget.monthly)}), got ${formatMoney(budget.daily)}`, 'Check the two amounts.');
    }
    // Team budgets apply in every environment, so they must fit each environment's monthly budget.
    if (governance && (budget?.monthly || budget?.per_team)) {
      const monthly = budget.monthly ?? governance.budgets.monthly;
      const perTeam = budget.per_team ?? governance.budgets.per_team;
      const total = Object.values(perTeam).reduce((sum, m) => sum + m.cents, 0);
      if (total > monthly.cents) {
        report(source, [...base, 'budgets', budget.per_team ? 'per_team' : 'monthly'], CODES.budgetExceeded,
          `expected the team budgets of ${env.name} (${formatMoney(total)}) to fit its monthly budget, got ${formatMoney(monthly)}`,
          'Give the environment its own budgets.per_team, or raise its monthly budget.');
      }
      if (budget.per_team) {
        for (const team of Object.keys(budget.per_team)) {
          if (!Object.hasOwn(governance.budgets.per_team, team)) {
            report(source, [...base, 'budgets', 'per_team', team], CODES.danglingReference, `expected a team of governance.yml budgets.per_team, got "${team}"`,
              suggest(team, Object.keys(governance.budgets.per_team), 'team'));
          }
        }
      }
    }
  });
}
