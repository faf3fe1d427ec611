import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { BudgetAlertTopic } from '../../../constructs/budgets/budget-alert-topic';
import type { BudgetAlertTopicProps } from '../../../constructs/budgets/budget-alert-topic';

function build(props: BudgetAlertTopicProps = {}): Template {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Alerts', { env: { account: '222222222222', region: 'eu-west-1' } });
  new BudgetAlertTopic(stack, 'Alerts', props);
  return Template.fromStack(stack);
}

const fromThisAccount = {
  StringEquals: { 'aws:SourceAccount': '222222222222' },
  ArnLike: { 'aws:SourceArn': 'arn:aws:budgets::222222222222:*' },
};

test('the topic is encrypted with a dedicated, rotated, retained key', () => {
  const t = build();
  t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsKey'), 'Arn'] } });
  t.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true, RotationPeriodInDays: 365 } });
});

test('the key can be dropped with the stack when told', () => {
  build({ keyRemovalPolicy: RemovalPolicy.DESTROY }).hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
});

test('the key lets AWS Budgets of this account encrypt messages', () => {
  build().hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([{
        Sid: 'AllowBudgetsToPublishEncrypted',
        Effect: 'Allow',
        Principal: { Service: 'budgets.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: fromThisAccount,
      }]),
    },
  });
});

test('the topic policy lets AWS Budgets of this account publish, over TLS only', () => {
  build().hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        {
          Sid: 'AllowBudgetsToPublish',
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: Match.stringLikeRegexp('^AlertsTopic') },
          Condition: fromThisAccount,
        },
      ]),
    },
  });
});

test('subscribes each email and HTTPS endpoint', () => {
  const t = build({ emails: ['finops@acme.example', 'leads@acme.example'], httpsEndpoints: ['https://events.pagerduty.example/x'] });
  t.resourceCountIs('AWS::SNS::Subscription', 3);
  for (const email of ['finops@acme.example', 'leads@acme.example']) {
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: email });
  }
  t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://events.pagerduty.example/x' });
});

test('refuses a plain HTTP endpoint', () => {
  expect(() => build({ httpsEndpoints: ['http://example.com/hook'] })).toThrow(/expected an https:\/\/ endpoint, got "http:\/\/example.com\/hook"/);
});
