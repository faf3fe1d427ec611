import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command, Option } from 'commander';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { parse } from 'yaml';
import { registerDiscover } from '../../lib/cli/discover';
import { DISCOVER_EXIT } from '../../lib/discover/errors';
import { EXAMPLES } from '../helpers/workspace';
import { runDiscover } from './cli-harness';
import type { FakeOrganization } from './fixtures';
import { ENTERPRISE_ORG, serveOrganization, testClient } from './fixtures';

const organizations = mockClient(OrganizationsClient);
const workspace = path.join(EXAMPLES, 'enterprise');
let tmp: string;

beforeEach(() => {
  organizations.reset();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-discover-cli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterAll(() => organizations.restore());

/** The enterprise organization with production moved to the sandbox OU and staging suspended. */
const DRIFTED: FakeOrganization = {
  ...ENTERPRISE_ORG,
  accounts: ENTERPRISE_ORG.accounts.map((a) => {
    if (a.Id === '300000000000') return { ...a, parent: 'ou-acme-sandbox1' };
    if (a.Id === '200000000000') return { ...a, Status: 'SUSPENDED' as const, State: 'SUSPENDED' as const };
    return a;
  }),
};

describe('oaas discover', () => {
  test('all matched: a table, the verdict, exit 0', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    const run = await runDiscover([workspace], testClient);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(DISCOVER_EXIT.ok);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ vs organization o-acme12345 \(management account 100000000000; 4 OU\(s\), 4 account\(s\)\)$/);
    expect(lines.slice(2, 7).map((l) => l.split(/\s{2,}/).filter((c) => c !== ''))).toEqual([
      ['RESULT', 'ENVIRONMENT', 'ACCOUNT', 'NAME', 'DETAIL'],
      ['ok', '(management)', '100000000000', 'acme-management', 'management account of o-acme12345'],
      ['ok', 'staging', '200000000000', 'acme-staging', 'ACTIVE in ou-acme-staging1 (Root/Workloads/Staging)'],
      ['ok', 'production', '300000000000', 'acme-production', 'ACTIVE in ou-acme-production1 (Root/Workloads/Production)'],
      ['unreferenced', '-', '400000000000', 'acme-sandbox', 'ACTIVE in ou-acme-sandbox1 (Root/Sandbox); no environment uses it'],
    ]);
    expect(lines.at(-1)).toBe('All accounts of the definition match the organization; 1 unreferenced account(s) (informational).');
    // Columns line up: every row puts ACCOUNT at the same offset.
    const offsets = lines.slice(2, 7).map((l) => l.search(/ACCOUNT|\d{12}/));
    expect(new Set(offsets).size).toBe(1);
  });

  test('discrepancies: suspended and wrong OU are reported, exit 1', async () => {
    serveOrganization(organizations, DRIFTED);
    const run = await runDiscover([workspace], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.discrepancies);
    expect(run.stdout).toMatch(/^ {2}SUSPENDED +staging +200000000000 +acme-staging +account is SUSPENDED in the organization$/m);
    expect(run.stdout).toMatch(/^ {2}WRONG OU +production +300000000000 +acme-production +expected in ou-acme-production1, found in ou-acme-sandbox1 \(Root\/Sandbox\)$/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('2 discrepancy(ies): 1 suspended, 1 in the wrong OU; 1 unreferenced account(s) (informational).');
  });

  test('a missing account and a management mismatch, exit 1', async () => {
    serveOrganization(organizations, {
      ...ENTERPRISE_ORG,
      managementAccountId: '400000000000',
      accounts: ENTERPRISE_ORG.accounts.filter((a) => a.Id !== '300000000000'),
    });
    const run = await runDiscover([workspace], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.discrepancies);
    expect(run.stdout).toMatch(/^ {2}MANAGEMENT +\(management\) +100000000000 +acme-management +100000000000 is a member account of o-acme12345; its management account is 400000000000 \(acme-sandbox\)$/m);
    expect(run.stdout).toMatch(/^ {2}MISSING +production +300000000000 +- +account is not in o-acme12345$/m);
  });

  test('--format json prints the findings and the summary', async () => {
    serveOrganization(organizations, DRIFTED);
    const run = await runDiscover([workspace, '--format', 'json'], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.discrepancies);
    const json = JSON.parse(run.stdout);
    expect(json.organization).toEqual({ id: 'o-acme12345', managementAccountId: '100000000000', roots: 1, organizationalUnits: 4, accounts: 4 });
    expect(json.findings.map((f: { kind: string; environment?: string }) => `${f.kind}:${f.environment ?? ''}`)).toEqual([
      'matched:', 'suspended:staging', 'wrong-ou:production', 'unreferenced:',
    ]);
    expect(json.findings[2]).toEqual({
      kind: 'wrong-ou', discrepancy: true, environment: 'production', account: '300000000000', accountName: 'acme-production',
      expected: 'ou-acme-production1', actual: 'ou-acme-sandbox1', message: 'expected in ou-acme-production1, found in ou-acme-sandbox1 (Root/Sandbox)',
    });
    expect(json.summary).toEqual({ matched: 1, missing: 0, suspended: 1, 'wrong-ou': 1, 'management-mismatch': 0, unreferenced: 1, discrepancies: 2 });
    expect(json.proposal).toBeUndefined();
  });

  test('passes --profile and --region to the client factory, and nothing when absent', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    const withOptions = await runDiscover([workspace, '--profile', 'audit', '--region', 'eu-west-1'], testClient);
    expect(withOptions.clients).toEqual([{ profile: 'audit', region: 'eu-west-1' }]);
    const without = await runDiscover([workspace], testClient);
    expect(without.clients).toEqual([{}]);
  });

  test('an invalid workspace exits 2 before any AWS call', async () => {
    fs.writeFileSync(path.join(tmp, 'workspace.yml'), 'organization: {}\n');
    const run = await runDiscover([tmp], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.invalidInput);
    expect(run.clients).toEqual([]);
    expect(organizations.calls()).toHaveLength(0);
    expect(run.stderr).toMatch(/OAAS001/);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^oaas discover: .*error\(s\); run `oaas validate` and fix them first\. Nothing was read from AWS\.$/);
  });

  test('--format accepts only text and json', async () => {
    await expect(runDiscover([workspace, '--format', 'yaml'], testClient)).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });

  test('--help documents every exit code', async () => {
    const out: string[] = [];
    const program = new Command('oaas').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => out.push(s) });
    program.addOption(new Option('--debug'));
    registerDiscover(program);
    await expect(program.parseAsync(['node', 'oaas', 'discover', '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    const help = out.join('');
    for (const code of Object.values(DISCOVER_EXIT)) expect(help).toMatch(new RegExp(`^  ${code}  `, 'm'));
    expect(help).toContain('--write [file]');
    expect(help).toContain('--profile <profile>');
  });
});

describe('oaas discover --write', () => {
  test('without a file, prints the proposed accounts section after the report', async () => {
    serveOrganization(organizations, DRIFTED);
    const run = await runDiscover([workspace, '--write'], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.discrepancies);
    const start = run.stdout.indexOf('# Accounts of workspace.yml');
    expect(start).toBeGreaterThan(0);
    const proposal = run.stdout.slice(start);
    expect(parse(proposal)).toEqual({
      organization: { management_account: '100000000000' },
      environments: [
        { name: 'staging', account: '200000000000', organizational_unit: 'ou-acme-staging1' },
        { name: 'production', account: '300000000000', organizational_unit: 'ou-acme-sandbox1' },
      ],
    });
    expect(proposal).toContain('# account 200000000000 is SUSPENDED in the organization');
    expect(proposal).toContain('organizational_unit: ou-acme-sandbox1 # Root/Sandbox; was ou-acme-production1');
  });

  test('with a file, writes it and leaves workspace.yml alone', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    const before = fs.readFileSync(path.join(workspace, 'workspace.yml'), 'utf8');
    const file = path.join(tmp, 'accounts.proposed.yml');
    const run = await runDiscover([workspace, '--write', file], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.ok);
    expect(run.stdout).toMatch(/Proposed accounts section written to .*accounts\.proposed\.yml; review it, then copy the values into workspace\.yml\.\n$/);
    expect(parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ environments: [{ name: 'staging', account: '200000000000' }, { name: 'production', account: '300000000000' }] });
    expect(fs.readFileSync(path.join(workspace, 'workspace.yml'), 'utf8')).toBe(before);
  });

  test('with --format json, the proposal or its file is part of the JSON', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    const printed = JSON.parse((await runDiscover([workspace, '--format', 'json', '--write'], testClient)).stdout);
    expect(parse(printed.proposal)).toMatchObject({ organization: { management_account: '100000000000' } });
    const file = path.join(tmp, 'out.yml');
    const written = JSON.parse((await runDiscover([workspace, '--format', 'json', `--write=${file}`], testClient)).stdout);
    expect(written.proposalFile).toMatch(/out\.yml$/);
    expect(fs.existsSync(file)).toBe(true);
  });

  test.each([
    ['workspace.yml', 'workspace.yml', /refusing to overwrite a file of the workspace/],
    ['governance.yml', 'governance.yml', /refusing to overwrite a file of the workspace/],
    ['a tenant file', 'tenants/new.yml', /refusing to overwrite a file of the workspace/],
    ['a folder', 'tenants', /expected a file, got the folder/],
    ['a file in a missing folder', 'no/such/folder/out.yml', /the folder .*no\/such\/folder does not exist\n/],
  ])('refuses %s (exit 2, before any AWS call)', async (_name, target, problem) => {
    fs.cpSync(workspace, tmp, { recursive: true });
    const before = fs.readFileSync(path.join(tmp, 'workspace.yml'), 'utf8');
    const run = await runDiscover([tmp, '--write', path.join(tmp, target)], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.invalidInput);
    expect(run.stderr).toMatch(new RegExp(`^oaas discover: --write .*: ${problem.source}`));
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.clients).toEqual([]);
    expect(fs.readFileSync(path.join(tmp, 'workspace.yml'), 'utf8')).toBe(before);
  });

  test('refuses workspace.yml reached through a symbolic link to the workspace', async () => {
    fs.cpSync(workspace, path.join(tmp, 'ws'), { recursive: true });
    fs.symlinkSync(path.join(tmp, 'ws'), path.join(tmp, 'link'));
    const run = await runDiscover([path.join(tmp, 'ws'), '--write', path.join(tmp, 'link', 'workspace.yml')], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.invalidInput);
    expect(run.stderr).toMatch(/refusing to overwrite a file of the workspace/);
  });
});
