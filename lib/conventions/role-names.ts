/**
 * Every IAM role name the platform creates or reserves, in one list. The roles
 * it creates all start with `oaas-`; `oaas-break-glass*` is reserved for the
 * incident-response roles the guardrails exempt, so no generated name may fall
 * under it (an environment named `break-glass` would otherwise exempt every
 * role of that environment from the service control policies).
 */
import { createHash } from 'crypto';
import type { EnvironmentModel } from '../definition/model';

/** The prefix of every IAM role the platform creates. */
export const PLATFORM_ROLE_PREFIX = 'oaas-';

/**
 * Name of the roles exempt from the guardrails in every account of the
 * organization, for incident response. IAM matches it as a pattern, so
 * `oaas-break-glass-admin` and `oaas-break-glass-network` are both exempt.
 */
export const BREAK_GLASS_ROLE_PATTERN = 'oaas-break-glass*';

const IAM_ROLE_NAME_MAX = 64;

/** `name`, unless it falls under the break-glass pattern the guardrails exempt. */
function notReserved(name: string): string {
  if (name.startsWith(BREAK_GLASS_ROLE_PATTERN.slice(0, -1))) {
    throw new Error(`role name "${name}" falls under ${BREAK_GLASS_ROLE_PATTERN}, which the guardrails exempt for incident response; `
      + 'rename the environment (or team) whose name makes it start with "break-glass"');
  }
  return name;
}

/**
 * An IAM role name from its parts, joined with `-`. Names longer than IAM's 64
 * characters keep their first 55 and end in 8 hex digits of their SHA-256,
 * so they stay unique and deterministic.
 */
export function iamRoleName(...parts: string[]): string {
  const name = parts.join('-');
  if (name.length <= IAM_ROLE_NAME_MAX) return notReserved(name);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return notReserved(`${name.slice(0, IAM_ROLE_NAME_MAX - hash.length - 1)}-${hash}`);
}

/**
 * `oaas-production-eu-west-1-gov_tenant_administrator`: the role SSO users of a
 * governance role assume on a region's cluster. The `gov_` marker cannot occur
 * in a tenant id, so it never collides with a tenant role.
 */
export function governanceRoleName(env: EnvironmentModel, region: string, roleId: string): string {
  return iamRoleName('oaas', env.name, region, `gov_${roleId}`);
}

/**
 * `oaas-production-eu-west-1-payments-gov_agent_developer`: the role SSO users
 * of a tenant-scoped governance role assume to act in one tenant on a region's
 * cluster. Tenant ids have no `_`, so `-gov_` tells it from every tenant's
 * workload role and from the organization roles of `governanceRoleName`.
 */
export function tenantGovernanceRoleName(env: EnvironmentModel, region: string, tenantId: string, roleId: string): string {
  return iamRoleName('oaas', env.name, region, tenantId, `gov_${roleId}`);
}

/** `oaas-production-eu-west-1-payments`: the role of a tenant's workloads in a region. */
export function tenantRoleName(env: EnvironmentModel, region: string, tenantId: string): string {
  return iamRoleName('oaas', env.name, region, tenantId);
}

/** `oaas-production-payments-deployer`: the role a team deploys its stacks with, frozen when its budget is exceeded. */
export function deployerRoleName(env: EnvironmentModel, team: string): string {
  return notReserved(`${PLATFORM_ROLE_PREFIX}${env.name}-${team}-deployer`);
}
