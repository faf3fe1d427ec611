/**
 * Widening or narrowing of security group rules (an `AWS::EC2::SecurityGroup`'s
 * inline rules, or standalone ingress and egress rules), decided rule by
 * rule: a new rule that no old rule of the same direction covers (protocol,
 * port range, a CIDR holding its range, or the same peer group or prefix
 * list) widens; an old rule no new one covers narrows. A security group
 * without egress rules allows all egress, as EC2 does.
 */
import { cidrCovers, valueText, showValue } from './patterns';
import type { StatementComparison } from './policy-statements';
import { str } from '../private/json';

type Direction = 'ingress' | 'egress';

interface Rule {
  readonly direction: Direction;
  /** `-1` for all protocols, else the protocol number as text. */
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly peer: { readonly kind: 'cidr' | 'group' | 'prefix-list'; readonly value: string };
}

const PROTOCOLS: Readonly<Record<string, string>> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

function protocolOf(value: unknown): string {
  const text = str(value, '-1').toLowerCase();
  return PROTOCOLS[text] ?? text;
}

function port(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined;
  return n === undefined || n < 0 ? fallback : n;
}

/** A rule as CloudFormation writes it, inline or as a standalone resource's properties. */
export function securityGroupRule(direction: Direction, raw: Readonly<Record<string, unknown>>): Rule {
  const protocol = protocolOf(raw.IpProtocol);
  const all = protocol === '-1';
  const peer = raw.CidrIp !== undefined ? { kind: 'cidr' as const, value: valueText(raw.CidrIp) }
    : raw.CidrIpv6 !== undefined ? { kind: 'cidr' as const, value: valueText(raw.CidrIpv6) }
      : raw.SourceSecurityGroupId !== undefined || raw.DestinationSecurityGroupId !== undefined || raw.SourceSecurityGroupName !== undefined
        ? { kind: 'group' as const, value: valueText(raw.SourceSecurityGroupId ?? raw.DestinationSecurityGroupId ?? raw.SourceSecurityGroupName) }
        : { kind: 'prefix-list' as const, value: valueText(raw.SourcePrefixListId ?? raw.DestinationPrefixListId) };
  return { direction, protocol, from: all ? 0 : port(raw.FromPort, 0), to: all ? 65535 : port(raw.ToPort, 65535), peer };
}

/** The rules of an `AWS::EC2::SecurityGroup`'s properties; none at all when the resource is absent. */
export function securityGroupRules(properties: Readonly<Record<string, unknown>> | undefined): Rule[] {
  if (!properties) return [];
  const list = (value: unknown) => (Array.isArray(value) ? value : []).filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object');
  const ingress = list(properties.SecurityGroupIngress).map((r) => securityGroupRule('ingress', r));
  const egress = properties.SecurityGroupEgress === undefined
    ? [securityGroupRule('egress', { IpProtocol: '-1', CidrIp: '0.0.0.0/0' })]
    : list(properties.SecurityGroupEgress).map((r) => securityGroupRule('egress', r));
  return [...ingress, ...egress];
}

function covers(cover: Rule, rule: Rule): boolean {
  return cover.direction === rule.direction
    && (cover.protocol === '-1' || cover.protocol === rule.protocol)
    && cover.from <= rule.from && rule.to <= cover.to
    && cover.peer.kind === rule.peer.kind
    && (cover.peer.kind === 'cidr' ? cidrCovers(cover.peer.value, rule.peer.value) : cover.peer.value === rule.peer.value);
}

function describe(verb: string, rule: Rule): string {
  const protocol = rule.protocol === '-1' ? 'all traffic' : `${Object.entries(PROTOCOLS).find(([, n]) => n === rule.protocol)?.[0] ?? `protocol ${rule.protocol}`}`;
  const ports = rule.protocol === '-1' ? '' : rule.from === rule.to ? ` ${rule.from}` : rule.from === 0 && rule.to === 65535 ? ' (all ports)' : ` ${rule.from}-${rule.to}`;
  const peer = rule.peer.kind === 'cidr' ? showValue(rule.peer.value) : `${rule.peer.kind} ${showValue(rule.peer.value)}`;
  return `${verb} ${rule.direction} ${protocol}${ports} ${rule.direction === 'ingress' ? 'from' : 'to'} ${peer}`;
}

/** Compares two sets of rules. */
export function compareSecurityGroupRules(before: readonly Rule[], after: readonly Rule[]): StatementComparison {
  const added = after.filter((r) => !before.some((b) => covers(b, r)));
  const removed = before.filter((r) => !after.some((a) => covers(a, r)));
  return {
    effect: added.length > 0 ? 'widened' : removed.length > 0 ? 'narrowed' : 'same',
    findings: [...added.map((r) => describe('allows', r)), ...removed.map((r) => describe('no longer allows', r))],
  };
}
