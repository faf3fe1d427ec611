/**
 * Naming rules the checks and the resolver share: the namespace of a project
 * and the framework a tenant's requirement names. A module of its own so that
 * the checks need not import the resolver.
 */
import type { FrameworkId } from './schema/governance';
import { FRAMEWORK_ALIASES, FRAMEWORK_IDS } from './schema/governance';

/** Maps "GDPR", "ISO27001" or "iso_27001" to the framework id; undefined when unknown. */
export function frameworkFromName(name: string): FrameworkId | undefined {
  if ((FRAMEWORK_IDS as readonly string[]).includes(name)) return name as FrameworkId;
  // Own properties only: "constructor" or "toString" names no framework.
  const alias = (key: string) => (Object.hasOwn(FRAMEWORK_ALIASES, key) ? FRAMEWORK_ALIASES[key] : undefined);
  return alias(name) ?? alias(name.toUpperCase());
}

/** Namespace of a project: the tenant's, or `<tenant>-<project>` when the tenant splits namespaces per project. */
export function namespaceFor(tenant: string, project: string, perProject: boolean): string {
  return perProject ? `${tenant}-${project}` : tenant;
}

