import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ServiceControlPolicy } from '../../constructs/guardrails/service-control-policy';
import { serviceControlPolicies } from '../mapping/guardrails';
import { idFrom } from '../conventions/naming';
import { withinStackLimits } from './private/resource-budget';
import type { PlatformStackProps } from './stack-props';

/** What to change when the stack passes its resource or template limit. */
const LIMITS_FIX = 'it holds one service control policy per guardrail template, independent of tenants; report the figure as a bug';

export type GuardrailStackProps = PlatformStackProps;

/** Service control policies of an environment, deployed in the management account's home region. */
export class GuardrailStack extends Stack {
  /** The environment's SCPs, by template name (`protect-security-baseline`, ...). */
  public readonly policies: Readonly<Record<string, ServiceControlPolicy>>;

  constructor(scope: Construct, id: string, props: GuardrailStackProps) {
    super(scope, id, withinStackLimits(props, LIMITS_FIX));
    const policies: Record<string, ServiceControlPolicy> = {};
    for (const spec of serviceControlPolicies(props.model, props.environment)) {
      policies[spec.key] = new ServiceControlPolicy(this, idFrom(spec.key), spec.props);
    }
    this.policies = policies;
  }
}
