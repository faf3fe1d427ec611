/** Reading synthesized CloudFormation: resources by type, references, booleans, IAM documents. */
import type { ResourceRef } from '../check';
import type { CfnResource, SynthesizedEvidence, TemplateEvidence } from '../evidence';

export interface LocatedResource {
  readonly template: TemplateEvidence;
  readonly logicalId: string;
  readonly resource: CfnResource;
  readonly props: Readonly<Record<string, unknown>>;
}

/** Every resource of the given types, across templates, in template then logical-id order. */
export function resourcesOfType(evidence: SynthesizedEvidence, ...types: string[]): LocatedResource[] {
  const out: LocatedResource[] = [];
  for (const template of evidence.templates) {
    for (const [logicalId, resource] of Object.entries(template.template.Resources ?? {})) {
      if (types.includes(resource.Type)) out.push({ template, logicalId, resource, props: resource.Properties ?? {} });
    }
  }
  return out;
}

/** Resources of the given types in one template. */
export function inTemplate(template: TemplateEvidence, ...types: string[]): LocatedResource[] {
  return resourcesOfType({ templates: [template], manifests: [] }, ...types);
}

export function cfnRef(r: LocatedResource): ResourceRef {
  const constructPath = r.template.constructPaths[r.logicalId];
  return { kind: 'cloudformation', stack: r.template.stack, logicalId: r.logicalId, type: r.resource.Type, ...(constructPath ? { constructPath } : {}) };
}

/** The logical id a value points to: `{Ref: X}`, `{Fn::GetAtt: [X, a]}` or `{Fn::GetAtt: "X.a"}`. */
export function refTarget(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

export function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * A readable string of a possibly intrinsic value, for matching literals inside
 * ARNs: `Fn::Join` parts are joined, `Ref`/`GetAtt` become `${X}`, `Fn::Sub` keeps its template.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(flatten).join(',');
  if (!isObject(value)) return '';
  if (typeof value.Ref === 'string') return `\${${value.Ref}}`;
  if ('Fn::GetAtt' in value) return `\${${refTarget(value) ?? '?'}}`;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map(flatten).join(typeof join[0] === 'string' ? join[0] : '');
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  if ('Fn::ImportValue' in value) return `\${Import:${flatten(value['Fn::ImportValue'])}}`;
  return JSON.stringify(value);
}

export interface PolicyStatement {
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly Sid?: string;
}

/** The statements of a policy document given as an object or as JSON text. */
export function statementsOf(document: unknown): PolicyStatement[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  return asArray(get(doc, 'Statement')).filter(isObject);
}

/** The literal strings of an Action/Resource element; intrinsic values are flattened. */
export function stringsOf(value: unknown): string[] {
  return asArray(value).map(flatten);
}

/** IAM-style wildcard match (`*`, `?`), case-insensitive. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 'i');
  return re.test(text);
}

/** True when an Allow statement's actions include every action (`*` or `*:*`). */
export function allowsAllActions(s: PolicyStatement): boolean {
  return s.Effect === 'Allow' && stringsOf(s.Action).some((a) => a === '*' || a === '*:*');
}

/** True when the statement's Action covers `action` (Deny/Allow not considered). */
export function coversAction(s: PolicyStatement, action: string): boolean {
  if (s.Action !== undefined) return stringsOf(s.Action).some((a) => wildcardMatch(a, action));
  if (s.NotAction !== undefined) return !stringsOf(s.NotAction).some((a) => wildcardMatch(a, action));
  return false;
}

/** Condition values under any of the given operators for `key` (case-insensitive key match). */
export function conditionValues(s: PolicyStatement, operators: readonly string[], key: string): string[] | undefined {
  for (const [operator, entries] of Object.entries(s.Condition ?? {})) {
    if (!operators.includes(operator)) continue;
    for (const [k, v] of Object.entries(entries)) if (k.toLowerCase() === key.toLowerCase()) return stringsOf(v);
  }
  return undefined;
}

/** Account and region of a stack, for messages. */
export function whereIs(template: TemplateEvidence): string {
  return [template.account && `account ${template.account}`, template.region].filter(Boolean).join(' ');
}

/**
 * The (account, region) pairs that run workloads: where a VPC or an EKS
 * cluster is synthesized. Regional services (GuardDuty, Security Hub, WAF,
 * backups) are required there.
 */
export function workloadRegions(evidence: SynthesizedEvidence): Array<{ account: string; region: string; stacks: string[] }> {
  const found = new Map<string, { account: string; region: string; stacks: string[] }>();
  for (const r of resourcesOfType(evidence, 'AWS::EC2::VPC', 'AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster')) {
    const account = r.template.account ?? 'unknown-account';
    const region = r.template.region ?? 'unknown-region';
    const key = `${account}/${region}`;
    const entry = found.get(key) ?? { account, region, stacks: [] };
    if (!entry.stacks.includes(r.template.stack)) entry.stacks.push(r.template.stack);
    found.set(key, entry);
  }
  return [...found.values()].sort((a, b) => (`${a.account}/${a.region}` < `${b.account}/${b.region}` ? -1 : 1));
}

/** Resources of the given types that live in one account and region. */
export function inRegion(evidence: SynthesizedEvidence, account: string, region: string, ...types: string[]): LocatedResource[] {
  return resourcesOfType(evidence, ...types).filter((r) => (r.template.account ?? 'unknown-account') === account && (r.template.region ?? 'unknown-region') === region);
}

/** Property lookup that ignores the case of each key: reads `AWS::EKS::Cluster` (PascalCase) and the aws-eks v1 custom resource `Config` (camelCase) alike. */
export function getCI(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    const match = Object.keys(current).find((k) => k.toLowerCase() === key.toLowerCase());
    current = match === undefined ? undefined : current[match];
  }
  return current;
}

/** EKS clusters as `{ resource, config }`: the native resource's properties, or the aws-eks v1 custom resource's `Config`. */
export function eksClusters(evidence: SynthesizedEvidence): Array<{ resource: LocatedResource; config: unknown }> {
  return resourcesOfType(evidence, 'AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster')
    .map((r) => ({ resource: r, config: r.resource.Type === 'AWS::EKS::Cluster' ? r.props : r.props.Config }));
}

/**
 * What node checks evaluate: each managed node group with the launch template
 * it uses (undefined when it has none or it cannot be resolved), then every
 * launch template no node group uses.
 */
export function nodeLaunchTemplates(evidence: SynthesizedEvidence): Array<{ subject: LocatedResource; launchTemplate?: LocatedResource }> {
  const out: Array<{ subject: LocatedResource; launchTemplate?: LocatedResource }> = [];
  const used = new Set<string>();
  for (const ng of resourcesOfType(evidence, 'AWS::EKS::Nodegroup')) {
    const spec = get(ng.props, 'LaunchTemplate');
    const templates = inTemplate(ng.template, 'AWS::EC2::LaunchTemplate');
    const id = refTarget(get(spec, 'Id'));
    const name = get(spec, 'Name');
    const lt = templates.find((t) => t.logicalId === id || (typeof name === 'string' && t.props.LaunchTemplateName === name) || (name !== undefined && refTarget(name) === t.logicalId));
    if (lt) used.add(`${lt.template.stack}/${lt.logicalId}`);
    out.push(lt ? { subject: ng, launchTemplate: lt } : { subject: ng });
  }
  for (const lt of resourcesOfType(evidence, 'AWS::EC2::LaunchTemplate')) {
    if (!used.has(`${lt.template.stack}/${lt.logicalId}`)) out.push({ subject: lt, launchTemplate: lt });
  }
  return out;
}

/** Service control policies attached to an environment's OU (or, without one, its account). */
export function scpsTargeting(evidence: SynthesizedEvidence, target: string): LocatedResource[] {
  return resourcesOfType(evidence, 'AWS::Organizations::Policy')
    .filter((p) => p.props.Type === 'SERVICE_CONTROL_POLICY' && stringsOf(p.props.TargetIds).some((t) => t === target || t.includes(target)));
}
