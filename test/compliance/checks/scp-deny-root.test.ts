import { scpDenyRoot } from '../../../lib/compliance/checks/scp-deny-root';
import { evidence, failing, run, stack } from '../helpers';
import { DENY_ROOT, scp } from './scp-fixtures';

const org = { account: '111111111111', region: 'us-east-1' };

describe('scp-deny-root', () => {
  test('passes an SCP denying every action to root principals', () => {
    expect(run(scpDenyRoot, evidence([stack('guardrails', { Protect: scp([DENY_ROOT]) }, org)])).status).toBe('pass');
  });

  test('fails when the root statement denies only some actions', () => {
    const result = run(scpDenyRoot, evidence([stack('guardrails', { Protect: scp([{ ...DENY_ROOT, Action: 'iam:*' }]) }, org)]));
    expect(failing(result)).toEqual(['environment prod (target ou-abcd-prod1234)']);
  });
});
