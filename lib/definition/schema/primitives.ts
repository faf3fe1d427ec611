/**
 * Building blocks shared by the file schemas: names, AWS identifiers and the
 * unit-bearing values of `../units.ts` as zod types.
 *
 * Error messages carry their hint after a newline (`expected...\nhint`): the
 * diagnostics layer splits them, so every schema rule says both what it wanted
 * and how to fix it while keeping its JSON Schema `pattern`.
 */
import { z } from 'zod';
import type { Parsed } from '../units';
import {
  parseDuration, parseMoney, parsePercentage, parseRate, parseRecoveryObjectives, parseSize, parseThreshold, parseUnitPrice, wholeNumber,
} from '../units';

/** Joins an expectation and a hint into one zod message; see the file comment. */
export const msg = (expected: string, hint: string): string => `${expected}\n${hint}`;

/**
 * A string whose type error (a number, a list, nothing at all) says what kind
 * of string was wanted, like the format errors below do.
 */
const text = (expected: string, example: string) => z.string({
  error: (issue) => {
    const input: unknown = issue.input;
    const hint = typeof input === 'number' || typeof input === 'boolean'
      ? `Quote it ("${String(input)}") so YAML reads a string, or write a value like "${example}".`
      : `Write a value like "${example}".`;
    return msg(expected, hint);
  },
});

/** A DNS-1123 label: what Kubernetes accepts for namespaces, services and label values. */
export const k8sName = text('a Kubernetes name like "payments-api"', 'payments-api')
  .max(63, { error: msg('a name of at most 63 characters', 'Shorten it: it becomes a Kubernetes name.') })
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: msg(
      'a Kubernetes name (lower-case letters, digits and "-", starting and ending with a letter or digit)',
      'Use a name like "payments-api"; replace "_" and spaces with "-".',
    ),
  })
  .meta({ description: 'A DNS-1123 label: lower-case letters, digits and "-", at most 63 characters.' });

/** A snake_case identifier, as the seeds name roles, permissions, stages and patterns. */
export const identifier = text('a snake_case identifier like "security_manager"', 'security_manager')
  .regex(/^[a-z][a-z0-9_]*$/, {
    error: msg('a snake_case identifier like "security_manager"', 'Use lower-case letters, digits and "_", starting with a letter.'),
  })
  .meta({ description: 'A snake_case identifier such as "security_manager".' });

export const accountId = z
  .string({ error: msg('a 12-digit AWS account id in quotes', 'Quote it, as in "012345678901", so YAML keeps it a string with its leading zeros.') })
  .regex(/^\d{12}$/, { error: msg('a 12-digit AWS account id', 'An account id is exactly 12 digits, as in "123456789012".') })
  .meta({ description: 'A 12-digit AWS account id, quoted.' });

export const regionName = text('an AWS region like "eu-west-1"', 'eu-west-1')
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/, {
    error: msg('an AWS region like "eu-west-1"', 'Use the region code, not its display name: "eu-west-1" rather than "Ireland".'),
  })
  .meta({ description: 'An AWS region code such as "eu-west-1".' });

export const availabilityZone = text('an availability zone like "eu-west-1a"', 'eu-west-1a')
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, {
    error: msg('an availability zone like "eu-west-1a"', 'Write the zone name: the region followed by a letter.'),
  })
  .meta({ description: 'An availability zone name such as "eu-west-1a".' });

export const cidr = text('an IPv4 CIDR block like "10.0.0.0/16"', '10.0.0.0/16')
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, {
    error: msg('an IPv4 CIDR block like "10.0.0.0/16"', 'Write the network address and prefix length, as in "10.10.0.0/16".'),
  })
  .meta({ description: 'An IPv4 CIDR block such as "10.10.0.0/16".' });

export const email = text('an email address', 'finops@example.com')
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: msg('an email address', 'Write it like "finops@example.com".') })
  .meta({ description: 'An email address.' });

export const httpsUrl = text('an https:// URL', 'https://events.example.com/hook')
  .regex(/^https:\/\/[^\s]+$/, { error: msg('an https:// URL', 'Notification endpoints must use HTTPS.') })
  .meta({ description: 'An https:// URL.' });

/** A semantic or dated version pin for a container image: a tag other than `latest`, or a digest. */
export const pinnedImage = text('a pinned container image like "registry/repo:1.4.2"', 'registry.example.com/team/agent:1.4.2')
  .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*(:\d+)?(\/[a-z0-9._-]+)*(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/, {
    error: msg(
      'a pinned container image like "registry/repo:1.4.2" or "repo@sha256:<digest>"',
      'Pin a version tag or a digest; "latest" and untagged images are refused because they change under you.',
    ),
  })
  .meta({ description: 'A container image pinned by version tag (not "latest") or sha256 digest.' });

/**
 * Wraps a unit parser as a zod type: it accepts the seeds' spellings and outputs the typed value.
 * The JSON Schema of the input is a string (or number) with the examples, so editors can help.
 * A value of the wrong type (or a missing one) is described by the parser itself, so the
 * error says what was expected ("a size like "500Gi"") rather than "a string".
 */
function unitValue<T>(parse: (input: unknown) => Parsed<T>, description: string, examples: unknown[], numbers = false) {
  const typeError = (issue: { input?: unknown }): string | undefined => {
    const parsed = parse(issue.input);
    return parsed.ok ? undefined : msg(parsed.expected, issue.input === undefined ? `Write it as in ${JSON.stringify(examples[0])}.` : parsed.hint);
  };
  const input = numbers ? z.union([z.string(), z.number()], { error: typeError }) : z.string({ error: typeError });
  return input
    .transform((value, ctx) => {
      const parsed = parse(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: msg(parsed.expected, parsed.hint), input: value });
        return z.NEVER;
      }
      return parsed.value;
    })
    .meta({ description, examples });
}

export const money = () => unitValue(parseMoney, 'An amount in US dollars.', ['$1,000 USD', '$1,000', 1000], true);
export const size = () => unitValue(parseSize, 'A size with a unit: Ki, Mi, Gi, Ti (binary) or KB, MB, GB, TB (decimal).', ['500Gi', '1TB'], true);
export const duration = () => unitValue(parseDuration, 'A duration with a unit: s, m, h, d, w, y or their words.', ['30s', '24 hours', '7 years'], true);
export const percentage = () => unitValue(parsePercentage, 'A percentage such as "99.9%".', ['99.9%'], true);
export const rate = () => unitValue(parseRate, 'A quantity per period.', ['1000 CPU hours/month']);
export const unitPrice = () => unitValue(parseUnitPrice, 'A price per unit.', ['$0.10 per hour', '$0.05 per GB-hour']);
export const recoveryObjectives = () => unitValue(parseRecoveryObjectives, 'Recovery time and point objectives.', ['4h RTO, 1h RPO']);
export const durationThreshold = () =>
  unitValue((v) => parseThreshold(v, parseDuration), 'A duration threshold.', ['< 2 seconds']);
export const percentageThreshold = () =>
  unitValue((v) => parseThreshold(v, parsePercentage), 'A percentage threshold.', ['> 99%']);
export const rateThreshold = () =>
  unitValue((v) => parseThreshold(v, parseRate), 'A rate threshold.', ['> 1000 operations/minute']);

/** Kubernetes CPU quantity such as `500m` or `2`. */
export const cpuQuantity = z
  .union([z.string(), z.number()], {
    error: msg('a CPU amount like "500m" or 2', 'Use millicores ("250m") or whole or decimal cores (1.5).'),
  })
  .transform((value, ctx) => {
    const text = String(value).trim();
    const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(text);
    if (!match) {
      ctx.addIssue({ code: 'custom', input: value, message: msg('a CPU amount like "500m" or 2', 'Use millicores ("250m") or whole or decimal cores (1.5).') });
      return z.NEVER;
    }
    const millis = wholeNumber(match[2] === 'm' ? Number(match[1]) : Number(match[1]) * 1000);
    if (millis === undefined || millis <= 0) {
      ctx.addIssue({ code: 'custom', input: value, message: msg('a positive CPU amount in whole millicores', 'Use at least "1m"; fractions of a millicore are not allowed.') });
      return z.NEVER;
    }
    return millis;
  })
  .meta({ description: 'CPU as Kubernetes writes it: "500m" or cores.', examples: ['500m', 2] });
