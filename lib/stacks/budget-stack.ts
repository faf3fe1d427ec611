import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PlatformStackProps } from './stack-props';

export type BudgetStackProps = PlatformStackProps;

/** Daily, monthly and per-team budgets of an environment, their alerts and automatic controls. */
export class BudgetStack extends Stack {
  constructor(scope: Construct, id: string, props: BudgetStackProps) {
    super(scope, id, props);
    throw new Error('BudgetStack: not yet built');
  }
}
