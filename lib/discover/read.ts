/**
 * Reads an AWS organization into an OrganizationSnapshot: DescribeOrganization,
 * ListRoots, the OU tree (ListOrganizationalUnitsForParent, level by level
 * from each root), the accounts of each root and OU (ListAccountsForParent),
 * and ListAccounts as the authoritative account list. An account that no
 * parent listed (it moved while the tree was read) gets its parent from
 * ListParents. Every list call goes through the SDK's paginators; throttling
 * is retried by the client's retry strategy (see client.ts).
 */
import {
  DescribeOrganizationCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListParents,
  paginateListRoots,
} from '@aws-sdk/client-organizations';
import type { Account, OrganizationsClient, OrganizationsPaginationConfiguration } from '@aws-sdk/client-organizations';
import { OrganizationsCallError } from './errors';
import type { AccountInfo, OrganizationalUnitInfo, OrganizationSnapshot, RootInfo } from './snapshot';

export interface ReadOptions {
  /** Parents read at the same time. Default 4; AWS Organizations throttles early. */
  readonly concurrency?: number;
  /** MaxResults per page; default: the service's. */
  readonly pageSize?: number;
}

/** Runs one AWS call (or a whole pagination), naming the operation if it fails. */
async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new OrganizationsCallError(operation, error);
  }
}

/** Every item of every page. */
function collect<Page, Item>(operation: string, pages: AsyncIterable<Page>, items: (page: Page) => readonly Item[] | undefined): Promise<Item[]> {
  return call(operation, async () => {
    const all: Item[] = [];
    for await (const page of pages) all.push(...(items(page) ?? []));
    return all;
  });
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new Error(`AWS Organizations returned ${what} without an id`);
  return value;
}

/** Maps with at most `limit` calls in flight; stops starting new ones after a failure. */
async function mapLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await run(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function toAccount(account: Account, parentId: string): AccountInfo {
  const id = required(account.Id, 'an account');
  return {
    id,
    name: account.Name ?? id,
    ...(account.Email ? { email: account.Email } : {}),
    ...(account.Status ? { status: account.Status } : {}),
    ...(account.State ? { state: account.State } : {}),
    parentId,
  };
}

export async function readOrganization(client: OrganizationsClient, options: ReadOptions = {}): Promise<OrganizationSnapshot> {
  const concurrency = options.concurrency ?? 4;
  const pagination: OrganizationsPaginationConfiguration = { client, ...(options.pageSize ? { pageSize: options.pageSize } : {}) };

  const described = await call('DescribeOrganization', () => client.send(new DescribeOrganizationCommand({})));
  const org = described.Organization;
  const organization = {
    id: required(org?.Id, 'an organization'),
    managementAccountId: required(org?.MasterAccountId, 'a management account'),
    ...(org?.Arn ? { arn: org.Arn } : {}),
    ...(org?.MasterAccountEmail ? { managementAccountEmail: org.MasterAccountEmail } : {}),
    ...(org?.FeatureSet ? { featureSet: org.FeatureSet } : {}),
  };

  const roots: RootInfo[] = (await collect('ListRoots', paginateListRoots(pagination, {}), (page) => page.Roots))
    .map((root) => ({ id: required(root.Id, 'a root'), name: root.Name ?? 'Root' }));

  // The tree, one level at a time: each parent's OUs and accounts.
  const units: OrganizationalUnitInfo[] = [];
  const parentOf = new Map<string, string>();
  const seen = new Set<string>(roots.map((r) => r.id));
  let level: Array<{ id: string; path: string }> = roots.map((r) => ({ id: r.id, path: r.name }));
  while (level.length > 0) {
    const children = await mapLimited(level, concurrency, async (parent) => {
      const found = await collect(
        'ListOrganizationalUnitsForParent',
        paginateListOrganizationalUnitsForParent(pagination, { ParentId: parent.id }),
        (page) => page.OrganizationalUnits,
      );
      const accounts = await collect('ListAccountsForParent', paginateListAccountsForParent(pagination, { ParentId: parent.id }), (page) => page.Accounts);
      for (const account of accounts) parentOf.set(required(account.Id, 'an account'), parent.id);
      return found.map((unit) => {
        const id = required(unit.Id, 'an organizational unit');
        const name = unit.Name ?? id;
        return { id, name, parentId: parent.id, path: `${parent.path}/${name}` };
      });
    });
    const fresh = children.flat().filter((unit) => !seen.has(unit.id));
    for (const unit of fresh) seen.add(unit.id);
    units.push(...fresh);
    level = fresh.map((unit) => ({ id: unit.id, path: unit.path }));
  }

  const listed = await collect('ListAccounts', paginateListAccounts(pagination, {}), (page) => page.Accounts);
  const accounts = await mapLimited(listed, concurrency, async (account) => {
    const id = required(account.Id, 'an account');
    const known = parentOf.get(id);
    if (known) return toAccount(account, known);
    const parents = await collect('ListParents', paginateListParents(pagination, { ChildId: id }), (page) => page.Parents);
    const parentId = parents[0]?.Id;
    if (!parentId) throw new Error(`AWS Organizations returned no parent for account ${id}`);
    return toAccount(account, parentId);
  });

  return {
    organization,
    roots: [...roots].sort((a, b) => a.id.localeCompare(b.id)),
    organizationalUnits: units.sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id)),
    accounts: accounts.sort((a, b) => a.id.localeCompare(b.id)),
  };
}
