import { parse } from 'yaml';
import type { DefinitionAccounts } from '../../lib/discover/compare';
import { nameMatches, proposeAccounts } from '../../lib/discover/proposal';
import { exampleTexts, loadTexts } from '../helpers/workspace';
import { snapshot } from './fixtures';

const model: DefinitionAccounts = {
  organization: { managementAccount: '100000000000' },
  environments: [
    { name: 'staging', account: '200000000000', organizationalUnit: 'ou-acme-staging1' },
    { name: 'production', account: '300000000000', organizationalUnit: 'ou-acme-production1' },
  ],
};

describe('nameMatches', () => {
  test.each([
    ['acme-production', 'production', true],
    ['Acme Production EU', 'production', true],
    ['production', 'production', true],
    ['acme-prod-eu', 'prod-eu', true],
    ['acme-production', 'prod', false],
    ['preproduction', 'production', false],
    ['acme-eu-prod', 'prod-eu', false],
  ])('%s for environment %s: %s', (account, environment, expected) => {
    expect(nameMatches(account, environment)).toBe(expected);
  });
});

describe('proposeAccounts', () => {
  test('an organization that matches proposes the definition as it is', () => {
    const text = proposeAccounts(model, snapshot());
    expect(parse(text)).toEqual({
      organization: { management_account: '100000000000' },
      environments: [
        { name: 'staging', account: '200000000000', organizational_unit: 'ou-acme-staging1' },
        { name: 'production', account: '300000000000', organizational_unit: 'ou-acme-production1' },
      ],
    });
    // Ids stay strings: quoted, so YAML keeps them as the schema wants them.
    expect(text).toContain('account: "200000000000" # acme-staging\n');
    expect(text).not.toContain('no environment uses');
  });

  test('the proposal loads as part of a workspace', () => {
    const texts = exampleTexts('starter');
    const proposed = parse(proposeAccounts(model, snapshot())) as { organization: { management_account: string }; environments: Array<{ account: string }> };
    const workspace = parse(texts['workspace.yml']!) as { organization: Record<string, unknown>; environments: Array<Record<string, unknown>> };
    workspace.organization.management_account = proposed.organization.management_account;
    workspace.environments = workspace.environments.slice(0, 1).map((env) => ({ ...env, ...proposed.environments[0] }));
    const result = loadTexts({ ...texts, 'workspace.yml': JSON.stringify(workspace) });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.model?.environments[0]).toMatchObject({ account: '200000000000', organizationalUnit: 'ou-acme-staging1' });
  });

  test('a missing account is replaced by the one unreferenced account named like the environment', () => {
    const org = snapshot({
      accounts: [
        ...snapshot().accounts.filter((a) => a.id !== '300000000000'),
        { id: '310000000000', name: 'acme-production', state: 'ACTIVE', parentId: 'ou-acme-production1' },
        { id: '320000000000', name: 'acme-sandbox', state: 'ACTIVE', parentId: 'ou-acme-sandbox1' },
      ],
    });
    const text = proposeAccounts(model, org);
    expect(parse(text).environments[1]).toEqual({ name: 'production', account: '310000000000', organizational_unit: 'ou-acme-production1' });
    expect(text).toContain('account: "310000000000" # was 300000000000 (not in o-acme12345); matched by account name "acme-production"');
    // The account it took is no longer listed as unused; the other one is.
    expect(text).toContain('# Accounts of the organization that no environment uses:\n#   320000000000  acme-sandbox  ACTIVE  ou-acme-sandbox1 (Root/Sandbox)\n');
    expect(text).not.toMatch(/#\s+310000000000/);
  });

  test('a missing account with no or several candidates is kept and flagged', () => {
    const none = proposeAccounts(model, snapshot({ accounts: snapshot().accounts.filter((a) => a.id !== '300000000000') }));
    expect(parse(none).environments[1]).toEqual({ name: 'production', account: '300000000000', organizational_unit: 'ou-acme-production1' });
    expect(none).toContain('account: "300000000000" # NOT in o-acme12345; no unreferenced account is named like "production"');

    const several = proposeAccounts(model, snapshot({
      accounts: [
        ...snapshot().accounts.filter((a) => a.id !== '300000000000'),
        { id: '310000000000', name: 'production-eu', state: 'ACTIVE', parentId: 'r-acme' },
        { id: '320000000000', name: 'production-us', state: 'ACTIVE', parentId: 'r-acme' },
      ],
    }));
    expect(parse(several).environments[1].account).toBe('300000000000');
    expect(several).toContain('several accounts are named like "production": 310000000000 production-eu, 320000000000 production-us');
  });

  test('an account under the root loses its organizational_unit; the old one is noted', () => {
    const org = snapshot({ accounts: snapshot().accounts.map((a) => (a.id === '200000000000' ? { ...a, parentId: 'r-acme' } : a)) });
    const text = proposeAccounts(model, org);
    expect(parse(text).environments[0]).toEqual({ name: 'staging', account: '200000000000' });
    expect(text).toContain('account: "200000000000" # acme-staging; directly under root r-acme (Root); no organizational_unit; was ou-acme-staging1');
  });

  test('the organization\'s management account replaces a wrong one, with a note', () => {
    const text = proposeAccounts({ ...model, organization: { managementAccount: '999999999999' } }, snapshot());
    expect(parse(text).organization).toEqual({ management_account: '100000000000' });
    expect(text).toContain('management_account: "100000000000" # acme-management; was 999999999999');
  });

  test('a suspended account is kept with a warning above its entry', () => {
    const org = snapshot({ accounts: snapshot().accounts.map((a) => (a.id === '300000000000' ? { ...a, state: 'SUSPENDED' } : a)) });
    expect(proposeAccounts(model, org)).toContain('  # account 300000000000 is SUSPENDED in the organization\n  - name: production\n');
  });
});
