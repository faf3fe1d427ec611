import type { DefinitionAccounts, Finding } from '../../lib/discover/compare';
import { compareOrganization, countFindings } from '../../lib/discover/compare';
import type { AccountInfo, OrganizationSnapshot } from '../../lib/discover/snapshot';
import { exampleModel } from '../helpers/workspace';
import { snapshot } from './fixtures';

const definition = (overrides: Partial<DefinitionAccounts> = {}): DefinitionAccounts => ({
  organization: { managementAccount: '100000000000' },
  environments: [
    { name: 'staging', account: '200000000000', organizationalUnit: 'ou-acme-staging1' },
    { name: 'production', account: '300000000000', organizationalUnit: 'ou-acme-production1' },
  ],
  ...overrides,
});

const withAccount = (base: OrganizationSnapshot, id: string, change: Partial<AccountInfo>): OrganizationSnapshot => ({
  ...base,
  accounts: base.accounts.map((a) => (a.id === id ? { ...a, ...change } : a)),
});

/** A finding as the cases below spell it: kind, environment (or '-'), account. */
const brief = (f: Finding): string => `${f.kind} ${f.environment ?? '-'} ${f.account}`;

interface Case {
  readonly name: string;
  readonly model: DefinitionAccounts;
  readonly snapshot: OrganizationSnapshot;
  readonly findings: readonly string[];
  readonly discrepancies: number;
}

const cases: Case[] = [
  {
    name: 'everything matches',
    model: definition(),
    snapshot: snapshot(),
    findings: ['matched - 100000000000', 'matched staging 200000000000', 'matched production 300000000000'],
    discrepancies: 0,
  },
  {
    name: 'an account missing from the organization',
    model: definition(),
    snapshot: snapshot({ accounts: snapshot().accounts.filter((a) => a.id !== '300000000000') }),
    findings: ['matched - 100000000000', 'matched staging 200000000000', 'missing production 300000000000'],
    discrepancies: 1,
  },
  {
    name: 'a suspended account (legacy Status only)',
    model: definition(),
    snapshot: withAccount(snapshot(), '200000000000', { status: 'SUSPENDED', state: undefined }),
    findings: ['matched - 100000000000', 'suspended staging 200000000000', 'matched production 300000000000'],
    discrepancies: 1,
  },
  {
    name: 'a closed account (newer State wins over Status)',
    model: definition(),
    snapshot: withAccount(snapshot(), '300000000000', { status: 'ACTIVE', state: 'CLOSED' }),
    findings: ['matched - 100000000000', 'matched staging 200000000000', 'suspended production 300000000000'],
    discrepancies: 1,
  },
  {
    name: 'an account pending activation is not a discrepancy',
    model: definition(),
    snapshot: withAccount(snapshot(), '300000000000', { state: 'PENDING_ACTIVATION' }),
    findings: ['matched - 100000000000', 'matched staging 200000000000', 'matched production 300000000000'],
    discrepancies: 0,
  },
  {
    name: 'an account in the wrong OU',
    model: definition(),
    snapshot: withAccount(snapshot(), '300000000000', { parentId: 'ou-acme-sandbox1' }),
    findings: ['matched - 100000000000', 'matched staging 200000000000', 'wrong-ou production 300000000000'],
    discrepancies: 1,
  },
  {
    name: 'suspended and in the wrong OU: both reported',
    model: definition(),
    snapshot: withAccount(snapshot(), '200000000000', { state: 'SUSPENDED', parentId: 'r-acme' }),
    findings: ['matched - 100000000000', 'suspended staging 200000000000', 'wrong-ou staging 200000000000', 'matched production 300000000000'],
    discrepancies: 2,
  },
  {
    name: 'no organizational_unit in the definition: any parent matches',
    model: definition({ environments: [{ name: 'staging', account: '200000000000' }] }),
    snapshot: withAccount(snapshot(), '200000000000', { parentId: 'r-acme' }),
    findings: ['matched - 100000000000', 'matched staging 200000000000', 'unreferenced - 300000000000'],
    discrepancies: 0,
  },
  {
    name: 'the management account differs',
    model: definition({ organization: { managementAccount: '999999999999' } }),
    snapshot: snapshot(),
    findings: ['management-mismatch - 999999999999', 'matched staging 200000000000', 'matched production 300000000000'],
    discrepancies: 1,
  },
  {
    name: 'unreferenced accounts are informational, sorted by id, the management account excluded',
    model: definition({ environments: [{ name: 'production', account: '300000000000', organizationalUnit: 'ou-acme-production1' }] }),
    snapshot: snapshot({
      accounts: [
        { id: '900000000000', name: 'zeta', state: 'SUSPENDED', parentId: 'r-acme' },
        ...snapshot().accounts,
        { id: '400000000000', name: 'sandbox', state: 'ACTIVE', parentId: 'ou-acme-sandbox1' },
      ],
    }),
    findings: ['matched - 100000000000', 'matched production 300000000000', 'unreferenced - 200000000000', 'unreferenced - 400000000000', 'unreferenced - 900000000000'],
    discrepancies: 0,
  },
  {
    name: 'two environments on one account are checked one by one',
    model: definition({
      environments: [
        { name: 'dev', account: '200000000000', organizationalUnit: 'ou-acme-staging1' },
        { name: 'qa', account: '200000000000', organizationalUnit: 'ou-acme-sandbox1' },
      ],
    }),
    snapshot: snapshot(),
    findings: ['matched - 100000000000', 'matched dev 200000000000', 'wrong-ou qa 200000000000', 'unreferenced - 300000000000'],
    discrepancies: 1,
  },
  {
    name: 'an empty organization: everything missing',
    model: definition({ organization: { managementAccount: '100000000000' } }),
    snapshot: snapshot({ accounts: [], organizationalUnits: [] }),
    findings: ['matched - 100000000000', 'missing staging 200000000000', 'missing production 300000000000'],
    discrepancies: 2,
  },
];

describe('compareOrganization', () => {
  test.each(cases)('$name', ({ model, snapshot: org, findings, discrepancies }) => {
    const result = compareOrganization(model, org);
    expect(result.map(brief)).toEqual(findings);
    expect(result.filter((f) => f.discrepancy)).toHaveLength(discrepancies);
    expect(countFindings(result).discrepancies).toBe(discrepancies);
  });

  test('a wrong OU names both OUs with their paths', () => {
    const [, , production] = compareOrganization(definition(), withAccount(snapshot(), '300000000000', { parentId: 'ou-acme-sandbox1' }));
    expect(production).toEqual({
      kind: 'wrong-ou',
      discrepancy: true,
      environment: 'production',
      account: '300000000000',
      accountName: 'acme-production',
      expected: 'ou-acme-production1',
      actual: 'ou-acme-sandbox1',
      message: 'expected in ou-acme-production1, found in ou-acme-sandbox1 (Root/Sandbox)',
    });
  });

  test('a wrong OU that does not exist at all says so; an account under the root says so', () => {
    const model = definition({ environments: [{ name: 'staging', account: '200000000000', organizationalUnit: 'ou-gone-00000000' }] });
    const [, staging] = compareOrganization(model, withAccount(snapshot(), '200000000000', { parentId: 'r-acme' }));
    expect(staging?.message).toBe('expected in ou-gone-00000000 (no such OU in the organization), found in root r-acme (Root)');
  });

  test('a management mismatch says whether the defined account is a member', () => {
    const [member] = compareOrganization(definition({ organization: { managementAccount: '200000000000' } }), snapshot());
    expect(member).toMatchObject({ kind: 'management-mismatch', expected: '200000000000', actual: '100000000000', accountName: 'acme-staging' });
    expect(member?.message).toBe('200000000000 is a member account of o-acme12345; its management account is 100000000000 (acme-management)');
    const [stranger] = compareOrganization(definition({ organization: { managementAccount: '999999999999' } }), snapshot());
    expect(stranger?.message).toBe('999999999999 is not in o-acme12345; its management account is 100000000000 (acme-management)');
  });

  test('a suspended finding carries the state; a matched one where the account sits', () => {
    const result = compareOrganization(definition(), withAccount(snapshot(), '200000000000', { state: 'PENDING_CLOSURE' }));
    expect(result[1]).toMatchObject({ kind: 'suspended', actual: 'PENDING_CLOSURE', message: 'account is PENDING_CLOSURE in the organization' });
    expect(result[2]).toMatchObject({ kind: 'matched', actual: 'ou-acme-production1', message: 'ACTIVE in ou-acme-production1 (Root/Workloads/Production)' });
  });

  test('takes a WorkspaceModel as it is: the enterprise example against its organization', () => {
    const result = compareOrganization(exampleModel('enterprise'), snapshot());
    expect(result.map(brief)).toEqual(['matched - 100000000000', 'matched staging 200000000000', 'matched production 300000000000']);
  });

  test('counts every kind', () => {
    const org = snapshot({
      accounts: [
        { id: '100000000000', name: 'm', state: 'ACTIVE', parentId: 'r-acme' },
        { id: '200000000000', name: 's', state: 'SUSPENDED', parentId: 'r-acme' },
        { id: '700000000000', name: 'x', state: 'ACTIVE', parentId: 'r-acme' },
      ],
    });
    expect(countFindings(compareOrganization(definition(), org))).toEqual({
      matched: 1, missing: 1, suspended: 1, 'wrong-ou': 1, 'management-mismatch': 0, unreferenced: 1, discrepancies: 3,
    });
  });
});
