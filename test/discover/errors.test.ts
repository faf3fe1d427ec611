import * as path from 'path';
import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListRootsCommand,
  OrganizationsClient,
  OrganizationsServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { CredentialsProviderError } from '@smithy/core/config';
import { mockClient } from 'aws-sdk-client-mock';
import { classifyError, DISCOVER_EXIT, DISCOVER_EXIT_HELP, OrganizationsCallError } from '../../lib/discover/errors';
import { EXAMPLES } from '../helpers/workspace';
import { runDiscover } from './cli-harness';
import { ENTERPRISE_ORG, serveOrganization, testClient } from './fixtures';

const organizations = mockClient(OrganizationsClient);
beforeEach(() => organizations.reset());
afterAll(() => organizations.restore());

const metadata = { httpStatusCode: 400, requestId: 'req-1', attempts: 1 };
const accessDenied = () => new AccessDeniedException({ message: 'You don\'t have permissions to access this resource.', $metadata: { ...metadata, httpStatusCode: 403 } });
const noCredentials = () => new CredentialsProviderError('Could not load credentials from any providers', { tryNextLink: false });
const notInOrganization = () => new AWSOrganizationsNotInUseException({ message: 'Your account is not a member of an organization.', $metadata: metadata });
const expired = () => new OrganizationsServiceException({ name: 'ExpiredTokenException', $fault: 'client', message: 'The security token included in the request is expired', $metadata: metadata });
const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { ...metadata, attempts: 6 } });
const network = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });

describe('classifyError', () => {
  test.each([
    ['AccessDeniedException', accessDenied, 'access-denied', DISCOVER_EXIT.accessDenied],
    ['CredentialsProviderError', noCredentials, 'no-credentials', DISCOVER_EXIT.noCredentials],
    ['a provider error named only by its message', () => new Error('Could not load credentials from any providers'), 'no-credentials', DISCOVER_EXIT.noCredentials],
    ['ExpiredTokenException', expired, 'no-credentials', DISCOVER_EXIT.noCredentials],
    ['AWSOrganizationsNotInUseException', notInOrganization, 'not-in-organization', DISCOVER_EXIT.notInOrganization],
    ['TooManyRequestsException after the retries', throttled, 'aws-failure', DISCOVER_EXIT.awsFailure],
    ['a network error', network, 'aws-failure', DISCOVER_EXIT.awsFailure],
  ])('%s', (_name, make, kind, exitCode) => {
    for (const error of [make(), new OrganizationsCallError('ListAccounts', make())]) {
      const classified = classifyError(error);
      expect(classified).toMatchObject({ kind, exitCode });
      expect(classified?.message).not.toMatch(/\n/);
      expect(classified?.cause).toBe(error instanceof OrganizationsCallError ? error.cause : error);
    }
  });

  test('names the operation when it is known', () => {
    expect(classifyError(new OrganizationsCallError('ListAccounts', accessDenied()))?.message).toBe(
      'access denied (ListAccounts): You don\'t have permissions to access this resource. Use credentials of the management account or a delegated administrator allowed organizations:Describe* and organizations:List*',
    );
    expect(classifyError(throttled())?.message).toBe('AWS Organizations call failed: still throttled after 6 attempts (TooManyRequestsException): Rate exceeded. Try again later');
  });

  test('any failure of an AWS call is an AWS failure; an error elsewhere is not classified (internal error)', () => {
    expect(classifyError(new OrganizationsCallError('ListRoots', new Error('Region is missing')))).toMatchObject({
      kind: 'aws-failure', message: 'AWS Organizations call failed (ListRoots): Error: Region is missing',
    });
    expect(classifyError(new TypeError('cannot read properties of undefined'))).toBeUndefined();
    expect(classifyError('a string')).toBeUndefined();
  });

  test('keeps a multi-line message from AWS on one line', () => {
    const error = new AccessDeniedException({ message: 'line one\n  line two\n', $metadata: metadata });
    expect(classifyError(error)?.message).toMatch(/^access denied: line one line two\. Use credentials/);
  });

  test('the help lists a distinct code for each outcome', () => {
    const codes = Object.values(DISCOVER_EXIT);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(DISCOVER_EXIT_HELP).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
  });
});

describe('oaas discover on AWS errors', () => {
  const workspace = path.join(EXAMPLES, 'enterprise');

  test.each([
    ['access denied', ListAccountsCommand, accessDenied, DISCOVER_EXIT.accessDenied,
      'oaas discover: access denied (ListAccounts): You don\'t have permissions to access this resource. Use credentials of the management account or a delegated administrator allowed organizations:Describe* and organizations:List*\n'],
    ['no credentials', DescribeOrganizationCommand, noCredentials, DISCOVER_EXIT.noCredentials,
      'oaas discover: no AWS credentials: Could not load credentials from any providers. Pass --profile, set AWS_PROFILE or the AWS_ACCESS_KEY_ID variables, or run `aws sso login`\n'],
    ['not in an organization', DescribeOrganizationCommand, notInOrganization, DISCOVER_EXIT.notInOrganization,
      'oaas discover: the account of these credentials is not a member of an AWS organization (DescribeOrganization). Use credentials of the organization\'s management account\n'],
    ['expired credentials', ListRootsCommand, expired, DISCOVER_EXIT.noCredentials,
      'oaas discover: AWS rejected the credentials (ListRoots): ExpiredTokenException: The security token included in the request is expired. Refresh them (e.g. `aws sso login`) or pass another --profile\n'],
    ['throttled after the retries', ListAccountsCommand, throttled, DISCOVER_EXIT.awsFailure,
      'oaas discover: AWS Organizations call failed (ListAccounts): still throttled after 6 attempts (TooManyRequestsException): Rate exceeded. Try again later\n'],
  ] as const)('%s: one line on stderr, nothing on stdout, its own exit code', async (_name, command, make, code, line) => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    organizations.on(command).rejects(make());
    const run = await runDiscover([workspace], testClient);
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(line);
    expect(run.stdout).toBe('');
  });

  test('--debug adds the stack trace of the AWS error', async () => {
    serveOrganization(organizations, ENTERPRISE_ORG);
    organizations.on(DescribeOrganizationCommand).rejects(notInOrganization());
    const run = await runDiscover(['--debug', workspace], testClient);
    expect(run.code).toBe(DISCOVER_EXIT.notInOrganization);
    const [first, ...rest] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^oaas discover: the account of these credentials is not a member/);
    expect(rest[0]).toMatch(/^AWSOrganizationsNotInUseException: Your account is not a member of an organization/);
    expect(rest.some((l) => /^\s+at /.test(l))).toBe(true);
  });

  test('an error that is not from AWS goes to main as an internal error', async () => {
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { MasterAccountId: '100000000000' } });
    await expect(runDiscover([workspace], testClient)).rejects.toThrow('AWS Organizations returned an organization without an id');
  });
});
