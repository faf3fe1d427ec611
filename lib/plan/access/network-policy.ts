/**
 * Widening or narrowing of a Kubernetes NetworkPolicy, decided rule by rule.
 * A policy does two things: it isolates the pods it selects for its policy
 * types, and it allows the peers and ports of its rules. An allowance (pods
 * selected, direction, peer, port) of the new policy that no old one covers
 * widens access, and so does isolation the policy no longer provides, unless
 * a policy selecting every pod of the namespace (default deny) still isolates
 * that direction. The reverse narrows it.
 */
import { canonicalJson, cidrCovers } from './patterns';
import type { StatementComparison } from './policy-statements';
import { obj, arr, str } from '../private/json';

type Direction = 'ingress' | 'egress';

interface Allowance {
  readonly direction: Direction;
  /** Canonical JSON of the policy's pod selector: which pods the allowance is for. */
  readonly subject: string;
  readonly peer: { readonly kind: 'any' } | { readonly kind: 'ip'; readonly cidr: string; readonly except: readonly string[] } | { readonly kind: 'selector'; readonly namespaces?: string; readonly pods?: string };
  readonly port: { readonly kind: 'any' } | { readonly kind: 'range'; readonly protocol: string; readonly from: number; readonly to: number } | { readonly kind: 'named'; readonly protocol: string; readonly name: string };
}

/** What the rest of the namespace already does: whether a policy selecting all its pods isolates each direction. */
export interface NamespaceIsolation {
  readonly ingress: boolean;
  readonly egress: boolean;
}


/** An empty selector (`{}`) selects everything. */
function isEmptySelector(selector: unknown): boolean {
  const s = obj(selector);
  return Object.keys(obj(s.matchLabels)).length === 0 && arr(s.matchExpressions).length === 0;
}

/** The directions a policy isolates: its `policyTypes`, or as Kubernetes defaults them. */
export function policyTypes(policy: unknown): Direction[] {
  const spec = obj(obj(policy).spec);
  const types = arr(spec.policyTypes).map((t) => str(t).toLowerCase());
  if (types.length > 0) return types.filter((t): t is Direction => t === 'ingress' || t === 'egress');
  return spec.egress !== undefined ? ['ingress', 'egress'] : ['ingress'];
}

/** Whether `policy` selects every pod of its namespace and isolates `direction` (a default-deny policy). */
export function isolatesNamespace(policy: unknown, direction: Direction): boolean {
  return isEmptySelector(obj(obj(policy).spec).podSelector) && policyTypes(policy).includes(direction);
}

function allowances(policy: unknown): Allowance[] {
  if (policy === undefined) return [];
  const spec = obj(obj(policy).spec);
  const subject = canonicalJson(obj(spec.podSelector));
  const out: Allowance[] = [];
  for (const direction of policyTypes(policy)) {
    for (const rule of arr(spec[direction]).map(obj)) {
      const peersRaw = arr(direction === 'ingress' ? rule.from : rule.to).map(obj);
      const peers: Allowance['peer'][] = peersRaw.length === 0 ? [{ kind: 'any' }] : peersRaw.map((p) => {
        if (p.ipBlock !== undefined) {
          const block = obj(p.ipBlock);
          return { kind: 'ip', cidr: str(block.cidr), except: arr(block.except).map((x) => str(x)) };
        }
        return {
          kind: 'selector',
          ...(p.namespaceSelector !== undefined ? { namespaces: canonicalJson(p.namespaceSelector) } : {}),
          ...(p.podSelector !== undefined ? { pods: canonicalJson(p.podSelector) } : {}),
        };
      });
      const portsRaw = arr(rule.ports).map(obj);
      const ports: Allowance['port'][] = portsRaw.length === 0 ? [{ kind: 'any' }] : portsRaw.map((p) => {
        const protocol = str(p.protocol, 'TCP');
        if (p.port === undefined) return { kind: 'range', protocol, from: 0, to: 65535 };
        if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) return { kind: 'named', protocol, name: p.port };
        const from = Number(p.port);
        return { kind: 'range', protocol, from, to: typeof p.endPort === 'number' ? p.endPort : from };
      });
      for (const peer of peers) for (const port of ports) out.push({ direction, subject, peer, port });
    }
  }
  return out;
}

function peerCovers(cover: Allowance['peer'], peer: Allowance['peer']): boolean {
  if (cover.kind === 'any') return true;
  if (cover.kind === 'ip') {
    if (peer.kind !== 'ip' || !cidrCovers(cover.cidr, peer.cidr)) return false;
    // Two CIDR ranges are nested or disjoint. Every range the cover leaves out that
    // overlaps the peer's must be left out by the peer too.
    return cover.except.every((e) => {
      if (cidrCovers(peer.cidr, e)) return peer.except.some((x) => cidrCovers(x, e));
      if (cidrCovers(e, peer.cidr)) return peer.except.some((x) => cidrCovers(x, peer.cidr));
      return true;
    });
  }
  if (peer.kind !== 'selector') return false;
  if (cover.namespaces !== peer.namespaces) return false;
  // An empty pod selector allows every pod of the selected namespaces.
  return cover.pods === peer.pods || cover.pods === undefined && peer.namespaces !== undefined || cover.pods === '{}';
}

function portCovers(cover: Allowance['port'], port: Allowance['port']): boolean {
  if (cover.kind === 'any') return true;
  if (port.kind === 'any') return false;
  if (cover.protocol !== port.protocol) return false;
  if (cover.kind === 'named' || port.kind === 'named') return cover.kind === port.kind && canonicalJson(cover) === canonicalJson(port);
  return cover.from <= port.from && port.to <= cover.to;
}

function covers(cover: Allowance, a: Allowance): boolean {
  return cover.direction === a.direction && (cover.subject === a.subject || cover.subject === '{}')
    && peerCovers(cover.peer, a.peer) && portCovers(cover.port, a.port);
}

/** A label selector as people write it: `app=web, tier in (a, b)`; `all` when empty. */
export function selectorText(canonical: string): string {
  const selector = obj(JSON.parse(canonical) as unknown);
  const labels = Object.entries(obj(selector.matchLabels)).map(([k, v]) => `${k}=${str(v)}`);
  const expressions = arr(selector.matchExpressions).map(obj).map((x) => `${str(x.key)} ${str(x.operator).toLowerCase()}${arr(x.values).length > 0 ? ` (${arr(x.values).map((v) => str(v)).join(', ')})` : ''}`);
  const all = [...labels, ...expressions];
  return all.length === 0 ? 'all' : all.join(', ');
}

function describe(verb: string, a: Allowance): string {
  const peer = a.peer.kind === 'any' ? 'anywhere'
    : a.peer.kind === 'ip' ? `${a.peer.cidr}${a.peer.except.length > 0 ? ` except ${a.peer.except.join(', ')}` : ''}`
      : [a.peer.namespaces !== undefined ? `namespaces ${selectorText(a.peer.namespaces)}` : 'this namespace', a.peer.pods !== undefined ? `pods ${selectorText(a.peer.pods)}` : 'all pods'].join(', ');
  const port = a.port.kind === 'any' ? 'any port' : a.port.kind === 'named' ? `${a.port.protocol} port ${a.port.name}` : `${a.port.protocol} ${a.port.from === a.port.to ? a.port.from : `${a.port.from}-${a.port.to}`}`;
  return `${verb} ${a.direction} for pods ${selectorText(a.subject)} ${a.direction === 'ingress' ? 'from' : 'to'} ${peer} on ${port}`;
}

/**
 * Compares two versions of a NetworkPolicy (either absent: added or removed).
 * `isolation` says whether other policies of the namespace isolate every pod
 * anyway, in which case this policy's own isolation does not matter.
 */
export function compareNetworkPolicies(before: unknown, after: unknown, isolation: NamespaceIsolation = { ingress: false, egress: false }): StatementComparison {
  const old = allowances(before);
  const now = allowances(after);
  const added = now.filter((a) => !old.some((o) => covers(o, a)));
  const removed = old.filter((o) => !now.some((a) => covers(a, o)));
  const oldTypes = before === undefined ? [] : policyTypes(before);
  const newTypes = after === undefined ? [] : policyTypes(after);
  const oldSubject = canonicalJson(obj(obj(obj(before).spec).podSelector));
  const newSubject = canonicalJson(obj(obj(obj(after).spec).podSelector));
  const sameSubject = before === undefined || after === undefined || oldSubject === newSubject;
  const lostIsolation = (['ingress', 'egress'] as const).filter((d) => oldTypes.includes(d) && (!newTypes.includes(d) || !sameSubject) && !isolation[d]);
  const gainedIsolation = (['ingress', 'egress'] as const).filter((d) => newTypes.includes(d) && (!oldTypes.includes(d) || !sameSubject) && !isolation[d]);
  const findings = [
    ...added.map((a) => describe('allows', a)),
    ...lostIsolation.map((d) => `no longer isolates pods ${selectorText(oldSubject)} for ${d}`),
    ...removed.map((a) => describe('no longer allows', a)),
    ...gainedIsolation.map((d) => `isolates pods ${selectorText(newSubject)} for ${d}`),
  ];
  const widened = added.length + lostIsolation.length > 0;
  const narrowed = removed.length + gainedIsolation.length > 0;
  return { effect: widened ? 'widened' : narrowed ? 'narrowed' : 'same', findings };
}
