import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PlatformStackProps } from './stack-props';

export type GuardrailStackProps = PlatformStackProps;

/** Service control policies of an environment, deployed in the management account's home region. */
export class GuardrailStack extends Stack {
  constructor(scope: Construct, id: string, props: GuardrailStackProps) {
    super(scope, id, props);
    throw new Error('GuardrailStack: not yet built');
  }
}
