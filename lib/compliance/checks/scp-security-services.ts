import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import { cfnRef, coversAction, scpsTargeting, statementsOf } from '../private/cfn';

/** Actions that would blind the platform's detective controls. */
export const PROTECTED_ACTIONS = [
  'cloudtrail:DeleteTrail', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail',
  'guardduty:DeleteDetector', 'guardduty:UpdateDetector',
  'securityhub:DisableSecurityHub', 'securityhub:BatchDisableStandards',
] as const;

const FIX = 'Attach the protect-security-baseline SCP (policies/scp/) to the environment\'s OU.';

/** An SCP stops member accounts from disabling CloudTrail, GuardDuty and Security Hub. */
export const scpSecurityServices: CheckDefinition = {
  id: 'scp-security-services',
  title: 'An SCP protects the security services',
  description: 'For each environment, a service control policy attached to its OU (or account) denies stopping, deleting or weakening CloudTrail, GuardDuty and Security Hub (break-glass exemptions allowed).',
  run: (evidence, req) => req.environments.map((env): Finding => {
    const target = env.organizationalUnit ?? env.account;
    const policies = scpsTargeting(evidence, target);
    const denies = policies.flatMap((p) => statementsOf(p.props.Content).filter((s) => s.Effect === 'Deny').map((s) => ({ p, s })));
    const unprotected = PROTECTED_ACTIONS.filter((a) => !denies.some(({ s }) => coversAction(s, a)));
    if (policies.length === 0) return fail(scope(`environment ${env.name} (target ${target})`), 'no SCP is attached', FIX);
    const first = denies.find(({ s }) => coversAction(s, PROTECTED_ACTIONS[0]))?.p ?? policies[0]!;
    return unprotected.length === 0
      ? pass(cfnRef(first), `environment ${env.name}: ${PROTECTED_ACTIONS.length} security-service actions denied`)
      : fail(cfnRef(first), `environment ${env.name}: not denied: ${unprotected.join(', ')}`, FIX);
  }),
};
