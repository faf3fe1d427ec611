/**
 * Compares the accounts of a workspace definition with an organization
 * snapshot. Pure: plain data in, findings out, in a stable order: the
 * management account, then each environment in definition order, then the
 * organization's unreferenced accounts by id.
 */
import type { EnvironmentModel, OrganizationModel } from '../definition/model';
import type { AccountInfo, OrganizationSnapshot } from './snapshot';
import { INACTIVE_STATES, accountState, describeParent } from './snapshot';

/** The part of a WorkspaceModel that discover reads; a WorkspaceModel is one. */
export interface DefinitionAccounts {
  readonly organization: Pick<OrganizationModel, 'managementAccount'>;
  readonly environments: ReadonlyArray<Pick<EnvironmentModel, 'name' | 'account' | 'organizationalUnit'>>;
}

export type FindingKind = 'matched' | 'missing' | 'suspended' | 'wrong-ou' | 'management-mismatch' | 'unreferenced';

export interface Finding {
  readonly kind: FindingKind;
  /** True for what makes the command exit 1; matched and unreferenced are not. */
  readonly discrepancy: boolean;
  /** The environment, or undefined for the management account and unreferenced accounts. */
  readonly environment?: string;
  /** The account id the finding is about. */
  readonly account: string;
  /** The account's name in the organization, when it is there. */
  readonly accountName?: string;
  /** What the definition says, when it differs from the organization. */
  readonly expected?: string;
  /** What the organization says. */
  readonly actual?: string;
  /** One line for people. */
  readonly message: string;
}

export const DISCREPANCY_KINDS: ReadonlySet<FindingKind> = new Set(['missing', 'suspended', 'wrong-ou', 'management-mismatch']);

function finding(kind: FindingKind, fields: Omit<Finding, 'kind' | 'discrepancy'>): Finding {
  return { kind, discrepancy: DISCREPANCY_KINDS.has(kind), ...fields };
}

function named(account: AccountInfo | undefined): { accountName?: string } {
  return account ? { accountName: account.name } : {};
}

export function compareOrganization(model: DefinitionAccounts, snapshot: OrganizationSnapshot): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map(snapshot.accounts.map((a) => [a.id, a]));
  const { managementAccountId, id: organizationId } = snapshot.organization;

  const expectedManagement = model.organization.managementAccount;
  const management = byId.get(managementAccountId);
  if (expectedManagement === managementAccountId) {
    findings.push(finding('matched', { account: managementAccountId, ...named(management), message: `management account of ${organizationId}` }));
  } else {
    const member = byId.get(expectedManagement);
    const what = member ? `${expectedManagement} is a member account of ${organizationId}` : `${expectedManagement} is not in ${organizationId}`;
    findings.push(finding('management-mismatch', {
      account: expectedManagement,
      ...named(member),
      expected: expectedManagement,
      actual: managementAccountId,
      message: `${what}; its management account is ${managementAccountId}${management ? ` (${management.name})` : ''}`,
    }));
  }

  for (const env of model.environments) {
    const account = byId.get(env.account);
    if (!account) {
      findings.push(finding('missing', { environment: env.name, account: env.account, expected: env.account, message: `account is not in ${organizationId}` }));
      continue;
    }
    const base = { environment: env.name, account: account.id, accountName: account.name };
    const state = accountState(account);
    let problems = 0;
    if (INACTIVE_STATES.has(state)) {
      problems++;
      findings.push(finding('suspended', { ...base, actual: state, message: `account is ${state} in the organization` }));
    }
    if (env.organizationalUnit !== undefined && env.organizationalUnit !== account.parentId) {
      problems++;
      const known = snapshot.organizationalUnits.some((u) => u.id === env.organizationalUnit);
      findings.push(finding('wrong-ou', {
        ...base,
        expected: env.organizationalUnit,
        actual: account.parentId,
        message: `expected in ${env.organizationalUnit}${known ? '' : ' (no such OU in the organization)'}, found in ${describeParent(snapshot, account.parentId)}`,
      }));
    }
    if (problems === 0) {
      findings.push(finding('matched', { ...base, actual: account.parentId, message: `${state} in ${describeParent(snapshot, account.parentId)}` }));
    }
  }

  const referenced = new Set([expectedManagement, managementAccountId, ...model.environments.map((e) => e.account)]);
  for (const account of [...snapshot.accounts].sort((a, b) => a.id.localeCompare(b.id))) {
    if (referenced.has(account.id)) continue;
    findings.push(finding('unreferenced', {
      account: account.id,
      accountName: account.name,
      actual: account.parentId,
      message: `${accountState(account)} in ${describeParent(snapshot, account.parentId)}; no environment uses it`,
    }));
  }
  return findings;
}

export type FindingCounts = Record<FindingKind, number> & { readonly discrepancies: number };

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: Record<FindingKind, number> = { matched: 0, missing: 0, suspended: 0, 'wrong-ou': 0, 'management-mismatch': 0, unreferenced: 0 };
  for (const f of findings) counts[f.kind]++;
  return { ...counts, discrepancies: findings.filter((f) => f.discrepancy).length };
}
