import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import { cfnRef, conditionValues, scpsTargeting, statementsOf, stringsOf } from '../private/cfn';

const FIX = 'Attach the protect-security-baseline SCP (policies/scp/), whose DenyRootUser statement denies every action to `arn:<partition>:iam::*:root`.';

/** An SCP denies every action to the root user of member accounts. */
export const scpDenyRoot: CheckDefinition = {
  id: 'scp-deny-root',
  title: 'An SCP denies the root user',
  description: 'For each environment, a service control policy attached to its OU (or account) denies all actions when the principal is an account root user, so root credentials of member accounts cannot be used.',
  run: (evidence, req) => req.environments.map((env): Finding => {
    const target = env.organizationalUnit ?? env.account;
    for (const policy of scpsTargeting(evidence, target)) {
      const denies = statementsOf(policy.props.Content).some((s) => {
        const principals = conditionValues(s, ['ArnLike', 'StringLike', 'ArnEquals', 'StringEquals'], 'aws:PrincipalArn') ?? [];
        return s.Effect === 'Deny' && stringsOf(s.Action).includes('*') && principals.some((p) => /^arn:[^:]+:iam::(\*|\d{12}):root$/.test(p));
      });
      if (denies) return pass(cfnRef(policy), `environment ${env.name}: every action denied to the root user`);
    }
    return fail(scope(`environment ${env.name} (target ${target})`), 'no attached SCP denies the root user', FIX);
  }),
};
