/**
 * Model → props of the guardrail constructs: the service control policies of
 * one environment. The documents are the JSON templates of `policies/scp/`;
 * `renderPolicyTemplate` fills their `{{placeholders}}`. Pure functions of the
 * resolved model.
 */
import type { EnvironmentModel, OrganizationModel, WorkspaceModel } from '../definition/model';
import { BREAK_GLASS_ROLE_PATTERN } from '../conventions/role-names';
import type { JsonValue, ScpDocument, ServiceControlPolicyProps } from '../../constructs/guardrails/service-control-policy';
import denyOutsideDataResidency from '../../policies/scp/deny-outside-data-residency.json';
import protectSecurityBaseline from '../../policies/scp/protect-security-baseline.json';

/** The SCP templates of `policies/scp/`, by file name without `.json`. */
export const SCP_TEMPLATES = {
  'deny-outside-data-residency': denyOutsideDataResidency as unknown as JsonValue,
  'protect-security-baseline': protectSecurityBaseline as unknown as JsonValue,
} as const;

export type ScpTemplateName = keyof typeof SCP_TEMPLATES;

/** A value a placeholder is replaced with: text, or a list when the placeholder is the whole JSON string. */
export type PlaceholderValue = string | readonly string[];

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{([A-Za-z][A-Za-z0-9]*)\}\}$/;

/**
 * `template` with every `{{name}}` replaced by `values[name]`. A string that is
 * exactly one placeholder becomes the value (so it may become a list); a
 * placeholder inside a longer string must have a text value. Throws, naming
 * every problem, on unknown placeholders and on lists inside text.
 */
export function renderPolicyTemplate(template: JsonValue, values: Readonly<Record<string, PlaceholderValue>>): JsonValue {
  const problems: string[] = [];
  const lookup = (name: string, path: string): PlaceholderValue | undefined => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      problems.push(`${path}: unknown placeholder {{${name}}} (known: ${Object.keys(values).sort().join(', ') || 'none'})`);
      return undefined;
    }
    return values[name];
  };
  const walk = (node: JsonValue, path: string): JsonValue => {
    if (typeof node === 'string') {
      const whole = WHOLE_PLACEHOLDER.exec(node);
      if (whole) {
        const value = lookup(whole[1]!, path);
        return value === undefined ? node : (typeof value === 'string' ? value : [...value]);
      }
      return node.replace(PLACEHOLDER, (match: string, name: string) => {
        const value = lookup(name, path);
        if (value === undefined) return match;
        if (typeof value !== 'string') {
          problems.push(`${path}: placeholder {{${name}}} is inside text, so it needs a text value, got a list`);
          return match;
        }
        return value;
      });
    }
    if (Array.isArray(node)) return (node as readonly JsonValue[]).map((item, i) => walk(item, `${path}[${i}]`));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, JsonValue> = {};
      for (const [key, value] of Object.entries(node as { readonly [key: string]: JsonValue })) out[key] = walk(value, `${path}.${key}`);
      return out;
    }
    return node;
  };
  const rendered = walk(template, '$');
  if (problems.length > 0) throw new Error(`renderPolicyTemplate: ${problems.join('; ')}`);
  return rendered;
}

/** The partition of `region`: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Where an environment's SCPs are attached: its organizational unit when it has one, else its account. */
export function scpTargets(env: EnvironmentModel): string[] {
  return env.organizationalUnit ? [env.organizationalUnit] : [env.account];
}

/** `acme-production-deny-outside-data-residency` */
export function scpName(org: OrganizationModel, env: EnvironmentModel, policy: string): string {
  return `${org.name}-${env.name}-${policy}`;
}

/** An SCP of the plan, keyed by the stable name its construct id derives from. */
export interface ServiceControlPolicySpec {
  /** Stable key of the policy (its template's name); the construct id derives from it. */
  readonly key: ScpTemplateName;
  readonly props: ServiceControlPolicyProps;
}

/**
 * The SCPs of `env`, attached to its OU (or account):
 * - `deny-outside-data-residency`, only when data residency is `enforced`;
 * - `protect-security-baseline`, always.
 * Two policies rather than one per concern: Organizations attaches at most
 * five SCPs to a target, `FullAWSAccess` included.
 */
export function serviceControlPolicies(model: WorkspaceModel, env: EnvironmentModel): ServiceControlPolicySpec[] {
  const org = model.organization;
  const partition = partitionOf(org.homeRegion);
  const values: Record<string, PlaceholderValue> = {
    partition,
    allowedRegions: [...env.dataResidency.allowedRegions],
    breakGlassRoleArns: [`arn:${partition}:iam::*:role/${BREAK_GLASS_ROLE_PATTERN}`],
  };
  const targetIds = scpTargets(env);
  const specs: ServiceControlPolicySpec[] = [];
  if (env.dataResidency.mode === 'enforced') {
    specs.push({
      key: 'deny-outside-data-residency',
      props: {
        policyName: scpName(org, env, 'deny-outside-data-residency'),
        description: `OAAS ${env.name}: deny requests outside ${env.dataResidency.allowedRegions.join(', ')} (global services exempt)`,
        document: renderPolicyTemplate(SCP_TEMPLATES['deny-outside-data-residency'], values) as unknown as ScpDocument,
        targetIds,
      },
    });
  }
  specs.push({
    key: 'protect-security-baseline',
    props: {
      policyName: scpName(org, env, 'protect-security-baseline'),
      description: `OAAS ${env.name}: keep CloudTrail, GuardDuty, Security Hub and Config on; no leaving the organization; no root user`,
      document: renderPolicyTemplate(SCP_TEMPLATES['protect-security-baseline'], values) as unknown as ScpDocument,
      targetIds,
    },
  });
  return specs;
}
