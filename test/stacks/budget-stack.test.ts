import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { WorkspaceModel } from '../../lib/definition/model';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { BudgetStack } from '../../lib/stacks/budget-stack';
import { nagFindings } from '../helpers/nag';
import { exampleModel } from '../helpers/workspace';

function build(model: WorkspaceModel, envName?: string, app = new App({ context: { ...FEATURE_FLAGS } })): BudgetStack {
  const environment = envName ? model.environments.find((e) => e.name === envName)! : model.environments[0]!;
  return new BudgetStack(app, `${model.organization.name}-${environment.name}-budgets`, {
    model, environment, env: { account: environment.account, region: environment.regions[0]!.region },
  });
}

/** The properties of an `AWS::Budgets::Budget` as synthesized. */
interface BudgetResource {
  readonly Budget: { readonly TimeUnit: string; readonly BudgetLimit: unknown; readonly CostFilters?: unknown };
  readonly NotificationsWithSubscribers?: ReadonlyArray<{ readonly Notification: { readonly NotificationType: string; readonly Threshold: number } }>;
}

const budgetProps = (t: Template, name: string): BudgetResource => {
  const found = Object.values(t.findResources('AWS::Budgets::Budget', { Properties: { Budget: { BudgetName: name } } }));
  expect(found).toHaveLength(1);
  return found[0]!.Properties as BudgetResource;
};

describe('BudgetStack (starter)', () => {
  const stack = build(exampleModel('starter'));
  const t = Template.fromStack(stack);

  test('builds the alert topic and key, four budgets, the freeze policy and a guard per team', () => {
    expect({
      budgets: Object.keys(t.findResources('AWS::Budgets::Budget')).length,
      actions: Object.keys(t.findResources('AWS::Budgets::BudgetsAction')).length,
      topics: Object.keys(t.findResources('AWS::SNS::Topic')).length,
      keys: Object.keys(t.findResources('AWS::KMS::Key')).length,
      roles: Object.keys(t.findResources('AWS::IAM::Role')).length,
      policies: Object.keys(t.findResources('AWS::IAM::ManagedPolicy')).length,
      subscriptions: Object.keys(t.findResources('AWS::SNS::Subscription')).length,
    }).toEqual({ budgets: 4, actions: 2, topics: 1, keys: 1, roles: 4, policies: 5, subscriptions: 1 });
    expect(Object.keys(stack.budgets)).toEqual(['daily', 'monthly', 'team-data', 'team-web']);
    expect(Object.keys(stack.teamGuards)).toEqual(['data', 'web']);
  });

  test('amounts come from the model in dollars', () => {
    expect(budgetProps(t, 'starter-dev-daily').Budget).toMatchObject({ TimeUnit: 'DAILY', BudgetLimit: { Amount: 50, Unit: 'USD' } });
    expect(budgetProps(t, 'starter-dev-monthly').Budget).toMatchObject({ TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 1500, Unit: 'USD' } });
    expect(budgetProps(t, 'starter-dev-team-data-monthly').Budget).toMatchObject({ BudgetLimit: { Amount: 600, Unit: 'USD' } });
    expect(budgetProps(t, 'starter-dev-team-web-monthly').Budget).toMatchObject({ BudgetLimit: { Amount: 800, Unit: 'USD' } });
  });

  test('team budgets filter on the oaas:team cost allocation tag', () => {
    expect(budgetProps(t, 'starter-dev-team-web-monthly').Budget.CostFilters).toEqual({ TagKeyValue: ['user:oaas:team$web'] });
    expect(budgetProps(t, 'starter-dev-monthly').Budget.CostFilters).toBeUndefined();
  });

  test('alerts at 80% and 100% of actual spend, and of forecast spend except on the daily budget', () => {
    const alerts = (name: string) => (budgetProps(t, name).NotificationsWithSubscribers ?? [])
      .map((n) => `${n.Notification.NotificationType} ${n.Notification.Threshold}`);
    expect(alerts('starter-dev-daily')).toEqual(['ACTUAL 80', 'ACTUAL 100']);
    for (const name of ['starter-dev-monthly', 'starter-dev-team-data-monthly']) {
      expect(alerts(name)).toEqual(['ACTUAL 80', 'ACTUAL 100', 'FORECASTED 80', 'FORECASTED 100']);
    }
  });

  test('every alert goes to the encrypted topic, which emails finops', () => {
    t.allResourcesProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: Match.arrayWith([Match.objectLike({ Subscribers: [{ SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('^AlertsTopic') } }] })]),
    });
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsKey'), 'Arn'] } });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'finops@starter.example' });
  });

  test('each team\'s action freezes that team\'s deployer role at 100% of actual spend', () => {
    for (const team of ['data', 'web']) {
      const cap = team[0]!.toUpperCase() + team.slice(1);
      t.hasResourceProperties('AWS::Budgets::BudgetsAction', {
        BudgetName: `starter-dev-team-${team}-monthly`,
        ActionType: 'APPLY_IAM_POLICY',
        ActionThreshold: { Type: 'PERCENTAGE', Value: 100 },
        NotificationType: 'ACTUAL',
        Definition: { IamActionDefinition: { PolicyArn: { Ref: Match.stringLikeRegexp('^DeploymentFreeze') }, Roles: [{ Ref: Match.stringLikeRegexp(`^${cap}DeploymentGuardDeployerRole`) }] } },
      });
      t.hasResourceProperties('AWS::IAM::Role', { RoleName: `oaas-dev-${team}-deployer` });
    }
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'starter-dev-deployment-freeze' });
  });

  test('keeps its key when the stack goes', () => {
    t.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('BudgetStack (enterprise)', () => {
  test('production: 4 team budgets and guards, alerts at 50/80/100% actual and forecast, email and PagerDuty', () => {
    const t = Template.fromStack(build(exampleModel('enterprise'), 'production'));
    t.resourceCountIs('AWS::Budgets::Budget', 6);
    t.resourceCountIs('AWS::Budgets::BudgetsAction', 4);
    expect(budgetProps(t, 'acme-production-daily').Budget.BudgetLimit).toEqual({ Amount: 1000, Unit: 'USD' });
    expect(budgetProps(t, 'acme-production-monthly').Budget.BudgetLimit).toEqual({ Amount: 30000, Unit: 'USD' });
    expect(budgetProps(t, 'acme-production-team-data-science-monthly').Budget).toMatchObject({
      BudgetLimit: { Amount: 12000, Unit: 'USD' }, CostFilters: { TagKeyValue: ['user:oaas:team$data-science'] },
    });
    expect(budgetProps(t, 'acme-production-monthly').NotificationsWithSubscribers).toHaveLength(6);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://events.pagerduty.example/integration/acme-budgets/enqueue' });
    t.resourceCountIs('AWS::SNS::Subscription', 3);
  });

  test('no action, deployer role or freeze policy when deployments are not frozen', () => {
    const model = exampleModel('starter');
    const env = model.environments[0]!;
    const changed = { ...env, budgets: { ...env.budgets, denyDeploymentsWhenExceeded: false } };
    const t = Template.fromStack(build({ ...model, environments: [changed] }));
    t.resourceCountIs('AWS::Budgets::BudgetsAction', 0);
    t.resourceCountIs('AWS::IAM::Role', 0);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    t.resourceCountIs('AWS::Budgets::Budget', 4);
  });
});

test.each(['starter', 'enterprise'] as const)('the %s budget stacks pass cdk-nag with no unacknowledged finding', (name) => {
  const model = exampleModel(name);
  const app = new App({ context: { ...FEATURE_FLAGS } });
  for (const environment of model.environments) build(model, environment.name, app);
  expect(nagFindings(app, { levels: ['error', 'warning'] })).toEqual([]);
});
