/** A reference to a governance role, reported when no role of that name is declared. */
import { CODES } from '../diagnostics';
import type { SourceFile, YamlPath } from '../source';
import type { CheckContext } from './report';

/** A function that reports `name` at `path` of `source` unless it is one of `roles`; `what` names the field. */
export function roleReference(source: SourceFile, roles: readonly string[], { report, suggest }: CheckContext): (name: string, path: YamlPath, what: string) => void {
  const known = new Set(roles);
  return (name, path, what) => {
    if (!known.has(name)) report(source, path, CODES.danglingReference, `expected ${what} to name a role declared under roles, got "${name}"`, suggest(name, roles, 'role'));
  };
}
