/**
 * The shape of a technical check: a pure function from synthesized evidence
 * and the workspace's requirements to per-resource findings. Each check lives
 * in its own file under `checks/`, as cdk-nag writes its rules.
 */
import type { SynthesizedEvidence } from './evidence';
import type { ComplianceRequirements } from './requirements';

/** Where a finding points: a CloudFormation resource, a Kubernetes object, or a scope that lacks something. */
export type ResourceRef =
  | {
    readonly kind: 'cloudformation';
    readonly stack: string;
    readonly logicalId: string;
    readonly type: string;
    readonly constructPath?: string;
  }
  | {
    readonly kind: 'kubernetes';
    readonly environment: string;
    readonly region: string;
    readonly tenant?: string;
    /** Manifest file. */
    readonly path: string;
    readonly objectKind: string;
    readonly namespace?: string;
    readonly name: string;
  }
  | {
    /** Something required is missing from a whole scope (an account, a region, an environment). */
    readonly kind: 'scope';
    readonly description: string;
  };

export type FindingStatus = 'pass' | 'fail';

export interface Finding {
  readonly status: FindingStatus;
  readonly resource: ResourceRef;
  /** What was found, in a sentence. */
  readonly message: string;
  /** How to fix it; set on failures. */
  readonly fix?: string;
}

export type CheckStatus = 'pass' | 'fail' | 'not_applicable';

export interface CheckDefinition {
  /** Stable kebab-case id, also the file name under `checks/`. */
  readonly id: string;
  readonly title: string;
  /** What the check verifies and why it matters. */
  readonly description: string;
  /**
   * Rules that enforce the same property (or the single-template part of it)
   * at every `cdk synth` through the compliance rules plugin (`ComplianceRulesPlugin`): Control Tower
   * proactive controls (`CT.S3.PR.10`) where one covers it, else our Guard rules
   * under `policies/guard/` (`oaas-s3-bucket-encryption`). A violation of one of
   * them in the validation report fails the check's controls too.
   * @default - none: the property needs several templates, the definition or manifests
   */
  readonly synthRules?: readonly string[];
  readonly run: (evidence: SynthesizedEvidence, requirements: ComplianceRequirements) => Finding[];
}

export interface CheckResult {
  readonly checkId: string;
  readonly title: string;
  /** fail: at least one failing finding; pass: findings, none failing; not_applicable: nothing in scope. */
  readonly status: CheckStatus;
  readonly findings: readonly Finding[];
}

export function runCheck(check: CheckDefinition, evidence: SynthesizedEvidence, requirements: ComplianceRequirements): CheckResult {
  const findings = check.run(evidence, requirements);
  const status: CheckStatus = findings.length === 0 ? 'not_applicable' : findings.some((f) => f.status === 'fail') ? 'fail' : 'pass';
  return { checkId: check.id, title: check.title, status, findings };
}

export function pass(resource: ResourceRef, message: string): Finding {
  return { status: 'pass', resource, message };
}

export function fail(resource: ResourceRef, message: string, fix: string): Finding {
  return { status: 'fail', resource, message, fix };
}

export function scope(description: string): ResourceRef {
  return { kind: 'scope', description };
}

/** One line naming a resource: `stack/LogicalId (Construct/Path)`, `file: Kind ns/name`, or the scope. */
export function describeResource(ref: ResourceRef): string {
  switch (ref.kind) {
    case 'cloudformation':
      return `${ref.stack}/${ref.logicalId}${ref.constructPath ? ` (${ref.constructPath})` : ''}`;
    case 'kubernetes':
      return `${ref.path}: ${ref.objectKind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} [${ref.environment}/${ref.region}]`;
    case 'scope':
      return ref.description;
  }
}
