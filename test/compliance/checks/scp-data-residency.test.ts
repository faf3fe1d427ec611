import { scpDataResidency } from '../../../lib/compliance/checks/scp-data-residency';
import { ENVIRONMENT, evidence, failing, requirements, run, stack } from '../helpers';
import { REGION_DENY, scp } from './scp-fixtures';

const org = { account: '111111111111', region: 'us-east-1' };

describe('scp-data-residency', () => {
  test('passes an attached SCP denying requests outside the allowed regions', () => {
    expect(run(scpDataResidency, evidence([stack('guardrails', { Residency: scp([REGION_DENY]) }, org)])).status).toBe('pass');
  });

  test('fails an SCP allowing a region outside the residency, and an environment without one', () => {
    const wide = { ...REGION_DENY, Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } };
    const result = run(scpDataResidency, evidence([stack('guardrails', { Residency: scp([wide]) }, org)]));
    expect(failing(result)).toEqual(['Residency']);
    expect(result.findings[0]!.message).toMatch(/us-east-1/);
    const unattached = run(scpDataResidency, evidence([stack('guardrails', { Residency: scp([REGION_DENY], ['ou-other-00000000']) }, org)]));
    expect(failing(unattached)).toEqual(['environment prod (target ou-abcd-prod1234)']);
  });

  test('asks nothing of an environment whose residency is advisory', () => {
    const req = requirements({ environments: [{ ...ENVIRONMENT, residency: { mode: 'advisory', allowedRegions: ['eu-west-1'] } }] });
    expect(run(scpDataResidency, evidence([]), req).status).toBe('not_applicable');
  });
});
