/**
 * A fake AWS organization for the discover tests: served page by page through
 * aws-sdk-client-mock, or by a fake HTTP handler that speaks the service's
 * JSON protocol so the SDK's middleware (retries included) really runs.
 */
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { OrganizationSnapshot } from '../../lib/discover/snapshot';

export interface FakeAccount {
  readonly Id: string;
  readonly Name: string;
  readonly Status?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  readonly State?: 'ACTIVE' | 'SUSPENDED' | 'CLOSED' | 'PENDING_ACTIVATION' | 'PENDING_CLOSURE';
  /** Root or OU id. */
  readonly parent: string;
  /** True: ListAccountsForParent does not return it (it moved while the tree was read). */
  readonly hiddenFromParent?: boolean;
}

export interface FakeOrganization {
  readonly id: string;
  readonly managementAccountId: string;
  readonly roots: ReadonlyArray<{ Id: string; Name: string }>;
  readonly units: ReadonlyArray<{ Id: string; Name: string; parent: string }>;
  readonly accounts: readonly FakeAccount[];
}

/** The organization of examples/enterprise, everything in place, plus a sandbox account. */
export const ENTERPRISE_ORG: FakeOrganization = {
  id: 'o-acme12345',
  managementAccountId: '100000000000',
  roots: [{ Id: 'r-acme', Name: 'Root' }],
  units: [
    { Id: 'ou-acme-workload', Name: 'Workloads', parent: 'r-acme' },
    { Id: 'ou-acme-staging1', Name: 'Staging', parent: 'ou-acme-workload' },
    { Id: 'ou-acme-production1', Name: 'Production', parent: 'ou-acme-workload' },
    { Id: 'ou-acme-sandbox1', Name: 'Sandbox', parent: 'r-acme' },
  ],
  accounts: [
    { Id: '100000000000', Name: 'acme-management', Status: 'ACTIVE', State: 'ACTIVE', parent: 'r-acme' },
    { Id: '200000000000', Name: 'acme-staging', Status: 'ACTIVE', State: 'ACTIVE', parent: 'ou-acme-staging1' },
    { Id: '300000000000', Name: 'acme-production', Status: 'ACTIVE', State: 'ACTIVE', parent: 'ou-acme-production1' },
    { Id: '400000000000', Name: 'acme-sandbox', Status: 'ACTIVE', State: 'ACTIVE', parent: 'ou-acme-sandbox1' },
  ],
};

/** `count` generated accounts in `parent`, ids from `first`. */
export function manyAccounts(count: number, parent: string, first = 500000000000): FakeAccount[] {
  return Array.from({ length: count }, (_, i) => ({ Id: String(first + i), Name: `member-${i}`, Status: 'ACTIVE' as const, State: 'ACTIVE' as const, parent }));
}

/** One page of `items` starting at the token (an index), with the next token when more remain. */
export function page<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; NextToken?: string } {
  const start = token === undefined ? 0 : Number(token.replace('page-', ''));
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: `page-${end}` } : {}) };
}

function account(a: FakeAccount) {
  return { Id: a.Id, Name: a.Name, Arn: `arn:aws:organizations::100000000000:account/o-x/${a.Id}`, Email: `${a.Name}@example.com`, ...(a.Status ? { Status: a.Status } : {}), ...(a.State ? { State: a.State } : {}) };
}

/** What each operation answers, from the request input; shared by both fakes. */
export function answer(org: FakeOrganization, operation: string, input: Record<string, unknown>, size: number): Record<string, unknown> {
  const token = typeof input.NextToken === 'string' ? input.NextToken : undefined;
  switch (operation) {
    case 'DescribeOrganization':
      return { Organization: { Id: org.id, Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`, MasterAccountId: org.managementAccountId, MasterAccountEmail: 'root@example.com', FeatureSet: 'ALL' } };
    case 'ListRoots': {
      const p = page(org.roots, token, size);
      return { Roots: p.items, ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    }
    case 'ListOrganizationalUnitsForParent': {
      const p = page(org.units.filter((u) => u.parent === input.ParentId), token, size);
      return { OrganizationalUnits: p.items.map((u) => ({ Id: u.Id, Name: u.Name, Arn: `arn:aws:organizations::x:ou/${u.Id}` })), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    }
    case 'ListAccountsForParent': {
      const p = page(org.accounts.filter((a) => a.parent === input.ParentId && !a.hiddenFromParent), token, size);
      return { Accounts: p.items.map(account), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    }
    case 'ListAccounts': {
      const p = page(org.accounts, token, size);
      return { Accounts: p.items.map(account), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
    }
    case 'ListParents': {
      const found = org.accounts.find((a) => a.Id === input.ChildId);
      return { Parents: found ? [{ Id: found.parent, Type: found.parent.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] : [] };
    }
    default:
      throw new Error(`the fake organization does not answer ${operation}`);
  }
}

export interface Request {
  readonly operation: string;
  /** A copy taken when the call was made (the paginators reuse their input object). */
  readonly input: Record<string, unknown>;
}

/** Serves `org` through the mock, `size` items per page; returns the requests, in order. */
export function serveOrganization(mock: AwsClientStub<OrganizationsClient>, org: FakeOrganization, size = 2): Request[] {
  const requests: Request[] = [];
  const serve = (operation: string) => (input: Record<string, unknown>) => {
    requests.push({ operation, input: { ...input } });
    return answer(org, operation, input, size);
  };
  mock.on(DescribeOrganizationCommand).callsFake(serve('DescribeOrganization'));
  mock.on(ListRootsCommand).callsFake(serve('ListRoots'));
  mock.on(ListOrganizationalUnitsForParentCommand).callsFake(serve('ListOrganizationalUnitsForParent'));
  mock.on(ListAccountsForParentCommand).callsFake(serve('ListAccountsForParent'));
  mock.on(ListAccountsCommand).callsFake(serve('ListAccounts'));
  mock.on(ListParentsCommand).callsFake(serve('ListParents'));
  return requests;
}

/** A client that never looks for real credentials; its `send` is what the tests stub. */
export function testClient(): OrganizationsClient {
  return new OrganizationsClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' } });
}

/** A snapshot by hand, for compareOrganization and the proposal. */
export function snapshot(overrides: Partial<OrganizationSnapshot> = {}): OrganizationSnapshot {
  return {
    organization: { id: 'o-acme12345', managementAccountId: '100000000000' },
    roots: [{ id: 'r-acme', name: 'Root' }],
    organizationalUnits: [
      { id: 'ou-acme-production1', name: 'Production', parentId: 'ou-acme-workload', path: 'Root/Workloads/Production' },
      { id: 'ou-acme-sandbox1', name: 'Sandbox', parentId: 'r-acme', path: 'Root/Sandbox' },
      { id: 'ou-acme-staging1', name: 'Staging', parentId: 'ou-acme-workload', path: 'Root/Workloads/Staging' },
      { id: 'ou-acme-workload', name: 'Workloads', parentId: 'r-acme', path: 'Root/Workloads' },
    ],
    accounts: [
      { id: '100000000000', name: 'acme-management', status: 'ACTIVE', state: 'ACTIVE', parentId: 'r-acme' },
      { id: '200000000000', name: 'acme-staging', status: 'ACTIVE', state: 'ACTIVE', parentId: 'ou-acme-staging1' },
      { id: '300000000000', name: 'acme-production', status: 'ACTIVE', state: 'ACTIVE', parentId: 'ou-acme-production1' },
    ],
    ...overrides,
  };
}
