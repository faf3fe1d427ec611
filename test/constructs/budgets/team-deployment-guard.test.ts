import { App, Stack, aws_iam as iam, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { BudgetPeriod, CostBudget } from '../../../constructs/budgets/cost-budget';
import { DeploymentFreezePolicy } from '../../../constructs/budgets/deployment-freeze-policy';
import { TeamDeploymentGuard } from '../../../constructs/budgets/team-deployment-guard';
import type { TeamDeploymentGuardProps } from '../../../constructs/budgets/team-deployment-guard';

function build(props: Partial<TeamDeploymentGuardProps> = {}): Template {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Guard', { env: { account: '300000000000', region: 'us-east-1' } });
  const topic = new sns.Topic(stack, 'Topic');
  const budget = new CostBudget(stack, 'Budget', { budgetName: 'acme-prod-team-web-monthly', period: BudgetPeriod.MONTHLY, limitCents: 100_000, topic });
  const freeze = new DeploymentFreezePolicy(stack, 'Freeze');
  new TeamDeploymentGuard(stack, 'Web', {
    team: 'web',
    roleName: 'oaas-prod-web-deployer',
    budget,
    freezePolicy: freeze.policy,
    topic,
    regions: ['us-east-1', 'eu-west-1'],
    stackNamePrefix: 'oaas-prod-web-',
    ...props,
  });
  return Template.fromStack(stack);
}

const freezeRef = { Ref: Match.stringLikeRegexp('^Freeze') };

test('applies the freeze policy to the team role at 100% of actual spend, automatically, and tells the topic', () => {
  build().hasResourceProperties('AWS::Budgets::BudgetsAction', {
    BudgetName: 'acme-prod-team-web-monthly',
    ActionType: 'APPLY_IAM_POLICY',
    ActionThreshold: { Type: 'PERCENTAGE', Value: 100 },
    NotificationType: 'ACTUAL',
    ApprovalModel: 'AUTOMATIC',
    ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebExecutionRole'), 'Arn'] },
    Definition: { IamActionDefinition: { PolicyArn: freezeRef, Roles: [{ Ref: Match.stringLikeRegexp('^WebDeployerRole') }] } },
    Subscribers: [{ Type: 'SNS', Address: { Ref: Match.stringLikeRegexp('^Topic') } }],
  });
});

test('takes another threshold', () => {
  build({ thresholdPercent: 120 }).hasResourceProperties('AWS::Budgets::BudgetsAction', { ActionThreshold: { Type: 'PERCENTAGE', Value: 120 } });
});

test('the execution role is assumed by AWS Budgets for this budget and may only attach or detach the freeze policy to the team role', () => {
  const t = build();
  t.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Statement: [{
        Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '300000000000' },
          ArnLike: { 'aws:SourceArn': ['arn:aws:budgets::300000000000:budget/acme-prod-team-web-monthly', 'arn:aws:budgets::300000000000:budget/acme-prod-team-web-monthly/action/*'] },
        },
      }],
    },
  });
  t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
    Roles: [{ Ref: Match.stringLikeRegexp('^WebExecutionRole') }],
    PolicyDocument: {
      Statement: [{
        Sid: 'ToggleDeploymentFreeze', Effect: 'Allow',
        Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
        Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebDeployerRole'), 'Arn'] },
        Condition: { ArnEquals: { 'iam:PolicyARN': freezeRef } },
      }],
    },
  });
});

test('the deployment role is named, assumed from the account, and may only reach clusters and deploy the team\'s stacks', () => {
  const t = build();
  t.hasResourceProperties('AWS::IAM::Role', {
    RoleName: 'oaas-prod-web-deployer',
    AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::300000000000:root' } }] },
  });
  t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
    Roles: [{ Ref: Match.stringLikeRegexp('^WebDeployerRole') }],
    PolicyDocument: {
      Statement: [
        { Sid: 'ReachClusters', Effect: 'Allow', Action: 'eks:DescribeCluster', Resource: ['arn:aws:eks:eu-west-1:300000000000:cluster/*', 'arn:aws:eks:us-east-1:300000000000:cluster/*'] },
        Match.objectLike({
          Sid: 'DeployTeamStacks', Effect: 'Allow',
          Resource: ['arn:aws:cloudformation:eu-west-1:300000000000:stack/oaas-prod-web-*/*', 'arn:aws:cloudformation:us-east-1:300000000000:stack/oaas-prod-web-*/*'],
        }),
      ],
    },
  });
});

test('the deployment role trusts the given principal', () => {
  build({ assumedBy: new iam.ArnPrincipal('arn:aws:iam::300000000000:role/ci') }).hasResourceProperties('AWS::IAM::Role', {
    RoleName: 'oaas-prod-web-deployer',
    AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { AWS: 'arn:aws:iam::300000000000:role/ci' } })] },
  });
});

test('the action is created after its budget and its execution role\'s policy', () => {
  const t = build();
  const action = Object.values(t.findResources('AWS::Budgets::BudgetsAction'))[0]!;
  const budget = Object.keys(t.findResources('AWS::Budgets::Budget'))[0]!;
  const executionPolicy = Object.keys(t.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WebExecutionRole') }] } }))[0]!;
  expect(action.DependsOn).toEqual(expect.arrayContaining([budget, executionPolicy]));
});

test.each<[string, Partial<TeamDeploymentGuardProps>, RegExp]>([
  ['a role name over 64 characters', { roleName: 'r'.repeat(65) }, /expected a role name of 1 to 64/],
  ['no region', { regions: [] }, /expected at least one region/],
  ['a threshold of 0', { thresholdPercent: 0 }, /expected thresholdPercent above 0/],
])('refuses %s', (_name, props, message) => {
  expect(() => build(props)).toThrow(message);
});
