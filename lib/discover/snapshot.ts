/**
 * What `oaas discover` knows about an AWS organization: plain data read once
 * from AWS Organizations (see read.ts) and compared with the workspace
 * definition (see compare.ts). Tests build it by hand.
 */

export interface OrganizationInfo {
  readonly id: string;
  readonly arn?: string;
  /** The management (formerly "master") account. */
  readonly managementAccountId: string;
  readonly managementAccountEmail?: string;
  readonly featureSet?: string;
}

export interface RootInfo {
  readonly id: string;
  readonly name: string;
}

export interface OrganizationalUnitInfo {
  readonly id: string;
  readonly name: string;
  /** A root id (`r-…`) or an OU id (`ou-…`). */
  readonly parentId: string;
  /** Names from the root down, e.g. `Root/Workloads/Staging`. */
  readonly path: string;
}

export interface AccountInfo {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  /** The legacy `Status` (ACTIVE, SUSPENDED, PENDING_CLOSURE), retired by AWS in 2026. */
  readonly status?: string;
  /** The newer `State` (ACTIVE, SUSPENDED, CLOSED, PENDING_ACTIVATION, PENDING_CLOSURE). */
  readonly state?: string;
  /** The root or OU the account sits in. */
  readonly parentId: string;
}

export interface OrganizationSnapshot {
  readonly organization: OrganizationInfo;
  readonly roots: readonly RootInfo[];
  /** Every OU of every root, sorted by path. */
  readonly organizationalUnits: readonly OrganizationalUnitInfo[];
  /** Every account, sorted by id. */
  readonly accounts: readonly AccountInfo[];
}

/** States in which an account cannot host an environment. */
export const INACTIVE_STATES: ReadonlySet<string> = new Set(['SUSPENDED', 'CLOSED', 'PENDING_CLOSURE']);

/** The account's state: `State` when AWS returns it, else the legacy `Status`. */
export function accountState(account: AccountInfo): string {
  return account.state ?? account.status ?? 'UNKNOWN';
}

/** Where a parent sits, as users read it: `ou-ab12-cd34ef56 (Root/Workloads)` or `root r-ab12`. */
export function describeParent(snapshot: OrganizationSnapshot, parentId: string): string {
  const unit = snapshot.organizationalUnits.find((u) => u.id === parentId);
  if (unit) return `${unit.id} (${unit.path})`;
  const root = snapshot.roots.find((r) => r.id === parentId);
  if (root) return `root ${root.id} (${root.name})`;
  return `${parentId} (not in the organization)`;
}
