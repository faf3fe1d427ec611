/** Security group rules compared rule by rule: ports, protocols, CIDR containment, peers, and the default egress. */
import { compareSecurityGroupRules, securityGroupRule, securityGroupRules } from '../../../lib/plan/access/security-group-rules';

const ingress = (rule: Record<string, unknown>) => securityGroupRule('ingress', rule);
const HTTPS_VPC = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' };

describe('compareSecurityGroupRules', () => {
  test.each([
    ['the same rule', [HTTPS_VPC], [HTTPS_VPC], 'same'],
    ['a port range widened', [HTTPS_VPC], [{ ...HTTPS_VPC, FromPort: 0, ToPort: 65535 }], 'widened'],
    ['a CIDR widened to the internet', [HTTPS_VPC], [{ ...HTTPS_VPC, CidrIp: '0.0.0.0/0' }], 'widened'],
    ['a CIDR narrowed inside the old one', [HTTPS_VPC], [{ ...HTTPS_VPC, CidrIp: '10.0.1.0/24' }], 'narrowed'],
    ['all protocols instead of TCP', [HTTPS_VPC], [{ IpProtocol: '-1', CidrIp: '10.0.0.0/16' }], 'widened'],
    ['TCP written as its number', [HTTPS_VPC], [{ ...HTTPS_VPC, IpProtocol: '6' }], 'same'],
    ['a rule from another security group', [HTTPS_VPC], [HTTPS_VPC, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: { Ref: 'Other' } }], 'widened'],
    ['an IPv6 range within the old one', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '2001:db8::/32' }], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '2001:db8:1::/48' }], 'narrowed'],
    ['a rule removed', [HTTPS_VPC, { ...HTTPS_VPC, FromPort: 80, ToPort: 80 }], [HTTPS_VPC], 'narrowed'],
  ])('%s', (_name, before, after, expected) => {
    expect(compareSecurityGroupRules(before.map(ingress), after.map(ingress)).effect).toBe(expected);
  });

  test('a security group without egress rules allows all egress, as EC2 does', () => {
    const closed = securityGroupRules({ SecurityGroupEgress: [{ IpProtocol: 'icmp', FromPort: 252, ToPort: 86, CidrIp: '255.255.255.255/32' }] });
    const open = securityGroupRules({});
    const result = compareSecurityGroupRules(closed, open);
    expect(result.effect).toBe('widened');
    expect(result.findings).toContain('allows egress all traffic to 0.0.0.0/0');
  });

  test('names the rule it finds', () => {
    expect(compareSecurityGroupRules([ingress(HTTPS_VPC)], [ingress({ ...HTTPS_VPC, CidrIp: '0.0.0.0/0' })]).findings).toEqual(['allows ingress tcp 443 from 0.0.0.0/0']);
    expect(compareSecurityGroupRules([ingress(HTTPS_VPC)], [ingress({ ...HTTPS_VPC, FromPort: 80, ToPort: 80 })]).findings).toEqual([
      'allows ingress tcp 80 from 10.0.0.0/16',
      'no longer allows ingress tcp 443 from 10.0.0.0/16',
    ]);
  });
});
