import { budgetNotifications } from '../../../lib/compliance/checks/budget-notifications';
import { evidence, failing, run, stack } from '../helpers';

const budget = (notifications?: unknown[]) => ({
  Type: 'AWS::Budgets::Budget',
  Properties: { Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY' }, ...(notifications ? { NotificationsWithSubscribers: notifications } : {}) },
});
const notify = (subscribers: unknown[]) => ({ Notification: { Threshold: 80 }, Subscribers: subscribers });

describe('budget-notifications', () => {
  test('passes a budget in the environment account that notifies finops', () => {
    const result = run(budgetNotifications, evidence([stack('budgets', { Monthly: budget([notify([{ SubscriptionType: 'EMAIL', Address: 'finops@example.com' }])]) })]));
    expect(result.status).toBe('pass');
  });

  test('fails a silent budget, a notification without subscribers, and an environment without budgets', () => {
    const result = run(budgetNotifications, evidence([stack('budgets', { Silent: budget(), Nobody: budget([notify([])]) })]));
    expect(failing(result)).toEqual(['Silent', 'Nobody']);
    expect(failing(run(budgetNotifications, evidence([])))).toEqual(['environment prod (account 222222222222)']);
  });
});
