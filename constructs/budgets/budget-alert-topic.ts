import { Duration, RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms, aws_sns as sns, aws_sns_subscriptions as subscriptions } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface BudgetAlertTopicProps {
  /**
   * Email addresses subscribed to the topic (each confirms by email).
   * @default - none
   */
  readonly emails?: readonly string[];
  /**
   * HTTPS endpoints subscribed to the topic (paging services; each confirms the subscription).
   * @default - none
   */
  readonly httpsEndpoints?: readonly string[];
  /**
   * Display name of the topic, shown as the sender of emails.
   * @default - none
   */
  readonly displayName?: string;
  /**
   * What happens to the topic's key when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

/**
 * The SNS topic AWS Budgets publishes alerts and action notices to, encrypted
 * with a dedicated customer-managed key.
 *
 * Secure defaults: key rotation on; only `budgets.amazonaws.com`, acting for
 * this account (`aws:SourceAccount`, `aws:SourceArn`), may use the key and
 * publish to the topic besides the account itself; publishing requires TLS.
 */
export class BudgetAlertTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: BudgetAlertTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const budgetsPrincipal = new iam.ServicePrincipal('budgets.amazonaws.com');
    const fromThisAccount = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:budgets::${stack.account}:*` },
    };

    this.key = new kms.Key(this, 'Key', {
      description: 'Budget alert topic encryption',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(30),
      removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowBudgetsToPublishEncrypted',
      principals: [budgetsPrincipal],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: fromThisAccount,
    }));

    this.topic = new sns.Topic(this, 'Topic', {
      masterKey: this.key,
      enforceSSL: true,
      ...(props.displayName ? { displayName: props.displayName } : {}),
    });
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowBudgetsToPublish',
      principals: [budgetsPrincipal],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: fromThisAccount,
    }));

    for (const email of props.emails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    for (const url of props.httpsEndpoints ?? []) {
      if (!url.startsWith('https://')) throw new Error(`BudgetAlertTopic: expected an https:// endpoint, got "${url}"`);
      this.topic.addSubscription(new subscriptions.UrlSubscription(url, { protocol: sns.SubscriptionProtocol.HTTPS }));
    }
  }
}
