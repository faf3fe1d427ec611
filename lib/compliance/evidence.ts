/**
 * What the compliance checks read: the synthesized CloudFormation templates
 * (with the construct path of each resource) and the rendered Kubernetes
 * manifests. Plain data, so checks stay pure functions and tests can write
 * small fixtures by hand.
 */

/** One resource of a CloudFormation template, as synthesized. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
  readonly DependsOn?: unknown;
  readonly Condition?: string;
}

export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, CfnResource>>;
  readonly [section: string]: unknown;
}

/** A synthesized stack: its template and where each of its resources comes from. */
export interface TemplateEvidence {
  /** Stack name (the cloud assembly artifact id). */
  readonly stack: string;
  /** Target account, when the stack is environment-specific. */
  readonly account?: string;
  /** Target region, when the stack is environment-specific. */
  readonly region?: string;
  readonly template: CfnTemplate;
  /** Logical id → construct path, from the assembly metadata or the template's `aws:cdk:path`. */
  readonly constructPaths: Readonly<Record<string, string>>;
  /** The template file, when read from a cloud assembly. */
  readonly templateFile?: string;
}

/** A Kubernetes object as rendered, loosely typed: checks read only what they need. */
export interface K8sObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** One rendered manifest object and where it goes. */
export interface ManifestEvidence {
  readonly environment: string;
  readonly region: string;
  /** Tenant the object belongs to; undefined for platform objects. */
  readonly tenant?: string;
  /** File the object was rendered to (or a label for in-memory renders). */
  readonly path: string;
  readonly object: K8sObject;
}

export interface SynthesizedEvidence {
  readonly templates: readonly TemplateEvidence[];
  readonly manifests: readonly ManifestEvidence[];
}

/** Logical id → construct path, from each resource's `aws:cdk:path` metadata. */
export function constructPathsFromTemplate(template: CfnTemplate): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const p = resource.Metadata?.['aws:cdk:path'];
    if (typeof p === 'string') paths[logicalId] = p;
  }
  return paths;
}

/** Evidence of one hand-written template; used by tests and by `fromTemplates`. */
export function templateEvidence(stack: string, template: CfnTemplate, env: { account?: string; region?: string } = {}): TemplateEvidence {
  return { stack, template, constructPaths: constructPathsFromTemplate(template), ...env };
}
