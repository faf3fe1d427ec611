/**
 * Exit codes of `oaas discover` and the classifier that turns a failed AWS
 * call into one line for the user and a distinct exit code. Codes 0-2 mean
 * what they mean for every oaas command (see lib/cli/main.ts).
 */

export const DISCOVER_EXIT = {
  /** Every environment matches the organization. */
  ok: 0,
  /** Discrepancies found. Also an internal error, as for every command. */
  discrepancies: 1,
  /** The workspace does not validate, or an option is wrong. */
  invalidInput: 2,
  /** AWS Organizations denied a call. */
  accessDenied: 3,
  /** No usable credentials: none found, expired or rejected. */
  noCredentials: 4,
  /** The caller's account is not a member of an organization. */
  notInOrganization: 5,
  /** Any other failed AWS call: still throttled after the retries, network, service error. */
  awsFailure: 6,
} as const;

/** The exit codes as the command's help prints them. */
export const DISCOVER_EXIT_HELP = [
  'Exit codes:',
  `  ${DISCOVER_EXIT.ok}  every environment matches the organization (unreferenced accounts are informational)`,
  `  ${DISCOVER_EXIT.discrepancies}  discrepancies found: missing, suspended or wrong-OU accounts, management account mismatch (also: internal error)`,
  `  ${DISCOVER_EXIT.invalidInput}  invalid input: the workspace does not validate, a bad option, or a --write target that is a workspace file`,
  `  ${DISCOVER_EXIT.accessDenied}  AWS denied access (AccessDeniedException): use the management account or a delegated administrator`,
  `  ${DISCOVER_EXIT.noCredentials}  no usable AWS credentials: none found for the profile or chain, or expired or rejected`,
  `  ${DISCOVER_EXIT.notInOrganization}  the credentials' account is not a member of an AWS organization (AWSOrganizationsNotInUseException)`,
  `  ${DISCOVER_EXIT.awsFailure}  another AWS failure: still throttled after the retries, network, or a service error`,
].join('\n');

export type DiscoverErrorKind = 'access-denied' | 'no-credentials' | 'not-in-organization' | 'aws-failure';

export interface ClassifiedError {
  readonly kind: DiscoverErrorKind;
  readonly exitCode: number;
  /** One line, without a trailing newline. */
  readonly message: string;
  /** The error the SDK raised, for --debug. */
  readonly cause: unknown;
}

/** A failed call to AWS Organizations, with the operation it was for. */
export class OrganizationsCallError extends Error {
  constructor(readonly operation: string, readonly cause: unknown) {
    super(`${operation}: ${errorMessage(cause)}`);
    this.name = 'OrganizationsCallError';
  }
}

/** Errors that mean the credentials were found but AWS does not accept them. */
const REJECTED_CREDENTIALS = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { attempts?: unknown };
}

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

function errorMessage(error: unknown): string {
  const message = shape(error).message;
  return typeof message === 'string' && message.trim() !== '' ? message : String(error);
}

/** Collapses whitespace so a message from AWS stays on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

function isCredentialsProviderError(name: string, message: string): boolean {
  return name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not (load|resolve) credentials/i.test(message);
}

/**
 * Classifies an error raised while reading the organization. Returns
 * undefined for errors that did not come from an AWS call (bugs), which the
 * CLI reports as internal errors.
 */
export function classifyError(error: unknown): ClassifiedError | undefined {
  const wrapped = error instanceof OrganizationsCallError;
  const cause = wrapped ? error.cause : error;
  const { name: rawName, code, $fault, $metadata } = shape(cause);
  const name = typeof rawName === 'string' ? rawName : 'Error';
  const message = oneLine(errorMessage(cause));
  const during = wrapped ? ` (${error.operation})` : '';
  const fromAws = wrapped || $metadata !== undefined || $fault !== undefined;

  if (isCredentialsProviderError(name, message)) {
    return {
      kind: 'no-credentials', exitCode: DISCOVER_EXIT.noCredentials, cause,
      message: `no AWS credentials: ${message}. Pass --profile, set AWS_PROFILE or the AWS_ACCESS_KEY_ID variables, or run \`aws sso login\``,
    };
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return {
      kind: 'no-credentials', exitCode: DISCOVER_EXIT.noCredentials, cause,
      message: `AWS rejected the credentials${during}: ${name}: ${message}. Refresh them (e.g. \`aws sso login\`) or pass another --profile`,
    };
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return {
      kind: 'access-denied', exitCode: DISCOVER_EXIT.accessDenied, cause,
      message: `access denied${during}: ${message}. Use credentials of the management account or a delegated administrator allowed organizations:Describe* and organizations:List*`,
    };
  }
  if (name === 'AWSOrganizationsNotInUseException') {
    return {
      kind: 'not-in-organization', exitCode: DISCOVER_EXIT.notInOrganization, cause,
      message: `the account of these credentials is not a member of an AWS organization${during}. Use credentials of the organization's management account`,
    };
  }
  const network = (typeof code === 'string' && NETWORK_CODES.has(code)) || name === 'TimeoutError';
  if (fromAws || network) {
    const attempts = typeof $metadata?.attempts === 'number' ? $metadata.attempts : undefined;
    const detail = name === 'TooManyRequestsException' || name === 'ThrottlingException'
      ? `still throttled after ${attempts ?? 'several'} attempts (${name}): ${message}. Try again later`
      : `${name}: ${message}`;
    return { kind: 'aws-failure', exitCode: DISCOVER_EXIT.awsFailure, cause, message: `AWS Organizations call failed${during}: ${detail}` };
  }
  return undefined;
}
