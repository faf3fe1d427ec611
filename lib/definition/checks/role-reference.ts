/** A reference to a governance role, reported when no role of that name is declared. */
import { CODES, suggestion } from '../diagnostics';
import type { SourceFile, YamlPath } from '../source';
import type { Report } from './report';

/** A function that reports `name` at `path` of `source` unless it is one of `roles`; `what` names the field. */
export function roleReference(source: SourceFile, roles: readonly string[], report: Report): (name: string, path: YamlPath, what: string) => void {
  return (name, path, what) => {
    if (!roles.includes(name)) report(source, path, CODES.danglingReference, `expected ${what} to name a role declared under roles, got "${name}"`, suggestion(name, roles, 'role'));
  };
}
