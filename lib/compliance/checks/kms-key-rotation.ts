import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { cfnRef, resourcesOfType } from '../private/cfn';

const FIX = 'Set `enableKeyRotation: true` on the key (kms.Key); keep `rotationPeriod` at one year or less.';

/** Customer-managed symmetric keys rotate their key material at least yearly (CT.KMS.PR.1). */
export const kmsKeyRotation: CheckDefinition = {
  id: 'kms-key-rotation',
  title: 'KMS keys rotate at least yearly',
  description: 'Every symmetric customer-managed KMS key has automatic rotation on, with a period of at most 365 days, limiting how much data one key version protects.',
  synthRules: ['CT.KMS.PR.1'],
  run: (evidence) => resourcesOfType(evidence, 'AWS::KMS::Key').flatMap((r) => {
    const spec = r.props.KeySpec;
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return [];
    if (r.props.EnableKeyRotation !== true && r.props.EnableKeyRotation !== 'true') return [fail(cfnRef(r), 'automatic key rotation is off', FIX)];
    const period = Number(r.props.RotationPeriodInDays ?? 365);
    if (period > 365) return [fail(cfnRef(r), `rotation runs every ${period} days, more than 365`, FIX)];
    return [pass(cfnRef(r), `rotation on, every ${period} days`)];
  }),
};
