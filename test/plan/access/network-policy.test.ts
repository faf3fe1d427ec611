/** NetworkPolicies compared by what they allow and what they isolate, with the namespace's default deny taken into account. */
import { compareNetworkPolicies, isolatesNamespace, selectorText } from '../../../lib/plan/access/network-policy';

const agent = { matchLabels: { 'app.kubernetes.io/name': 'reviewer' } };
const egress = (to: unknown[], ports: unknown[] = [{ port: 443, protocol: 'TCP' }], podSelector: unknown = agent) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'reviewer-egress', namespace: 'web' },
  spec: { podSelector, policyTypes: ['Egress'], egress: [{ to, ports }] },
});
const defaultDeny = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'web' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
const VPC = [{ ipBlock: { cidr: '10.0.0.0/16' } }];

describe('compareNetworkPolicies', () => {
  test.each([
    ['the same policy', egress(VPC), egress(VPC), 'same'],
    ['an egress CIDR widened', egress(VPC), egress([{ ipBlock: { cidr: '10.0.0.0/8' } }]), 'widened'],
    ['an egress CIDR narrowed', egress(VPC), egress([{ ipBlock: { cidr: '10.0.1.0/24' } }]), 'narrowed'],
    ['an exception removed from an ip block', egress([{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.5.0/24'] } }]), egress(VPC), 'widened'],
    ['an exception added to an ip block', egress(VPC), egress([{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.5.0/24'] } }]), 'narrowed'],
    ['ports removed from a rule (every port)', egress(VPC), egress(VPC, []), 'widened'],
    ['a port range added', egress(VPC), egress(VPC, [{ port: 443, protocol: 'TCP' }, { port: 8000, endPort: 8100, protocol: 'TCP' }]), 'widened'],
    ['peers removed from a rule (anywhere)', egress(VPC), egress([]), 'widened'],
    ['the selected pods widened to the whole namespace', egress(VPC), egress(VPC, undefined, {}), 'widened'],
    ['a namespace selector peer added', egress(VPC), egress([...VPC, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shared' } } }]), 'widened'],
    ['a policy added', undefined, egress(VPC), 'widened'],
    ['a policy removed', egress(VPC), undefined, 'narrowed'],
  ])('%s', (_name, before, after, expected) => {
    expect(compareNetworkPolicies(before, after, { ingress: true, egress: true }).effect).toBe(expected);
  });

  test('removing the default deny widens: nothing else isolates the namespace', () => {
    const result = compareNetworkPolicies(defaultDeny, undefined, { ingress: false, egress: false });
    expect(result.effect).toBe('widened');
    expect(result.findings).toEqual(['no longer isolates pods all for ingress', 'no longer isolates pods all for egress']);
  });

  test('removing an agent\'s egress policy does not widen when a default deny still isolates the namespace', () => {
    expect(compareNetworkPolicies(egress(VPC), undefined, { ingress: true, egress: true }).effect).toBe('narrowed');
    expect(compareNetworkPolicies(egress(VPC), undefined, { ingress: true, egress: false }).effect).toBe('widened');
  });

  test('a default deny is a policy selecting every pod for its types', () => {
    expect(isolatesNamespace(defaultDeny, 'egress')).toBe(true);
    expect(isolatesNamespace(egress(VPC), 'egress')).toBe(false);
  });

  test('describes selectors as labels', () => {
    expect(selectorText('{}')).toBe('all');
    expect(selectorText(JSON.stringify({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }))).toBe('app=web, tier in (a, b)');
    expect(compareNetworkPolicies(egress(VPC), egress([{ ipBlock: { cidr: '0.0.0.0/0' } }]), { ingress: true, egress: true }).findings[0])
      .toBe('allows egress for pods app.kubernetes.io/name=reviewer to 0.0.0.0/0 on TCP 443');
  });
});
