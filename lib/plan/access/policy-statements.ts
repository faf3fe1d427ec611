/**
 * Widening or narrowing of an IAM-style policy (identity policies, trust
 * policies, key and resource policies, service control policies), decided by
 * comparing statements, never by resource type.
 *
 * Each statement is split into grants: one action on one resource for one
 * principal, under its conditions. An Allow grant of the new policy that no
 * Allow statement of the old one covers widens access; so does a Deny grant of
 * the old policy that no Deny of the new one still covers. The reverse
 * narrows it. A statement covers a grant when its patterns match the grant's
 * action, resource and principal, and every condition it sets is set by the
 * grant too, at most as loosely. Whatever cannot be decided (NotAction against
 * a wildcard, an intrinsic function) is compared by equality, so an
 * undecidable change counts as widening: the reviewer sees it rather than
 * missing it.
 */
import { canonicalJson, isToken, showValue, valueText, wildcardMatch } from './patterns';

type Effect = 'Allow' | 'Deny';

/** A list of patterns, or everything except a list (`NotAction`, `NotResource`, `NotPrincipal`). */
type Selector = { readonly kind: 'in'; readonly values: readonly string[] } | { readonly kind: 'notIn'; readonly values: readonly string[] };

interface Statement {
  readonly effect: Effect;
  readonly actions: Selector;
  readonly resources: Selector;
  /** Undefined in identity policies, which have no principal. */
  readonly principals?: Selector;
  /** `operator|key` → values. */
  readonly conditions: ReadonlyMap<string, readonly string[]>;
  readonly sid?: string;
}

/** One thing a statement allows or denies. */
interface Grant {
  readonly action: string;
  readonly actionNot: boolean;
  readonly resource: string;
  readonly resourceNot: boolean;
  readonly principal?: string;
  readonly principalNot: boolean;
  readonly statement: Statement;
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function selector(statement: Record<string, unknown>, key: string): Selector | undefined {
  if (statement[key] !== undefined) return { kind: 'in', values: [...new Set(asList(statement[key]).map(valueText))].sort() };
  if (statement[`Not${key}`] !== undefined) return { kind: 'notIn', values: [...new Set(asList(statement[`Not${key}`]).map(valueText))].sort() };
  return undefined;
}

/** `"123456789012"` and `arn:...:iam::123456789012:root` name the same principal. */
function principalText(type: string, value: string): string {
  if (type === 'AWS' && value === '*') return '*';
  if (type === 'AWS' && /^\d{12}$/.test(value)) return `AWS:arn:aws:iam::${value}:root`;
  return `${type}:${value}`;
}

function principals(statement: Record<string, unknown>): Selector | undefined {
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const raw = statement[key];
    if (raw === undefined) continue;
    const values = raw === '*' ? ['*']
      : raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? Object.entries(raw as Record<string, unknown>).flatMap(([type, v]) => asList(v).map((x) => principalText(type, valueText(x))))
        : [valueText(raw)];
    return { kind: key === 'Principal' ? 'in' : 'notIn', values: [...new Set(values)].sort() };
  }
  return undefined;
}

function conditions(raw: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [operator, clauses] of Object.entries(raw as Record<string, unknown>)) {
    if (clauses === null || typeof clauses !== 'object' || Array.isArray(clauses)) {
      out.set(`${operator}|`, [valueText(clauses)]);
      continue;
    }
    for (const [key, values] of Object.entries(clauses as Record<string, unknown>)) {
      out.set(`${operator}|${key.toLowerCase()}`, [...new Set(asList(values).map(valueText))].sort());
    }
  }
  return out;
}

/** The statements of a policy document (an object, or JSON text as service control policies hold it). */
export function policyStatements(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (doc === null || typeof doc !== 'object') return [];
  const list = asList((doc as Record<string, unknown>).Statement);
  const out: Statement[] = [];
  for (const item of list) {
    if (item === null || typeof item !== 'object') continue;
    const s = item as Record<string, unknown>;
    const effect: Effect = s.Effect === 'Deny' ? 'Deny' : 'Allow';
    const principal = principals(s);
    out.push({
      effect,
      // Actions match case-insensitively (selectorCovers); they keep their case for the findings.
      actions: selector(s, 'Action') ?? { kind: 'in', values: [] },
      // A statement without Resource (trust policies) applies to the resource the policy is attached to.
      resources: selector(s, 'Resource') ?? { kind: 'in', values: ['*'] },
      ...(principal ? { principals: principal } : {}),
      conditions: conditions(s.Condition),
      ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
    });
  }
  return out;
}

function grants(statement: Statement): Grant[] {
  const out: Grant[] = [];
  const principalValues = statement.principals ? statement.principals.values : [undefined];
  for (const action of statement.actions.values) {
    for (const resource of statement.resources.values) {
      for (const principal of principalValues) {
        out.push({
          action, actionNot: statement.actions.kind === 'notIn',
          resource, resourceNot: statement.resources.kind === 'notIn',
          ...(principal !== undefined ? { principal } : {}), principalNot: statement.principals?.kind === 'notIn',
          statement,
        });
      }
    }
  }
  return out;
}

/**
 * Whether `selector` includes everything the grant's part names. For a
 * `NotX` grant (everything except ...), only `*` or an exclusion list the
 * grant also excludes covers it.
 */
function selectorCovers(selector: Selector | undefined, value: string | undefined, not: boolean, grantStatement: Selector | undefined, ignoreCase: boolean): boolean {
  if (selector === undefined) return value === undefined;
  if (value === undefined) return false;
  if (!not) {
    if (selector.kind === 'in') return selector.values.some((p) => wildcardMatch(p, value, ignoreCase));
    // Everything except the list: covers a literal value outside it.
    return !value.includes('*') && !value.includes('?') && !isToken(value) && !selector.values.some((p) => wildcardMatch(p, value, ignoreCase));
  }
  if (selector.kind === 'in') return selector.values.includes('*');
  // Both exclude: covered when the grant excludes at least what the selector excludes.
  const excluded = grantStatement?.kind === 'notIn' ? grantStatement.values : [];
  return selector.values.every((p) => excluded.some((e) => wildcardMatch(e, p, ignoreCase)));
}

const NEGATED = /Not/;
const LIKE = /Like/;

/** Whether every condition of `cover` is set by `statement` too, at most as loosely (values within those of `cover`). */
function conditionsCover(cover: Statement, statement: Statement): boolean {
  for (const [clause, values] of cover.conditions) {
    const own = statement.conditions.get(clause);
    if (!own) return false;
    const operator = clause.split('|')[0]!;
    if (NEGATED.test(operator)) {
      // A negated condition excludes its values: the grant must exclude at least those.
      if (!values.every((v) => own.includes(v))) return false;
    } else if (LIKE.test(operator)) {
      if (!own.every((v) => values.some((p) => wildcardMatch(p, v)))) return false;
    } else if (!/^(String|Arn)/.test(operator.replace(/IfExists$/, ''))) {
      // Numbers, dates, Bool, Null, IP ranges: only the same values are known to be the same condition.
      if (canonicalJson(values) !== canonicalJson(own)) return false;
    } else if (!own.every((v) => values.includes(v))) {
      return false;
    }
  }
  return true;
}

function covers(cover: Statement, grant: Grant): boolean {
  return selectorCovers(cover.actions, grant.action, grant.actionNot, grant.statement.actions, true)
    && selectorCovers(cover.resources, grant.resource, grant.resourceNot, grant.statement.resources, false)
    && (cover.principals === undefined && grant.principal === undefined
      || selectorCovers(cover.principals, grant.principal, grant.principalNot, grant.statement.principals, false))
    && conditionsCover(cover, grant.statement);
}

/** Grants of `statements` that none of `by` covers, one entry per statement. */
function uncovered(statements: readonly Statement[], by: readonly Statement[]): Array<{ statement: Statement; grants: Grant[] }> {
  const out: Array<{ statement: Statement; grants: Grant[] }> = [];
  for (const statement of statements) {
    const missing = grants(statement).filter((g) => !by.some((b) => covers(b, g)));
    if (missing.length > 0) out.push({ statement, grants: missing });
  }
  return out;
}

/** A principal for people: `AWS:${Role}` rather than the token's JSON. */
function showPrincipal(principal: string): string {
  const colon = principal.indexOf(':');
  return colon > 0 && isToken(principal.slice(colon + 1)) ? `${principal.slice(0, colon)}:${showValue(principal.slice(colon + 1))}` : showValue(principal);
}

const list = (values: readonly string[], max = 6, show: (v: string) => string = showValue) => {
  const shown = values.map(show);
  return shown.length <= max ? shown.join(', ') : `${shown.slice(0, max).join(', ')} and ${shown.length - max} more`;
};

function describe(verb: string, entry: { statement: Statement; grants: Grant[] }): string {
  const { statement, grants: gs } = entry;
  const unique = (pick: (g: Grant) => string | undefined) => [...new Set(gs.map(pick).filter((v): v is string => v !== undefined))].sort();
  const actions = unique((g) => g.action);
  const resources = unique((g) => g.resource);
  const who = unique((g) => g.principal);
  const not = (flag: boolean) => (flag ? 'everything except ' : '');
  const conditionText = [...statement.conditions.entries()].map(([clause, values]) => `${clause.replace('|', ' ')} ${list(values, 3)}`).join('; ');
  return `${verb} ${not(statement.actions.kind === 'notIn')}${list(actions)}`
    + ` on ${not(statement.resources.kind === 'notIn')}${list(resources, 3)}`
    + (who.length > 0 ? ` to ${not(statement.principals?.kind === 'notIn')}${list(who, 3, showPrincipal)}` : '')
    + (conditionText ? ` when ${conditionText}` : '')
    + (statement.sid ? ` (${statement.sid})` : '');
}

export interface StatementComparison {
  readonly effect: 'widened' | 'narrowed' | 'same';
  readonly findings: readonly string[];
}

/** Compares two policy documents (or statement lists); absent documents have no statements. */
export function comparePolicies(oldDocument: unknown, newDocument: unknown): StatementComparison {
  const before = policyStatements(oldDocument);
  const after = policyStatements(newDocument);
  const allows = (s: readonly Statement[]) => s.filter((x) => x.effect === 'Allow');
  const denies = (s: readonly Statement[]) => s.filter((x) => x.effect === 'Deny');
  const addedAllows = uncovered(allows(after), allows(before));
  const removedDenies = uncovered(denies(before), denies(after));
  const removedAllows = uncovered(allows(before), allows(after));
  const addedDenies = uncovered(denies(after), denies(before));
  const findings = [
    ...addedAllows.map((e) => describe('allows', e)),
    ...removedDenies.map((e) => describe('no longer denies', e)),
    ...removedAllows.map((e) => describe('no longer allows', e)),
    ...addedDenies.map((e) => describe('denies', e)),
  ];
  const effect = addedAllows.length + removedDenies.length > 0 ? 'widened' : removedAllows.length + addedDenies.length > 0 ? 'narrowed' : 'same';
  return { effect, findings };
}
