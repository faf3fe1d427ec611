import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import { asArray, cfnRef, get, resourcesOfType, workloadRegions } from '../private/cfn';

const FIX = 'Use the budget stack: governance `budgets` with `alert_thresholds` and at least one `notifications` endpoint.';

/** Every environment account has budgets, and every budget notifies someone. */
export const budgetNotifications: CheckDefinition = {
  id: 'budget-notifications',
  title: 'Budgets alert someone',
  description: 'Each environment account (or, without a definition, each account running workloads) has at least one AWS budget, and every budget has notifications with at least one subscriber, so overspend is noticed.',
  synthRules: ['oaas-budget-notifications'],
  run: (evidence, req) => {
    const budgets = resourcesOfType(evidence, 'AWS::Budgets::Budget');
    const findings: Finding[] = budgets.map((b) => {
      const notifications = asArray(b.props.NotificationsWithSubscribers);
      const silent = notifications.filter((n) => asArray(get(n, 'Subscribers')).length === 0).length;
      if (notifications.length === 0) return fail(cfnRef(b), 'the budget has no notification', FIX);
      if (silent > 0) return fail(cfnRef(b), `${silent} notification(s) without a subscriber`, FIX);
      return pass(cfnRef(b), `${notifications.length} notification(s), each with subscribers`);
    });
    const accounts = req.environments.length > 0 ? req.environments.map((e) => ({ account: e.account, label: `environment ${e.name}` }))
      : [...new Set(workloadRegions(evidence).map((w) => w.account))].map((account) => ({ account, label: `account ${account}` }));
    for (const { account, label } of accounts) {
      if (!budgets.some((b) => (b.template.account ?? 'unknown-account') === account)) findings.push(fail(scope(`${label} (account ${account})`), 'no budget', FIX));
    }
    return findings;
  },
};
