import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import { cfnRef, conditionValues, scpsTargeting, statementsOf, stringsOf } from '../private/cfn';

const FIX = 'Attach the deny-outside-data-residency SCP (policies/scp/) to the environment\'s OU with `data_residency.allowed_regions`.';
const OPERATORS = ['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike'];

/** Where residency is enforced, an SCP denies every regional request outside the allowed regions. */
export const scpDataResidency: CheckDefinition = {
  id: 'scp-data-residency',
  title: 'An SCP keeps data in the allowed regions',
  description: 'For each environment whose data residency is enforced, a service control policy attached to its OU (or account) denies every request (global services aside) to a region outside `data_residency.allowed_regions`, and allows no other region.',
  run: (evidence, req) => req.environments.filter((e) => e.residency.mode === 'enforced').map((env): Finding => {
    const target = env.organizationalUnit ?? env.account;
    const allowed = env.residency.allowedRegions;
    for (const policy of scpsTargeting(evidence, target)) {
      for (const s of statementsOf(policy.props.Content)) {
        const regions = conditionValues(s, OPERATORS, 'aws:RequestedRegion');
        const broad = s.NotAction !== undefined || stringsOf(s.Action).includes('*');
        if (s.Effect !== 'Deny' || !broad || regions === undefined) continue;
        const extra = regions.filter((r) => !allowed.includes(r));
        if (extra.length > 0 || regions.length === 0) {
          return fail(cfnRef(policy), `environment ${env.name}: the SCP allows regions outside the residency: ${extra.join(', ') || '(empty list)'}`, FIX);
        }
        return pass(cfnRef(policy), `environment ${env.name}: requests outside ${regions.join(', ')} denied`);
      }
    }
    return fail(scope(`environment ${env.name} (target ${target})`), 'residency is enforced but no attached SCP denies requests outside the allowed regions', FIX);
  }),
};
