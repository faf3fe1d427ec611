import { scpSecurityServices } from '../../../lib/compliance/checks/scp-security-services';
import { evidence, failing, run, stack } from '../helpers';
import { PROTECT, scp } from './scp-fixtures';

const org = { account: '111111111111', region: 'us-east-1' };

describe('scp-security-services', () => {
  test('passes an SCP denying the protected CloudTrail, GuardDuty and Security Hub actions (wildcards count)', () => {
    expect(run(scpSecurityServices, evidence([stack('guardrails', { Protect: scp(PROTECT) }, org)])).status).toBe('pass');
  });

  test('fails an SCP that leaves GuardDuty and Security Hub unprotected', () => {
    const result = run(scpSecurityServices, evidence([stack('guardrails', { Protect: scp([PROTECT[0]]) }, org)]));
    expect(failing(result)).toEqual(['Protect']);
    expect(result.findings[0]!.message).toMatch(/guardduty:DeleteDetector, guardduty:UpdateDetector, securityhub:DisableSecurityHub/);
  });
});
