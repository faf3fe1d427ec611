/**
 * Whether a caller may assume a role, read from the role's trust policy in a
 * template: a small evaluator of the statement shapes the platform writes
 * (Allow sts:AssumeRole, an AWS principal, ArnLike / ArnEquals / StringEquals /
 * StringLike on aws:PrincipalArn and aws:PrincipalTag/<key>). Anything else
 * throws, so a test never passes because the evaluator ignored a condition.
 * The caller's identity policies are assumed to allow the call.
 */

export interface Caller {
  readonly account: string;
  /** The principal's ARN, as `aws:PrincipalArn` gives it (the role, not the session). */
  readonly arn: string;
  /** Principal tags of the session, e.g. IAM Identity Center attributes for access control. */
  readonly tags?: Readonly<Record<string, string>>;
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | readonly string[];
  readonly Principal?: { readonly AWS?: string | readonly string[] };
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

const list = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? value : [value as T]);

function glob(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(value);
}

function contextValue(key: string, caller: Caller): string | undefined {
  if (key === 'aws:PrincipalArn') return caller.arn;
  if (key.startsWith('aws:PrincipalTag/')) return caller.tags?.[key.slice('aws:PrincipalTag/'.length)];
  throw new Error(`trust evaluator: condition key ${key} is not supported`);
}

function principalMatches(statement: Statement, caller: Caller): boolean {
  const principals = list(statement.Principal?.AWS ?? []);
  if (principals.length === 0) throw new Error(`trust evaluator: only AWS principals are supported, got ${JSON.stringify(statement.Principal)}`);
  return principals.some((p) => typeof p === 'string' && (p === caller.arn || p === `arn:aws:iam::${caller.account}:root`));
}

function conditionsMatch(statement: Statement, caller: Caller): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, entries]) => Object.entries(entries).every(([key, expected]) => {
    const actual = contextValue(key, caller);
    if (actual === undefined) return false;
    const values = list(expected);
    switch (operator) {
      case 'StringEquals':
      case 'ArnEquals':
        return values.includes(actual);
      case 'StringLike':
      case 'ArnLike':
        return values.some((v) => glob(v, actual));
      default:
        throw new Error(`trust evaluator: condition operator ${operator} is not supported`);
    }
  }));
}

/** True when the trust policy `document` lets `caller` call sts:AssumeRole. */
export function canAssume(document: { readonly Statement: readonly Statement[] }, caller: Caller): boolean {
  let allowed = false;
  for (const statement of document.Statement) {
    if (statement.Effect !== 'Allow') throw new Error(`trust evaluator: only Allow statements are supported, got ${statement.Effect}`);
    if (!list(statement.Action).includes('sts:AssumeRole')) continue;
    if (principalMatches(statement, caller) && conditionsMatch(statement, caller)) allowed = true;
  }
  return allowed;
}
