/** The governance role hierarchy: permissions that exist, reports_to a role that exists, and no cycle. */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { CheckContext } from './report';
import { roleReference } from './role-reference';

export function checkRoles(files: WorkspaceFiles, context: CheckContext): void {
  const { report, suggest } = context;
  const governance = files.governance;
  if (!governance) return;
  const { source, data } = governance;
  const roles = Object.keys(data.roles);
  const permissions = Object.keys(data.permissions);
  const permissionSet = new Set(permissions);
  const role = roleReference(source, roles, context);
  for (const [name, r] of Object.entries(data.roles)) {
    r.permissions.forEach((p, i) => {
      if (!permissionSet.has(p)) {
        report(source, ['roles', name, 'permissions', i], CODES.danglingReference, `expected a permission declared under permissions, got "${p}"`, suggest(p, permissions, 'permission'));
      }
    });
    if (r.reports_to !== undefined) role(r.reports_to, ['roles', name, 'reports_to'], 'reports_to');
  }
  // The hierarchy must be a tree: following reports_to never comes back (own properties only: a role "constructor" is a role).
  const roleOf = (name: string) => (Object.hasOwn(data.roles, name) ? data.roles[name] : undefined);
  for (const name of roles) {
    const seen = new Set<string>([name]);
    let current = roleOf(name)?.reports_to;
    while (current !== undefined && roleOf(current)) {
      if (seen.has(current)) {
        report(source, ['roles', name, 'reports_to'], CODES.inconsistent, `expected a role hierarchy without cycles, got a cycle through "${name}"`, 'Make one role of the cycle a root (no reports_to).');
        break;
      }
      seen.add(current);
      current = roleOf(current)?.reports_to;
    }
  }
}
