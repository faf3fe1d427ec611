/**
 * Evaluates the compliance Guard rules (policies/guard and the Control Tower
 * controls) with the CDK's own `CloudFormationValidatePlugin` (public API):
 * the rules are its `guardRules`, its default rules are left out.
 *
 * Why not the whole templates: the Guard evaluator's time grows with the
 * resources each rule walks, and at the L benchmark size that made the
 * compliance rules cost about twice the CDK's own validation. So each
 * template is narrowed to what the rules can read: the resources of the
 * types the rule sources name, with only the properties they name (no
 * `Metadata` unless a rule mentions it). A template with none of those
 * resources is not evaluated at all, and narrowed templates of the same
 * account and region are evaluated together, in batches (`batchTemplates`).
 * The narrowing is derived from the rule sources, so a rule that starts
 * naming a type or a property widens it by itself, and one that reads
 * properties by wildcard keeps them all; tests check that narrowed, batched
 * and whole templates give the same findings.
 *
 * The plugin also runs the validation engine's own schema checks on what it
 * is given; on a narrowed template those findings mean nothing, and only the
 * findings of the rules the sources define are kept.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext, PolicyValidationPluginReport, PolicyViolatingResource, PolicyViolation, ValidationRuleSource } from 'aws-cdk-lib';

/** What of a template the rules can read, derived from the rule sources. */
export interface RuleReach {
  /** Resource types the rule sources name (`AWS::S3::Bucket`, ...). */
  readonly resourceTypes: ReadonlySet<string>;
  /**
   * Every word of the rule sources: a resource property is kept only when its
   * name is one (`Tags` included). Undefined when a rule reads properties by
   * wildcard or `keys` query over a map other than `Resources`: then all are kept.
   */
  readonly propertyNames?: ReadonlySet<string>;
  /** Whether a rule source mentions `Metadata` (otherwise resource and template metadata are left out). */
  readonly readsMetadata: boolean;
  /** Whether a rule source mentions `Outputs` or `Description` (otherwise those template sections are left out). */
  readonly readsOutputs: boolean;
  readonly readsDescription: boolean;
}

/** Strips `#` comments, so a type named only in a comment does not widen the reach. */
function withoutComments(content: string): string {
  return content.split('\n').map((line) => line.replace(/(^|\s)#.*$/, '')).join('\n');
}

/** A wildcard (`%x.*`, `Properties.*`) or a `keys` query (`%x[ keys == ... ]`) over a map other than the resources. */
function readsByWildcard(code: string): boolean {
  const onResources = (index: number) => /Resources\s*$/.test(code.slice(0, index));
  return [...code.matchAll(/\.\s*\*/g), ...code.matchAll(/\[\s*keys\b/g)].some((m) => !onResources(m.index));
}

export function ruleReach(sources: readonly ValidationRuleSource[]): RuleReach {
  const code = sources.map((s) => withoutComments(s.content)).join('\n');
  return {
    resourceTypes: new Set(code.match(/\b[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+\b/g) ?? []),
    ...(readsByWildcard(code) ? {} : { propertyNames: new Set(code.match(/\b[A-Za-z_][A-Za-z0-9_]*\b/g) ?? []) }),
    readsMetadata: /\bMetadata\b/.test(code),
    readsOutputs: /\bOutputs\b/.test(code),
    readsDescription: /\bDescription\b/.test(code),
  };
}

type Json = Record<string, unknown>;

/**
 * The template as the rules see it: Resources only with the types the rules
 * name, each with only the properties the rules name (and its metadata only
 * when a rule reads metadata); Outputs, Description and template Metadata only
 * when a rule mentions them; every other section (Parameters, Conditions,
 * Mappings, ...) as it is. Undefined when no resource is left: no rule can apply.
 */
export function narrowTemplate(template: Json, reach: RuleReach): Json | undefined {
  const resources = (template.Resources ?? {}) as Record<string, Json>;
  const kept: Record<string, Json> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!reach.resourceTypes.has(resource.Type as string)) continue;
    let narrowed = resource;
    if (!reach.readsMetadata && 'Metadata' in narrowed) {
      narrowed = { ...narrowed };
      delete narrowed.Metadata;
    }
    const properties = narrowed.Properties as Json | undefined;
    const names = reach.propertyNames;
    if (names && properties && Object.keys(properties).some((name) => !names.has(name))) {
      narrowed = { ...narrowed, Properties: Object.fromEntries(Object.entries(properties).filter(([name]) => names.has(name))) };
    }
    kept[logicalId] = narrowed;
  }
  if (Object.keys(kept).length === 0) return undefined;
  const { Outputs: outputs, Description: description, Metadata: metadata, ...sections } = template;
  return {
    ...sections,
    ...(reach.readsOutputs && outputs !== undefined ? { Outputs: outputs } : {}),
    ...(reach.readsDescription && description !== undefined ? { Description: description } : {}),
    ...(reach.readsMetadata && metadata !== undefined ? { Metadata: metadata } : {}),
    Resources: kept,
  };
}

/** One template to evaluate, as a validation plugin's context gives it. */
export interface GuardTemplate {
  readonly templatePath: string;
  /** Construct path of the stack; findings without a resource are located by it. */
  readonly stackConstructPath?: string;
  readonly accountId?: string;
  readonly region?: string;
}

/** A report's conclusion as the CDK's plugin draws it: no finding of severity error or fatal. */
export function passes(violations: readonly PolicyViolation[]): boolean {
  return violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal');
}

/** The names of the rules the sources define (`rule <name>`), comments left out. */
export function definedRuleNames(sources: readonly ValidationRuleSource[]): Set<string> {
  const names = new Set<string>();
  for (const source of sources) for (const m of withoutComments(source.content).matchAll(/^\s*rule\s+(\w+)/gm)) names.add(m[1]!);
  return names;
}

/** A template with one resource, without properties, of each type: the smallest template that has the engine built for them. */
export function templateOfTypes(types: Iterable<string>): Json {
  return { Resources: Object.fromEntries([...types].sort().map((type, i) => [`Resource${i}`, { Type: type }])) };
}

/** A context for the CDK's plugin; it reads the templates, the app construct is there because the interface has it. */
export function contextOf(templates: readonly GuardTemplate[]): IPolicyValidationContext {
  const stackTemplates = templates.map((t) => ({ templatePath: t.templatePath, stackConstructPath: t.stackConstructPath ?? '', accountId: t.accountId, region: t.region }));
  return { templatePaths: stackTemplates.map((t) => t.templatePath), stackTemplates, appConstruct: contextApp() };
}

let app: App | undefined;
/** An empty app, made once (nothing is synthesized into its folder). */
function contextApp(): App {
  app ??= new App({ outdir: path.join(os.tmpdir(), 'oaas-validation-context') });
  return app;
}

/** A temporary folder for `body`, removed after. */
export function withTemporaryFolder<T>(body: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-guard-'));
  try {
    return body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function cacheKey(sources: readonly ValidationRuleSource[]): string {
  return JSON.stringify(sources.map((s) => [s.name, s.content]));
}

/** One finding of a rule on a template, as the plugin reports it. */
interface Finding {
  readonly ruleName: string;
  readonly severity: string;
  readonly description: string;
  readonly fix?: string;
  readonly ruleMetadata?: Readonly<Record<string, string>>;
  /** Undefined for a finding on the template rather than on one of its resources. */
  readonly logicalId?: string;
  readonly locations: readonly string[];
}

/**
 * The CDK's plugin with one set of Guard rules. Building its engine is slow
 * (the engine loads its resource schemas), so `GuardEvaluator.for` keeps one
 * per distinct rule set for the life of the process.
 */
export class GuardEvaluator {
  private static readonly cache = new Map<string, GuardEvaluator>();

  /** The evaluator of these rule sources, built on first use. */
  public static for(sources: readonly ValidationRuleSource[]): GuardEvaluator {
    const key = cacheKey(sources);
    let evaluator = GuardEvaluator.cache.get(key);
    if (!evaluator) {
      evaluator = new GuardEvaluator(sources);
      GuardEvaluator.cache.set(key, evaluator);
    }
    return evaluator;
  }

  public readonly reach: RuleReach;
  /** Findings of other rule ids are the engine's schema checks, not ours. */
  private readonly ruleNames: ReadonlySet<string>;
  private readonly plugin: CloudFormationValidatePlugin;

  /**
   * Builds the engine at once, for every resource type the rules read (a
   * narrowed template has no other, so it is never rebuilt for a batch).
   * Throws when a rule source does not parse.
   */
  constructor(public readonly sources: readonly ValidationRuleSource[]) {
    this.reach = ruleReach(sources);
    this.ruleNames = definedRuleNames(sources);
    this.plugin = new CloudFormationValidatePlugin({ includeDefaultRules: false, guardRules: sources.map((s) => ({ name: s.name, content: s.content })) });
    withTemporaryFolder((dir) => this.findingsOn(dir, templateOfTypes(this.reach.resourceTypes), { templatePath: path.join(dir, 'types.json') }));
  }

  /**
   * Evaluates the rules on each template (read from its path) and reports as
   * the CDK's own plugin does: one violation per rule, severity and message,
   * listing the resources it was found on, in template order.
   */
  public evaluate(templates: readonly GuardTemplate[]): PolicyValidationPluginReport {
    const findings = new Map<string, readonly Finding[]>();
    withTemporaryFolder((dir) => {
      const narrowed: NarrowedTemplate[] = [];
      for (const t of templates) {
        const key = evaluationKey(t);
        if (findings.has(key)) continue;
        const template = narrowTemplate(JSON.parse(fs.readFileSync(t.templatePath, 'utf8')) as Json, this.reach);
        findings.set(key, []);
        if (template) narrowed.push({ source: t, template });
      }
      batchTemplates(narrowed).forEach((batch, i) => {
        for (const [key, found] of this.evaluateBatch(dir, `batch-${i}`, batch)) findings.set(key, found);
      });
    });
    const violations = new Map<string, PolicyViolation & { violatingResources: PolicyViolatingResource[] }>();
    for (const t of templates) for (const f of findings.get(evaluationKey(t)) ?? []) recordFinding(violations, f, t);
    const all = [...violations.values()];
    return { success: passes(all), violations: all };
  }

  /** The findings on each member of a batch, by `evaluationKey`. */
  private evaluateBatch(dir: string, name: string, batch: TemplateBatch): Map<string, Finding[]> {
    const first = batch.members[0]!;
    const byMember = new Map(batch.members.map((m): [string, Finding[]] => [evaluationKey(m.source), []]));
    const found = this.findingsOn(dir, batch.template, { ...first.source, templatePath: path.join(dir, `${name}.json`) });
    if (batch.members.length === 1) {
      byMember.set(evaluationKey(first.source), found);
      return byMember;
    }
    const owner = new Map<string, string>();
    for (const m of batch.members) for (const id of Object.keys(m.template.Resources as Json)) owner.set(id, evaluationKey(m.source));
    if (found.every((f) => f.logicalId !== undefined && owner.has(f.logicalId))) {
      for (const f of found) byMember.get(owner.get(f.logicalId!)!)!.push(f);
      return byMember;
    }
    // A finding not on a resource cannot be told apart: evaluate the members one by one.
    batch.members.forEach((m, i) => {
      byMember.set(evaluationKey(m.source), this.findingsOn(dir, m.template, { ...m.source, templatePath: path.join(dir, `${name}-${i}.json`) }));
    });
    return byMember;
  }

  /** The rules' findings on `template`, written to `t.templatePath` and evaluated with `t`'s account and region. */
  private findingsOn(dir: string, template: Json, t: GuardTemplate): Finding[] {
    if (path.dirname(t.templatePath) !== dir) throw new Error(`GuardEvaluator: expected a template path in ${dir}, got ${t.templatePath}`);
    fs.writeFileSync(t.templatePath, JSON.stringify(template));
    const report = this.plugin.validate(contextOf([t]));
    const out: Finding[] = [];
    for (const v of report.violations) {
      if (!this.ruleNames.has(v.ruleName)) continue;
      for (const r of v.violatingResources) {
        out.push({
          ruleName: v.ruleName,
          severity: v.severity ?? 'warning',
          description: v.description,
          ...(v.fix ? { fix: v.fix } : {}),
          ...(v.ruleMetadata ? { ruleMetadata: v.ruleMetadata } : {}),
          ...(r.resourceLogicalId ? { logicalId: r.resourceLogicalId } : {}),
          locations: r.locations ?? [],
        });
      }
    }
    return out;
  }
}

/** A template's findings depend on its file, account and region (the pseudo parameters), not on its construct path. */
function evaluationKey(t: GuardTemplate): string {
  return JSON.stringify([t.templatePath, t.accountId ?? '', t.region ?? '']);
}

/** Adds a finding on template `t` to the report's violations: one per rule, severity and description. */
function recordFinding(violations: Map<string, PolicyViolation & { violatingResources: PolicyViolatingResource[] }>, f: Finding, t: GuardTemplate): void {
  const key = JSON.stringify([f.ruleName, f.severity, f.description]);
  let violation = violations.get(key);
  if (!violation) {
    violation = {
      ruleName: f.ruleName,
      description: f.description,
      severity: f.severity,
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.ruleMetadata ? { ruleMetadata: f.ruleMetadata } : {}),
      violatingResources: [],
    };
    violations.set(key, violation);
  }
  violation.violatingResources.push({
    ...(f.logicalId ? { resourceLogicalId: f.logicalId } : t.stackConstructPath ? { constructPath: t.stackConstructPath } : {}),
    templatePath: t.templatePath,
    locations: [...f.locations],
  });
}

export interface NarrowedTemplate {
  readonly source: GuardTemplate;
  readonly template: Json;
}

export interface TemplateBatch {
  readonly members: NarrowedTemplate[];
  /** The members' resources in one template, with the sections they share. */
  readonly template: Json;
}

/** Resources per evaluation call at most: the evaluator's time per resource stays flat up to there. */
export const MAX_BATCH_RESOURCES = 400;

/**
 * Packs narrowed templates into batches evaluated in one call each: each call
 * has a fixed cost per rule set, which adds up over a thousand tenant stacks. A template joins the open batch only when
 * it has the same account and region (pseudo parameters), no logical id the
 * batch already has, and every section both have (Parameters, Conditions,
 * ...) equal; otherwise it starts a new batch. Findings are attributed back by
 * logical id.
 */
export function batchTemplates(templates: readonly NarrowedTemplate[], maxResources = MAX_BATCH_RESOURCES): TemplateBatch[] {
  const batches: Array<{ members: NarrowedTemplate[]; template: Json; env: string; count: number }> = [];
  for (const t of templates) {
    const count = Object.keys(t.template.Resources as Json).length;
    const env = JSON.stringify([t.source.accountId ?? '', t.source.region ?? '']);
    const open = batches[batches.length - 1];
    if (open && open.env === env && open.count + count <= maxResources && fits(open.template, t.template)) {
      open.members.push(t);
      open.template = mergeSections(open.template, t.template);
      open.count += count;
    } else {
      batches.push({ members: [t], template: t.template, env, count });
    }
  }
  return batches.map(({ members, template }) => ({ members, template }));
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `batch` with the entries of every section of `next` added (sections that `fits` accepted). */
function mergeSections(batch: Json, next: Json): Json {
  const merged: Json = { ...batch };
  for (const [section, value] of Object.entries(next)) {
    const existing = merged[section];
    merged[section] = isRecord(value) && isRecord(existing) ? { ...existing, ...value } : value;
  }
  return merged;
}

/** Whether `next` can join `batch`: no shared logical id, and every section both have is equal. */
function fits(batch: Json, next: Json): boolean {
  const batchResources = batch.Resources as Json;
  if (Object.keys(next.Resources as Json).some((id) => id in batchResources)) return false;
  for (const [section, value] of Object.entries(next)) {
    if (section === 'Resources' || !(section in batch)) continue;
    const existing = batch[section];
    if (isRecord(value) && isRecord(existing)) {
      for (const [key, entry] of Object.entries(value)) {
        if (key in existing && JSON.stringify(existing[key]) !== JSON.stringify(entry)) return false;
      }
    } else if (JSON.stringify(existing) !== JSON.stringify(value)) {
      return false;
    }
  }
  return true;
}
