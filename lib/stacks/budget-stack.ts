import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BudgetAlertTopic } from '../../constructs/budgets/budget-alert-topic';
import { CostBudget } from '../../constructs/budgets/cost-budget';
import { DeploymentFreezePolicy } from '../../constructs/budgets/deployment-freeze-policy';
import { TeamDeploymentGuard } from '../../constructs/budgets/team-deployment-guard';
import { budgetPlan } from '../mapping/budgets';
import { idFrom } from '../conventions/naming';
import { withinStackLimits } from './private/resource-budget';
import type { PlatformStackProps } from './stack-props';

/** What to change when the stack passes its resource or template limit. */
const LIMITS_FIX = 'it grows with the teams that have a budget (a budget and a deployment guard each): merge teams in governance.yml budgets';

export type BudgetStackProps = PlatformStackProps;

/** Daily, monthly and per-team budgets of an environment, their alerts and automatic controls. */
export class BudgetStack extends Stack {
  public readonly alerts: BudgetAlertTopic;
  /** Budgets by key: `daily`, `monthly`, `team-<team>`. */
  public readonly budgets: Readonly<Record<string, CostBudget>>;
  /** Deployment guards by team; empty when deployments are never frozen. */
  public readonly teamGuards: Readonly<Record<string, TeamDeploymentGuard>>;

  constructor(scope: Construct, id: string, props: BudgetStackProps) {
    super(scope, id, withinStackLimits(props, LIMITS_FIX));
    const plan = budgetPlan(props.model, props.environment);
    this.alerts = new BudgetAlertTopic(this, 'Alerts', plan.topic);

    const budgets: Record<string, CostBudget> = {};
    for (const spec of plan.budgets) {
      budgets[spec.key] = new CostBudget(this, `${idFrom(spec.key)}Budget`, { ...spec.props, topic: this.alerts.topic });
    }
    this.budgets = budgets;

    const guards: Record<string, TeamDeploymentGuard> = {};
    if (plan.freezePolicyName) {
      const freeze = new DeploymentFreezePolicy(this, 'DeploymentFreeze', { managedPolicyName: plan.freezePolicyName });
      for (const { budgetKey, ...guard } of plan.teamGuards) {
        guards[guard.team] = new TeamDeploymentGuard(this, `${idFrom(guard.team)}DeploymentGuard`, {
          ...guard,
          budget: budgets[budgetKey]!,
          freezePolicy: freeze.policy,
          topic: this.alerts.topic,
        });
      }
    }
    this.teamGuards = guards;
  }
}
