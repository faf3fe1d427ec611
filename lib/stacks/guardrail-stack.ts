import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ServiceControlPolicy } from '../../constructs/guardrails/service-control-policy';
import { serviceControlPolicies } from '../mapping/guardrails';
import { idFrom } from '../platform/naming';
import type { PlatformStackProps } from './stack-props';

export type GuardrailStackProps = PlatformStackProps;

/** Service control policies of an environment, deployed in the management account's home region. */
export class GuardrailStack extends Stack {
  /** The environment's SCPs, by template name (`protect-security-baseline`, ...). */
  public readonly policies: Readonly<Record<string, ServiceControlPolicy>>;

  constructor(scope: Construct, id: string, props: GuardrailStackProps) {
    super(scope, id, props);
    const policies: Record<string, ServiceControlPolicy> = {};
    for (const spec of serviceControlPolicies(props.model, props.environment)) {
      policies[spec.key] = new ServiceControlPolicy(this, idFrom(spec.key), spec.props);
    }
    this.policies = policies;
  }
}
