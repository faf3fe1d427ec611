import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { BudgetAlertType, BudgetPeriod, CostBudget, tagKeyValue } from '../../../constructs/budgets/cost-budget';
import type { CostBudgetProps } from '../../../constructs/budgets/cost-budget';

function build(props: Partial<CostBudgetProps> = {}): Template {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Budgets', { env: { account: '222222222222', region: 'eu-west-1' } });
  new CostBudget(stack, 'Monthly', {
    budgetName: 'starter-dev-monthly',
    period: BudgetPeriod.MONTHLY,
    limitCents: 150_000,
    topic: new sns.Topic(stack, 'Topic'),
    ...props,
  });
  return Template.fromStack(stack);
}

const topicRef = { Ref: Match.stringLikeRegexp('^Topic') };

test('is a cost budget of the amount in dollars for the period', () => {
  build().hasResourceProperties('AWS::Budgets::Budget', {
    Budget: { BudgetName: 'starter-dev-monthly', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 1500, Unit: 'USD' }, CostFilters: Match.absent() },
    NotificationsWithSubscribers: Match.absent(),
  });
});

test('keeps cents', () => {
  build({ limitCents: 12_345, period: BudgetPeriod.DAILY }).hasResourceProperties('AWS::Budgets::Budget', {
    Budget: { TimeUnit: 'DAILY', BudgetLimit: { Amount: 123.45, Unit: 'USD' } },
  });
});

test('filters on a user cost allocation tag value', () => {
  expect(tagKeyValue({ key: 'oaas:team', value: 'web' })).toBe('user:oaas:team$web');
  build({ costAllocationTag: { key: 'oaas:team', value: 'web' } }).hasResourceProperties('AWS::Budgets::Budget', {
    Budget: { CostFilters: { TagKeyValue: ['user:oaas:team$web'] } },
  });
});

test('publishes every alert, actual and forecast, above its percentage to the topic', () => {
  build({
    alerts: [
      { type: BudgetAlertType.ACTUAL, thresholdPercent: 80 },
      { type: BudgetAlertType.FORECASTED, thresholdPercent: 100 },
    ],
  }).hasResourceProperties('AWS::Budgets::Budget', {
    NotificationsWithSubscribers: [
      {
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }],
      },
      {
        Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }],
      },
    ],
  });
});

test.each<[string, Partial<CostBudgetProps>, RegExp]>([
  ['a forecast alert on a daily budget', { period: BudgetPeriod.DAILY, alerts: [{ type: BudgetAlertType.FORECASTED, thresholdPercent: 100 }] }, /no forecast for daily budgets/],
  ['more than ten alerts', { alerts: Array.from({ length: 11 }, (_, i) => ({ type: BudgetAlertType.ACTUAL, thresholdPercent: 10 + i })) }, /at most 10 alerts .* got 11/],
  ['the same alert twice', { alerts: [{ type: BudgetAlertType.ACTUAL, thresholdPercent: 80 }, { type: BudgetAlertType.ACTUAL, thresholdPercent: 80 }] }, /alert ACTUAL 80% appears twice/],
  ['a threshold of 0%', { alerts: [{ type: BudgetAlertType.ACTUAL, thresholdPercent: 0 }] }, /thresholds above 0%/],
  ['a name with a colon', { budgetName: 'acme:dev' }, /without ":"/],
  ['fractions of a cent', { limitCents: 10.5 }, /whole number of cents, got 10.5/],
  ['a zero amount', { limitCents: 0 }, /positive whole number of cents, got 0/],
])('refuses %s', (_name, props, message) => {
  expect(() => build(props)).toThrow(message);
});

test('reports every problem at once', () => {
  expect(() => build({ budgetName: 'a:b', limitCents: 0 })).toThrow(/without ":".*; expected limitCents/);
});
