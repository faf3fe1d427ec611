/** The classification table: its shape, and which rule decides each kind of change. */
import type { DetectedChange } from '../../lib/plan/detected';
import type { RuleInput } from '../../lib/plan/rules';
import { classify, RULES } from '../../lib/plan/rules';
import type { AccessComparison } from '../../lib/plan/types';

function change(overrides: Partial<DetectedChange> = {}): DetectedChange {
  return {
    id: 'cfn:s/R', target: { kind: 'cloudformation', stack: 's', logicalId: 'R', resourceType: 'AWS::SNS::Topic' }, action: 'update',
    properties: [{ path: 'Properties.DisplayName', old: 'a', new: 'b' }], stateful: false, retained: false, metadataOnly: false, ...overrides,
  };
}
const input = (c: DetectedChange, extra: Partial<RuleInput> = {}): RuleInput => ({ change: c, newTenant: false, newAgent: false, removedOwner: undefined, agentOwned: false, ...extra });
const access = (effect: AccessComparison['effect']): AccessComparison => ({ surface: 'IAM policy', effect, findings: [] });
const k8s = { kind: 'kubernetes' as const, cluster: 'dev/eu-west-1', apiVersion: 'apps/v1', objectKind: 'Deployment', namespace: 'web', name: 'reviewer', file: 'f' };

describe('RULES', () => {
  test('every rule has a unique id, a reason and change types; the last one always applies', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.reason.length).toBeGreaterThan(40);
      expect(rule.changeTypes.length).toBeGreaterThan(0);
    }
    expect(RULES[RULES.length - 1]!.applies(input(change()))).toBe(true);
  });

  test.each([
    ['a retained bucket replaced', change({ action: 'replace', stateful: true, retained: true }), {}, 'stateful-removed-or-replaced', 'high'],
    ['a log group removed', change({ action: 'remove', stateful: true }), {}, 'stateful-removed-or-replaced', 'high'],
    ['a retained resource of any type removed', change({ action: 'remove', retained: true }), {}, 'stateful-removed-or-replaced', 'high'],
    ['a namespace of a removed tenant', change({ action: 'remove', stateful: true }), { removedOwner: 'tenant' as const }, 'stateful-removed-or-replaced', 'high'],
    ['a new tenant\'s IAM role (its grants are new by definition)', change({ action: 'add', access: access('widened') }), { newTenant: true }, 'new-tenant', 'medium'],
    ['a new agent\'s workload', change({ action: 'add', target: k8s }), { newAgent: true, agentOwned: true }, 'new-agent', 'medium'],
    ['a policy widened', change({ access: access('widened') }), {}, 'access-widened', 'high'],
    ['a widening added to an existing tenant', change({ action: 'add', access: access('widened') }), {}, 'access-widened', 'high'],
    ['a policy narrowed', change({ access: access('narrowed') }), {}, 'access-narrowed', 'medium'],
    ['a removed agent\'s identity', change({ action: 'remove', access: access('narrowed') }), { removedOwner: 'agent' as const }, 'owner-removed', 'medium'],
    ['a role\'s tags', change({ metadataOnly: true, access: access('same') }), {}, 'metadata-only', 'low'],
    ['a bucket\'s tags', change({ metadataOnly: true, stateful: true }), {}, 'metadata-only', 'low'],
    ['a topic replaced', change({ action: 'replace' }), {}, 'replaced', 'medium'],
    ['a topic removed', change({ action: 'remove' }), {}, 'removed', 'medium'],
    ['a log group\'s retention', change({ stateful: true }), {}, 'stateful-updated', 'medium'],
    ['a node group resized', change({ target: { kind: 'cloudformation', stack: 's', logicalId: 'N', resourceType: 'AWS::EKS::Nodegroup' } }), {}, 'shared-infrastructure-updated', 'medium'],
    ['an agent\'s image', change({ target: k8s, access: access('same') }), { agentOwned: true }, 'agent-updated', 'low'],
    ['a resource added that grants nothing', change({ action: 'add' }), {}, 'added', 'low'],
    ['any other setting', change(), {}, 'updated', 'low'],
  ])('%s: %s', (_name, c, extra, id, risk) => {
    const rule = classify(input(c, extra));
    expect([rule.id, rule.risk]).toEqual([id, risk]);
  });

  test('a new tenant and a new agent are agent-creation changes', () => {
    expect(classify(input(change({ action: 'add' }), { newTenant: true })).changeTypes).toEqual(['tenant_provisioning', 'agent_creation']);
    expect(classify(input(change({ action: 'add' }), { newAgent: true })).changeTypes).toEqual(['agent_creation']);
  });

  test('a table without a rule that always applies is refused', () => {
    expect(() => classify(input(change()), [])).toThrow(/no rule applies to cfn:s\/R/);
  });
});
