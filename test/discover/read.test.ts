import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  AccessDeniedException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { OrganizationsCallError } from '../../lib/discover/errors';
import { readOrganization } from '../../lib/discover/read';
import type { FakeOrganization } from './fixtures';
import { ENTERPRISE_ORG, manyAccounts, serveOrganization, testClient } from './fixtures';

const organizations = mockClient(OrganizationsClient);

beforeEach(() => organizations.reset());
afterAll(() => organizations.restore());

describe('readOrganization', () => {
  test('reads the organization, its OU tree with paths and each account with its parent', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    const snapshot = await readOrganization(testClient());
    expect(snapshot.organization).toEqual({
      id: 'o-acme12345',
      arn: 'arn:aws:organizations::100000000000:organization/o-acme12345',
      managementAccountId: '100000000000',
      managementAccountEmail: 'root@example.com',
      featureSet: 'ALL',
    });
    expect(snapshot.roots).toEqual([{ id: 'r-acme', name: 'Root' }]);
    expect(snapshot.organizationalUnits.map((u) => [u.id, u.parentId, u.path])).toEqual([
      ['ou-acme-sandbox1', 'r-acme', 'Root/Sandbox'],
      ['ou-acme-workload', 'r-acme', 'Root/Workloads'],
      ['ou-acme-production1', 'ou-acme-workload', 'Root/Workloads/Production'],
      ['ou-acme-staging1', 'ou-acme-workload', 'Root/Workloads/Staging'],
    ]);
    expect(snapshot.accounts).toEqual([
      { id: '100000000000', name: 'acme-management', email: 'acme-management@example.com', status: 'ACTIVE', state: 'ACTIVE', parentId: 'r-acme' },
      { id: '200000000000', name: 'acme-staging', email: 'acme-staging@example.com', status: 'ACTIVE', state: 'ACTIVE', parentId: 'ou-acme-staging1' },
      { id: '300000000000', name: 'acme-production', email: 'acme-production@example.com', status: 'ACTIVE', state: 'ACTIVE', parentId: 'ou-acme-production1' },
      { id: '400000000000', name: 'acme-sandbox', email: 'acme-sandbox@example.com', status: 'ACTIVE', state: 'ACTIVE', parentId: 'ou-acme-sandbox1' },
    ]);
    // Every parent was asked for its OUs and accounts; nobody needed ListParents.
    const parents = ['r-acme', 'ou-acme-workload', 'ou-acme-sandbox1', 'ou-acme-staging1', 'ou-acme-production1'];
    expect(organizations.commandCalls(ListOrganizationalUnitsForParentCommand).map((c) => c.args[0].input.ParentId).sort()).toEqual([...parents].sort());
    expect(organizations.commandCalls(ListAccountsForParentCommand).map((c) => c.args[0].input.ParentId).sort()).toEqual([...parents].sort());
    expect(organizations.commandCalls(ListParentsCommand)).toHaveLength(0);
    expect(organizations.commandCalls(DescribeOrganizationCommand)).toHaveLength(1);
  });

  test('follows every page of accounts, OUs and roots', async () => {
    const units = Array.from({ length: 7 }, (_, i) => ({ Id: `ou-big1-unit000${i}`, Name: `Unit ${i}`, parent: 'r-big1' }));
    const org: FakeOrganization = {
      id: 'o-big1234567',
      managementAccountId: '500000000000',
      roots: [{ Id: 'r-big1', Name: 'Root' }],
      units,
      accounts: [...manyAccounts(11, 'r-big1'), ...manyAccounts(5, 'ou-big1-unit0003', 600000000000)],
    };
    const requests = serveOrganization(organizations, org, 3);
    const snapshot = await readOrganization(testClient(), { pageSize: 3 });

    expect(snapshot.accounts).toHaveLength(16);
    expect(new Set(snapshot.accounts.map((a) => a.id)).size).toBe(16);
    expect(snapshot.accounts.filter((a) => a.parentId === 'ou-big1-unit0003').map((a) => a.id)).toEqual(['600000000000', '600000000001', '600000000002', '600000000003', '600000000004']);
    expect(snapshot.organizationalUnits.map((u) => u.id)).toEqual(units.map((u) => u.Id));

    // 16 accounts at 3 a page: 6 pages, each asking for the token the previous one returned.
    const accountCalls = requests.filter((r) => r.operation === 'ListAccounts').map((r) => r.input);
    expect(accountCalls).toEqual([
      { MaxResults: 3 },
      { MaxResults: 3, NextToken: 'page-3' },
      { MaxResults: 3, NextToken: 'page-6' },
      { MaxResults: 3, NextToken: 'page-9' },
      { MaxResults: 3, NextToken: 'page-12' },
      { MaxResults: 3, NextToken: 'page-15' },
    ]);
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(6);
    // 7 OUs under the root: 3 pages; 11 accounts directly under the root: 4 pages.
    const under = (operation: string) => requests.filter((r) => r.operation === operation && r.input.ParentId === 'r-big1').map((r) => r.input.NextToken ?? null);
    expect(under('ListOrganizationalUnitsForParent')).toEqual([null, 'page-3', 'page-6']);
    expect(under('ListAccountsForParent')).toEqual([null, 'page-3', 'page-6', 'page-9']);
  });

  test('reads nested OUs level by level, several roots included', async () => {
    const org: FakeOrganization = {
      id: 'o-deep123456',
      managementAccountId: '100000000001',
      roots: [{ Id: 'r-aaa1', Name: 'Root' }, { Id: 'r-bbb2', Name: 'Other' }],
      units: [
        { Id: 'ou-aaa1-level001', Name: 'A', parent: 'r-aaa1' },
        { Id: 'ou-aaa1-level002', Name: 'B', parent: 'ou-aaa1-level001' },
        { Id: 'ou-aaa1-level003', Name: 'C', parent: 'ou-aaa1-level002' },
        { Id: 'ou-bbb2-level001', Name: 'D', parent: 'r-bbb2' },
      ],
      accounts: [
        { Id: '100000000001', Name: 'mgmt', State: 'ACTIVE', parent: 'r-aaa1' },
        { Id: '100000000002', Name: 'deep', State: 'SUSPENDED', parent: 'ou-aaa1-level003' },
        { Id: '100000000003', Name: 'other', Status: 'ACTIVE', parent: 'ou-bbb2-level001' },
      ],
    };
    serveOrganization(organizations, org, 1);
    const snapshot = await readOrganization(testClient(), { concurrency: 2 });
    expect(snapshot.roots.map((r) => r.id)).toEqual(['r-aaa1', 'r-bbb2']);
    expect(snapshot.organizationalUnits.map((u) => u.path)).toEqual(['Other/D', 'Root/A', 'Root/A/B', 'Root/A/B/C']);
    expect(snapshot.accounts.map((a) => [a.id, a.parentId, a.state ?? null, a.status ?? null])).toEqual([
      ['100000000001', 'r-aaa1', 'ACTIVE', null],
      ['100000000002', 'ou-aaa1-level003', 'SUSPENDED', null],
      ['100000000003', 'ou-bbb2-level001', null, 'ACTIVE'],
    ]);
  });

  test('asks ListParents for an account that no parent listed', async () => {
    const org: FakeOrganization = {
      ...ENTERPRISE_ORG,
      accounts: ENTERPRISE_ORG.accounts.map((a) => (a.Id === '300000000000' ? { ...a, hiddenFromParent: true } : a)),
    };
    serveOrganization(organizations, org);
    const snapshot = await readOrganization(testClient());
    expect(snapshot.accounts.find((a) => a.id === '300000000000')?.parentId).toBe('ou-acme-production1');
    expect(organizations.commandCalls(ListParentsCommand).map((c) => c.args[0].input)).toEqual([{ ChildId: '300000000000' }]);
  });

  test('names the operation that failed and keeps the SDK error', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    const denied = new AccessDeniedException({ message: 'You don’t have permissions to access this resource.', $metadata: { httpStatusCode: 403 } });
    organizations.on(ListAccountsCommand).rejects(denied);
    const error: unknown = await readOrganization(testClient()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrganizationsCallError);
    expect((error as OrganizationsCallError).operation).toBe('ListAccounts');
    expect((error as OrganizationsCallError).cause).toBe(denied);
  });

  test('stops before listing anything when DescribeOrganization fails', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    organizations.on(DescribeOrganizationCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    await expect(readOrganization(testClient())).rejects.toMatchObject({ operation: 'DescribeOrganization' });
    expect(organizations.commandCalls(ListRootsCommand)).toHaveLength(0);
  });
});
