/**
 * Building blocks shared by the file schemas: names, AWS identifiers, free
 * text and the unit-bearing values of `../units.ts` as zod types.
 *
 * Error messages carry their hint after a newline (`expected...\nhint`): the
 * diagnostics layer splits them, so every schema rule says both what it wanted
 * and how to fix it while keeping its JSON Schema `pattern`.
 *
 * Every string has a length limit that is checked first (`abort`), so no later
 * rule ever looks at a long value; the patterns after it are linear (no nested
 * or overlapping quantifiers). Control characters, invisible direction marks
 * and the like are refused wherever text reaches the output.
 */
import { z } from 'zod';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { parseCidr } from '../cidr';
import { hasUnsafeCharacters } from '../diagnostics/printable';
import { suggestion } from '../diagnostics/suggestions';
import type { Parsed } from '../units';
import {
  parseDuration, parseMoney, parsePercentage, parseRate, parseRecoveryObjectives, parseSize, parseThreshold, parseUnitPrice, wholeNumber,
} from '../units';

/** Joins an expectation and a hint into one zod message; see the file comment. */
export const msg = (expected: string, hint: string): string => `${expected}\n${hint}`;

/** Longest value of each kind of text; see docs/input-limits.md. */
export const TEXT_LIMITS = {
  /** Names, titles, short labels. */
  short: 128,
  /** Display names, scopes, measurements. */
  line: 256,
  /** Descriptions. */
  paragraph: 2048,
  /** URLs and other references. */
  reference: 2048,
} as const;

/** Longest unit-bearing value ("$1,000,000.00 USD", "1000 CPU hours per month"). */
export const UNIT_MAX = 64;

/** The largest signed 32-bit integer: what Kubernetes accepts for counts and seconds. */
export const INT32_MAX = 2_147_483_647;

/**
 * A string whose type error (a number, a list, nothing at all) says what kind
 * of string was wanted, and that is at most `max` characters long (checked
 * before anything else).
 */
export const text = (expected: string, example: string, max: number = TEXT_LIMITS.short) => z.string({
  error: (issue) => {
    const input: unknown = issue.input;
    const hint = typeof input === 'number' || typeof input === 'boolean'
      ? `Quote it ("${String(input)}") so YAML reads a string, or write a value like "${example}".`
      : `Write a value like "${example}".`;
    return msg(expected, hint);
  },
}).max(max, { abort: true, error: msg(`${expected} of at most ${max} characters`, 'Shorten it.') });

/** Refuses control characters and invisible marks (and, unless `multiline`, line breaks and tabs). */
const printableOnly = (multiline: boolean) => (value: string) => !hasUnsafeCharacters(multiline ? value.replace(/[\n\t]/g, ' ') : value);

/** Free text: at most `max` characters, without control characters or invisible direction marks. */
export function plainText(max: number = TEXT_LIMITS.line, options: { multiline?: boolean } = {}) {
  const multiline = options.multiline ?? false;
  return text(`text`, 'Payments team', max).refine(printableOnly(multiline), {
    error: msg(`text without control characters${multiline ? '' : ' or line breaks'}`, 'Remove escape sequences, control characters and invisible direction marks; write plain text.'),
  });
}

/** A DNS-1123 label: what Kubernetes accepts for namespaces, service accounts and label values. */
export const k8sName = text('a Kubernetes name like "payments-api"', 'payments-api', 63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: msg(
      'a Kubernetes name (lower-case letters, digits and "-", starting and ending with a letter or digit)',
      'Use a name like "payments-api"; replace "_" and spaces with "-".',
    ),
  })
  .meta({ description: 'A DNS-1123 label: lower-case letters, digits and "-", at most 63 characters.' });

/** A DNS-1035 label: a Kubernetes Service name, and what starts a CloudFormation stack name: it begins with a letter. */
export const serviceName = text('a name like "payments-api"', 'payments-api', 63)
  .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, {
    error: msg(
      'a name that starts with a lower-case letter, then lower-case letters, digits and "-", ending with a letter or digit',
      'Use a name like "payments-api": Kubernetes Service names and CloudFormation stack names start with a letter.',
    ),
  })
  .meta({ description: 'A DNS-1035 label: starts with a lower-case letter; lower-case letters, digits and "-", at most 63 characters.' });

/** A snake_case identifier, as the seeds name roles, permissions, stages and patterns. */
export const identifier = text('a snake_case identifier like "security_manager"', 'security_manager', 63)
  .regex(/^[a-z][a-z0-9_]*$/, {
    error: msg('a snake_case identifier like "security_manager"', 'Use lower-case letters, digits and "_", starting with a letter.'),
  })
  .meta({ description: 'A snake_case identifier such as "security_manager", at most 63 characters.' });

export const accountId = z
  .string({ error: msg('a 12-digit AWS account id in quotes', 'Quote it, as in "012345678901", so YAML keeps it a string with its leading zeros.') })
  .max(12, { abort: true, error: msg('a 12-digit AWS account id', 'An account id is exactly 12 digits, as in "123456789012".') })
  .regex(/^\d{12}$/, { error: msg('a 12-digit AWS account id', 'An account id is exactly 12 digits, as in "123456789012".') })
  .meta({ description: 'A 12-digit AWS account id, quoted.' });

/** The regions the CDK knows (aws-cdk-lib's region-info), sorted: a region outside it fails at deployment. */
export const AWS_REGIONS: readonly string[] = RegionInfo.regions.map((r) => r.name).sort();

export const regionName = text('an AWS region like "eu-west-1"', 'eu-west-1', 32)
  .refine((value) => AWS_REGIONS.includes(value), {
    error: (issue) => {
      const input = typeof issue.input === 'string' ? issue.input : '';
      const hint = suggestion(input, AWS_REGIONS, 'region');
      return msg('an AWS region like "eu-west-1"', hint.startsWith('Did you mean')
        ? hint
        : 'Use the region code, not its display name: "eu-west-1" rather than "Ireland"; a region AWS does not have cannot be deployed to.');
    },
  })
  .meta({ description: 'An AWS region code such as "eu-west-1".', enum: [...AWS_REGIONS] });

export const availabilityZone = text('an availability zone like "eu-west-1a"', 'eu-west-1a', 32)
  .regex(/^[a-z]{2,4}(-[a-z]+)+-\d[a-z]$/, {
    error: msg('an availability zone like "eu-west-1a"', 'Write the zone name: the region followed by a letter.'),
  })
  .meta({ description: 'An availability zone name such as "eu-west-1a".' });

/** An IPv4 network address with its prefix length: octets up to 255, a prefix up to 32, no host bits. */
export const cidr = text('an IPv4 CIDR block like "10.0.0.0/16"', '10.0.0.0/16', 18)
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, {
    abort: true,
    error: msg('an IPv4 CIDR block like "10.0.0.0/16"', 'Write the network address and prefix length, as in "10.10.0.0/16".'),
  })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (typeof parsed !== 'string') return;
    const network = /the network address is (\S+)$/.exec(parsed)?.[1];
    ctx.addIssue({
      code: 'custom', input: value,
      message: msg(`a valid IPv4 CIDR block (${parsed})`, network ? `Write the network address: "${network}".` : 'Octets go up to 255 and the prefix length up to 32, as in "10.10.0.0/16".'),
    });
  })
  .meta({ description: 'An IPv4 CIDR block such as "10.10.0.0/16".' });

/** An e-mail address: one "@", a dotted domain, no spaces; checked in linear time. */
export const email = text('an email address', 'finops@example.com', 254)
  .refine((value) => {
    const at = value.indexOf('@');
    const domain = value.slice(at + 1);
    return at > 0 && !domain.includes('@') && !/\s/.test(value) && domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.')
      && !domain.includes('..') && !hasUnsafeCharacters(value);
  }, { error: msg('an email address', 'Write it like "finops@example.com".') })
  .meta({ description: 'An email address.' });

export const httpsUrl = text('an https:// URL', 'https://events.example.com/hook', TEXT_LIMITS.reference)
  .regex(/^https:\/\/[^\s/?#]+[^\s]*$/, { error: msg('an https:// URL', 'Notification endpoints must use HTTPS.') })
  .refine(printableOnly(false), { error: msg('an https:// URL without control characters', 'Remove control characters from the URL.') })
  .meta({ description: 'An https:// URL.' });

/** True for a container image reference pinned by a version tag (not `latest`) or a sha256 digest. */
function isPinnedImage(reference: string): boolean {
  const at = reference.indexOf('@');
  let name = reference;
  if (at >= 0) {
    if (!/^sha256:[a-f0-9]{64}$/.test(reference.slice(at + 1))) return false;
    name = reference.slice(0, at);
  } else {
    const colon = reference.lastIndexOf(':');
    if (colon < reference.lastIndexOf('/') || colon < 0) return false;
    const tag = reference.slice(colon + 1);
    if (tag === 'latest' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) return false;
    name = reference.slice(0, colon);
  }
  const parts = name.split('/');
  // A first part with a "." or ":" (or "localhost") is a registry host, with an optional port.
  const host = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!) ? parts.shift()! : undefined;
  if (host !== undefined && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/.test(host)) return false;
  return parts.length > 0 && parts.every((p) => /^[a-z0-9]+([._-][a-z0-9]+)*$/.test(p));
}

/** A semantic or dated version pin for a container image: a tag other than `latest`, or a digest. */
export const pinnedImage = text('a pinned container image like "registry/repo:1.4.2"', 'registry.example.com/team/agent:1.4.2', 512)
  .refine(isPinnedImage, {
    error: msg(
      'a pinned container image like "registry/repo:1.4.2" or "repo@sha256:<digest>"',
      'Pin a version tag or a digest; "latest" and untagged images are refused because they change under you.',
    ),
  })
  .meta({ description: 'A container image pinned by version tag (not "latest") or sha256 digest.' });

/** An AWS tag value: at most 255 letters, digits, spaces and `_ . : / = + - @` (EKS add-ons take one character less than other resources). */
export const tagValue = text('a tag value', 'CC-100', 255)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, { error: msg('a tag value (letters, digits, spaces and _ . : / = + - @)', 'AWS tags allow only these characters; remove the others.') })
  .meta({ description: 'An AWS tag value: letters, digits, spaces and _ . : / = + - @, at most 255 characters.' });

/** An AWS tag key: at most 128 of the tag characters, not starting with "aws:". */
export const tagKey = text('a tag key', 'oaas:team', 128)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, { error: msg('a tag key (letters, digits, spaces and _ . : / = + - @)', 'AWS tags allow only these characters; remove the others.') })
  .refine((value) => !value.toLowerCase().startsWith('aws:'), { error: msg('a tag key that does not start with "aws:"', 'AWS reserves the "aws:" prefix; use your own, as in "oaas:team".') })
  .meta({ description: 'An AWS tag key, at most 128 characters, not starting with "aws:".' });

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for a Kubernetes label key: `name` or `prefix/name` (prefix a DNS subdomain of at most 253, name at most 63). */
function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return name.length <= 63 && LABEL_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
}

/** A Kubernetes label key such as "team" or "example.com/tier". */
export const labelKey = text('a Kubernetes label key like "example.com/tier"', 'example.com/tier', 317)
  .refine(isLabelKey, {
    error: msg('a Kubernetes label key like "tier" or "example.com/tier"', 'A key is a name of at most 63 letters, digits, "-", "_" and "." (starting and ending with a letter or digit), optionally after a DNS prefix and "/".'),
  })
  .meta({ description: 'A Kubernetes label key: name or prefix/name.' });

/** A Kubernetes label value: empty, or at most 63 letters, digits, "-", "_" and ".". */
export const labelValue = text('a Kubernetes label value like "general"', 'general', 63)
  .regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/, {
    error: msg('a Kubernetes label value (letters, digits, "-", "_" and ".", starting and ending with a letter or digit)', 'Use a value like "general"; at most 63 characters.'),
  })
  .meta({ description: 'A Kubernetes label value, at most 63 characters.' });

/**
 * A free-form mapping with checked keys, parsed into an object without a
 * prototype: a key named "constructor" or "toString" is a key like any other,
 * never one of JavaScript's own properties. (A "__proto__" key, which zod
 * leaves out, is reported by the loader; see diagnostics/zod-issues.ts.)
 */
export function mapping<K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V) {
  return z.record(key, value).transform((entries) => Object.assign(Object.create(null) as Record<z.output<K>, z.output<V>>, entries));
}

/** Kubernetes labels: checked keys and values. */
export const labels = () => mapping(labelKey, labelValue);

/**
 * Wraps a unit parser as a zod type: it accepts the seeds' spellings and outputs the typed value.
 * The JSON Schema of the input is a string (or number) with the examples, so editors can help.
 * A value of the wrong type (or a missing one) is described by the parser itself, so the
 * error says what was expected ("a size like "500Gi"") rather than "a string". Strings are
 * cut off at `UNIT_MAX` characters before they are parsed.
 */
function unitValue<T>(parse: (input: unknown) => Parsed<T>, description: string, examples: unknown[], numbers = false) {
  const typeError = (issue: { input?: unknown }): string | undefined => {
    const parsed = parse(issue.input);
    return parsed.ok ? undefined : msg(parsed.expected, issue.input === undefined ? `Write it as in ${JSON.stringify(examples[0])}.` : parsed.hint);
  };
  const string = z.string({ error: typeError }).max(UNIT_MAX, { abort: true, error: msg(`a value of at most ${UNIT_MAX} characters, as in ${JSON.stringify(examples[0])}`, 'Shorten it.') });
  const input = numbers ? z.union([string, z.number()], { error: typeError }) : string;
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

/** Bounds a parsed number: `min` and `max` with the words used in the message. */
function bounded<T extends z.ZodType<number, unknown>>(schema: T, min: number | undefined, max: number | undefined, show: (n: number) => string, what: string) {
  return schema.superRefine((value, ctx) => {
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      const range = min !== undefined && max !== undefined ? `from ${show(min)} to ${show(max)}` : min !== undefined ? `of at least ${show(min)}` : `of at most ${show(max!)}`;
      ctx.addIssue({ code: 'custom', input: value, message: msg(`${what} ${range}`, `Change the value to within ${range.replace(/^(from|of) /, '')}.`) });
    }
  });
}

/** Seconds in the largest unit that divides them: `1 day`, `3653 days`, `1 hour`, `0 seconds`. */
function formatSeconds(seconds: number): string {
  const [unit, size] = ([['year', 31_536_000], ['day', 86_400], ['hour', 3600], ['second', 1]] as const).find(([, n]) => seconds > 0 && seconds % n === 0) ?? ['second', 1];
  const count = seconds / size;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** The longest duration anything in a workspace means: 100 years (S3 Object Lock's and AWS Backup's longest retention). */
export const MAX_DURATION_SECONDS = 100 * 31_536_000;

/** The longest retention CloudWatch Logs sets (3653 days); longer would be "never expire", which the compliance packs refuse. */
export const MAX_LOG_RETENTION_SECONDS = 3653 * 86_400;

/** An amount of money; `positive` refuses $0 (a budget of nothing cannot be created). */
export const money = (options: { positive?: boolean } = {}) => {
  const schema = unitValue(parseMoney, 'An amount in US dollars.', ['$1,000 USD', '$1,000', 1000], true);
  return options.positive
    ? schema.refine((m) => m.cents > 0, { error: msg('an amount above $0', 'AWS Budgets needs a limit of at least $0.01.') })
    : schema;
};
export const size = (options: { min?: number; max?: number } = {}) => {
  const schema = unitValue(parseSize, 'A size with a unit: Ki, Mi, Gi, Ti (binary) or KB, MB, GB, TB (decimal).', ['500Gi', '1TB'], true);
  return options.min === undefined && options.max === undefined ? schema : bounded(schema, options.min, options.max, (b) => `${b} bytes`, 'a size');
};
/** A duration in whole seconds, from `min` (default 1 second: nothing lasts no time) to `max` (default 100 years). */
export const duration = (options: { min?: number; max?: number } = {}) =>
  bounded(unitValue(parseDuration, 'A duration with a unit: s, m, h, d, w, y or their words.', ['30s', '24 hours', '7 years'], true),
    options.min ?? 1, options.max ?? MAX_DURATION_SECONDS, formatSeconds, 'a duration');
export const percentage = (options: { min?: number } = {}) => {
  const schema = unitValue(parsePercentage, 'A percentage such as "99.9%".', ['99.9%'], true);
  return options.min === undefined ? schema : bounded(schema, options.min, undefined, (r) => `${Math.round(r * 1e8) / 1e6}%`, 'a percentage');
};
export const rate = () => unitValue(parseRate, 'A quantity per period.', ['1000 CPU hours/month']);
export const unitPrice = () => unitValue(parseUnitPrice, 'A price per unit.', ['$0.10 per hour', '$0.05 per GB-hour']);
export const recoveryObjectives = () => unitValue(parseRecoveryObjectives, 'Recovery time and point objectives.', ['4h RTO, 1h RPO']);
export const durationThreshold = () =>
  unitValue((v) => parseThreshold(v, parseDuration), 'A duration threshold.', ['< 2 seconds']);
export const percentageThreshold = () =>
  unitValue((v) => parseThreshold(v, parsePercentage), 'A percentage threshold.', ['> 99%']);
export const rateThreshold = () =>
  unitValue((v) => parseThreshold(v, parseRate), 'A rate threshold.', ['> 1000 operations/minute']);

/** A whole number from `min` to `max` (default: what Kubernetes and CloudFormation hold, 2^31 - 1). */
export const count = (min: number, max: number = INT32_MAX) => z.number().int().min(min).max(max);

/** Kubernetes CPU quantity such as `500m` or `2`. */
export const cpuQuantity = z
  .union([z.string().max(UNIT_MAX, { abort: true }), z.number()], {
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
    if (millis === undefined || millis <= 0 || millis > INT32_MAX) {
      ctx.addIssue({ code: 'custom', input: value, message: msg('a positive CPU amount in whole millicores', 'Use at least "1m"; fractions of a millicore are not allowed.') });
      return z.NEVER;
    }
    return millis;
  })
  .meta({ description: 'CPU as Kubernetes writes it: "500m" or cores.', examples: ['500m', 2] });
