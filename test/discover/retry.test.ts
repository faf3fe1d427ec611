/**
 * Throttling and credentials through the real SDK middleware. aws-sdk-client-mock
 * replaces `client.send` and so skips the retry middleware; here a fake HTTP
 * handler answers in the service's JSON protocol instead, so the SDK's retry
 * strategy, error parsing and credential resolution all run. No network.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AdaptiveRetryStrategy, ConfiguredRetryStrategy } from '@smithy/core/retry';
import { clientConfig, createOrganizationsClient, RETRY } from '../../lib/discover/client';
import { classifyError, DISCOVER_EXIT, OrganizationsCallError } from '../../lib/discover/errors';
import { readOrganization } from '../../lib/discover/read';
import { answer, ENTERPRISE_ORG, manyAccounts } from './fixtures';
import type { FakeOrganization } from './fixtures';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };

interface FakeService {
  readonly handler: { handle(request: { headers: Record<string, string>; body?: unknown }): Promise<{ response: unknown }> };
  /** Operations in the order they reached the "network". */
  readonly calls: string[];
}

/** An error response of the service: status and JSON body. */
interface Failure {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * Answers for `org`; each operation in `throttle` is refused that many times
 * first; each operation in `fail` always gets that error response.
 */
function fakeService(org: FakeOrganization, throttle: Record<string, number> = {}, size = 2, fail: Record<string, Failure> = {}): FakeService {
  const calls: string[] = [];
  const left = { ...throttle };
  const respond = (statusCode: number, body: unknown) => ({
    response: { statusCode, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${calls.length}` }, body: Buffer.from(JSON.stringify(body)) },
  });
  return {
    calls,
    handler: {
      handle(request) {
        const operation = (request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
        calls.push(operation);
        const failure = fail[operation];
        if (failure) return Promise.resolve(respond(failure.status, failure.body));
        if ((left[operation] ?? 0) > 0) {
          left[operation]! -= 1;
          return Promise.resolve(respond(400, { __type: 'TooManyRequestsException', Type: 'AWSOrganizations', Message: 'AWS Organizations can\'t complete your request because another request is already in progress. Try again later.' }));
        }
        const text = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : typeof request.body === 'string' ? request.body : '';
        if (text === '') throw new Error(`expected a JSON body for ${operation}`);
        const input = JSON.parse(text) as Record<string, unknown>;
        return Promise.resolve(respond(200, answer(org, operation, input, size)));
      },
    },
  };
}

/** A real client on the fake service; retries wait 1 ms instead of the SDK's backoff. */
function clientOn(service: FakeService, maxAttempts = 3): OrganizationsClient {
  return createOrganizationsClient({ region: 'us-east-1' }, {
    credentials: CREDENTIALS,
    requestHandler: service.handler as never,
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 1),
  });
}

describe('retries on throttling', () => {
  test('a throttled ListAccounts page is retried and the snapshot is complete', async () => {
    const org = { ...ENTERPRISE_ORG, accounts: [...ENTERPRISE_ORG.accounts, ...manyAccounts(5, 'ou-acme-sandbox1')] };
    const service = fakeService(org, { ListAccounts: 1 });
    const snapshot = await readOrganization(clientOn(service));
    expect(snapshot.accounts).toHaveLength(9);
    expect(snapshot.accounts.map((a) => a.id)).toEqual([...org.accounts.map((a) => a.Id)].sort());
    // 9 accounts at 2 a page: 5 pages, the first sent twice.
    expect(service.calls.filter((c) => c === 'ListAccounts')).toHaveLength(6);
    expect(service.calls.indexOf('ListAccounts')).toBe(service.calls.lastIndexOf('ListAccounts') - 5);
  });

  test('every kind of call is retried: one throttle on each still reads everything', async () => {
    const operations = ['DescribeOrganization', 'ListRoots', 'ListOrganizationalUnitsForParent', 'ListAccountsForParent', 'ListAccounts'];
    const service = fakeService(ENTERPRISE_ORG, Object.fromEntries(operations.map((o) => [o, 1])));
    const snapshot = await readOrganization(clientOn(service, 4), { concurrency: 1 });
    expect(snapshot.organizationalUnits).toHaveLength(4);
    expect(snapshot.accounts).toHaveLength(4);
    for (const operation of operations) expect(service.calls.slice(service.calls.indexOf(operation), service.calls.indexOf(operation) + 2)).toEqual([operation, operation]);
  });

  test('a call still throttled after maxAttempts fails with the attempts counted, as exit 6', async () => {
    const service = fakeService(ENTERPRISE_ORG, { ListRoots: 10 });
    const error: unknown = await readOrganization(clientOn(service, 3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrganizationsCallError);
    expect(service.calls.filter((c) => c === 'ListRoots')).toHaveLength(3);
    const classified = classifyError(error);
    expect(classified?.exitCode).toBe(DISCOVER_EXIT.awsFailure);
    expect(classified?.message).toMatch(/^AWS Organizations call failed \(ListRoots\): still throttled after 3 attempts \(TooManyRequestsException\)/);
    expect(classified?.message).not.toContain('\n');
  });
});

describe('errors as the SDK parses them from the wire', () => {
  test.each([
    ['AccessDeniedException', 'ListAccounts', 403, 'access-denied', DISCOVER_EXIT.accessDenied],
    ['AWSOrganizationsNotInUseException', 'DescribeOrganization', 400, 'not-in-organization', DISCOVER_EXIT.notInOrganization],
    ['ExpiredTokenException', 'DescribeOrganization', 400, 'no-credentials', DISCOVER_EXIT.noCredentials],
    ['UnrecognizedClientException', 'ListRoots', 400, 'no-credentials', DISCOVER_EXIT.noCredentials],
    ['ServiceException', 'ListAccountsForParent', 500, 'aws-failure', DISCOVER_EXIT.awsFailure],
  ])('%s from %s (HTTP %i) is classified as %s', async (type, operation, status, kind, exitCode) => {
    const service = fakeService(ENTERPRISE_ORG, {}, 2, { [operation]: { status: Number(status), body: { __type: type, Message: `${type} message` } } });
    const error: unknown = await readOrganization(clientOn(service, 2)).catch((e: unknown) => e);
    expect(error).toMatchObject({ operation });
    expect(classifyError(error)).toMatchObject({ kind, exitCode });
  });
});

describe('the default client', () => {
  test('uses adaptive retries with a bounded number of attempts', async () => {
    const client = createOrganizationsClient({ region: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(RETRY.maxAttempts);
    expect(client.config.retryMode).toBe('adaptive');
    expect(await client.config.retryStrategy()).toBeInstanceOf(AdaptiveRetryStrategy);
    expect(await client.config.region()).toBe('eu-west-1');
    client.destroy();
  });

  test('takes the region from AWS_REGION, else us-east-1, and --region over both', () => {
    const saved = process.env.AWS_REGION;
    try {
      delete process.env.AWS_REGION;
      expect(clientConfig({}).region).toBe('us-east-1');
      process.env.AWS_REGION = 'eu-central-1';
      expect(clientConfig({}).region).toBe('eu-central-1');
      expect(clientConfig({ region: 'us-gov-west-1' }).region).toBe('us-gov-west-1');
    } finally {
      if (saved === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = saved;
    }
  });

  test('with --profile, reads only that profile; an unknown profile is a credentials error (exit 4) before any request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-discover-'));
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, '[profile other]\nregion = us-east-1\n');
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = config;
    try {
      const service = fakeService(ENTERPRISE_ORG);
      const client = createOrganizationsClient({ profile: 'no-such-profile' }, { requestHandler: service.handler as never });
      const error: unknown = await readOrganization(client).catch((e: unknown) => e);
      expect(service.calls).toEqual([]);
      const classified = classifyError(error);
      expect(classified?.kind).toBe('no-credentials');
      expect(classified?.exitCode).toBe(DISCOVER_EXIT.noCredentials);
      expect(classified?.message).toContain('no-such-profile');
    } finally {
      for (const [name, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with --profile, uses that profile\'s keys and signs the requests with them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-discover-'));
    const credentials = path.join(dir, 'credentials');
    fs.writeFileSync(credentials, '[audit]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n');
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE, key: process.env.AWS_ACCESS_KEY_ID };
    process.env.AWS_CONFIG_FILE = path.join(dir, 'missing-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENVIRONMENT';
    try {
      const service = fakeService(ENTERPRISE_ORG);
      const seen: string[] = [];
      const handler = {
        handle: (request: { headers: Record<string, string>; body?: unknown }) => {
          seen.push(request.headers.authorization ?? '');
          return service.handler.handle(request);
        },
      };
      const client = createOrganizationsClient({ profile: 'audit' }, { requestHandler: handler as never });
      await readOrganization(client);
      expect(seen.length).toBeGreaterThan(0);
      for (const authorization of seen) expect(authorization).toContain('Credential=AKIDPROFILE/');
    } finally {
      for (const [name, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials], ['AWS_ACCESS_KEY_ID', saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
