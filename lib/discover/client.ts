/**
 * The AWS Organizations client of `oaas discover`: the SDK's default
 * credential chain, or the named profile of the shared config and credentials
 * files when --profile is given; adaptive retries with a bounded number of
 * attempts, so throttling (TooManyRequestsException) is retried with backoff
 * and client-side rate limiting before the command gives up.
 */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { OrganizationsClientConfig } from '@aws-sdk/client-organizations';
import { fromIni } from '@aws-sdk/credential-provider-ini';

export interface ClientOptions {
  /** A profile of ~/.aws/config and ~/.aws/credentials; default: the SDK's chain (which reads AWS_PROFILE). */
  readonly profile?: string;
  /** Endpoint region; default: AWS_REGION, else us-east-1 (Organizations is a global service there). */
  readonly region?: string;
}

export type OrganizationsClientFactory = (options: ClientOptions) => OrganizationsClient;

/** Retry settings, explicit rather than left to AWS_RETRY_MODE / AWS_MAX_ATTEMPTS. */
export const RETRY = { mode: 'adaptive', maxAttempts: 6 } as const;

export const DEFAULT_REGION = 'us-east-1';

/** The client configuration for the options, before any overrides. */
export function clientConfig(options: ClientOptions): OrganizationsClientConfig {
  const region = options.region ?? process.env.AWS_REGION ?? DEFAULT_REGION;
  return {
    region,
    retryMode: RETRY.mode,
    maxAttempts: RETRY.maxAttempts,
    // An explicit profile wins over credentials in the environment, as with the AWS CLI.
    ...(options.profile ? { credentials: fromIni({ profile: options.profile, clientConfig: { region } }) } : {}),
  };
}

/**
 * Creates a real client. `overrides` replace parts of the configuration, e.g.
 * a `retryStrategy` with tiny delays or a `requestHandler` in tests.
 */
export function createOrganizationsClient(options: ClientOptions, overrides: Partial<OrganizationsClientConfig> = {}): OrganizationsClient {
  return new OrganizationsClient({ ...clientConfig(options), ...overrides });
}
