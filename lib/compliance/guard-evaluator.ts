/**
 * Evaluates the compliance Guard rules (policies/guard and the Control Tower
 * controls) with the CloudFormation Guard evaluator of
 * `@aws/cloudformation-validate`, the validation engine aws-cdk-lib bundles
 * and runs at every synth.
 *
 * Why not as `guardRules` of the CDK's `CloudFormationValidatePlugin`: that
 * evaluates every rule against every whole template, and the Guard
 * evaluator's time grows with the resources each rule walks. At the L
 * benchmark size (1,119 stacks) that made the 25 compliance rules cost about
 * twice the CDK's own validation. Here, the built-in rules stay with the CDK's
 * plugin, and this evaluator runs the Guard rules alone, on each template
 * narrowed to what the rules can read: the resources of the types the rule
 * sources name, with only the properties they name (no `Metadata` unless a
 * rule mentions it). The evaluator's time per call grows with the size of the
 * template times the number of rules, and at the M size three quarters of the
 * resources left are IAM roles whose trust policies and descriptions no rule
 * reads. A template with none of those resources is not evaluated at all. The
 * narrowing is derived from the rule sources, so a rule that starts naming a
 * type or a property widens it by itself, and one that reads properties by
 * wildcard keeps them all; a test checks that narrowed and whole templates
 * give the same findings.
 */
import * as fs from 'fs';
import type { PolicyValidationPluginReport, PolicyViolatingResource, PolicyViolation, ValidationRuleSource } from 'aws-cdk-lib';
import { engineModule, type EngineDiagnostic, type EngineOfRules } from './engine-module';

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

function mapSeverity(severity: string): string {
  switch (severity) {
    case 'FATAL':
    case 'ERROR':
      return 'error';
    case 'INFO':
      return 'informational';
    case 'DEBUG':
      return 'debug';
    default:
      return 'warning';
  }
}

/** A report's conclusion as the CDK's plugin draws it: no finding of severity error or fatal. */
export function passes(violations: readonly PolicyViolation[]): boolean {
  return violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal');
}

function cacheKey(sources: readonly ValidationRuleSource[]): string {
  return JSON.stringify(sources.map((s) => [s.name, s.content]));
}

/**
 * A Guard engine for one set of rule sources. Building one is slow (the
 * engine loads its resource schemas), so `GuardEvaluator.for` keeps one per
 * distinct rule set for the life of the process.
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
  private engine?: EngineOfRules;

  /** Throws when a rule source does not parse (the engine refuses to build). */
  constructor(public readonly sources: readonly ValidationRuleSource[]) {
    this.reach = ruleReach(sources);
    this.engine = new (engineModule().CompositeEngine)({ guardRules: sources.map((s) => ({ name: s.name, content: s.content })) });
  }

  /** Frees the engine's memory (the next engine of the process reuses it); `for` builds a new evaluator afterwards. */
  public dispose(): void {
    this.engine?.free();
    this.engine = undefined;
    const key = cacheKey(this.sources);
    if (GuardEvaluator.cache.get(key) === this) GuardEvaluator.cache.delete(key);
  }

  /**
   * Evaluates the rules on each template (read from its path) and reports as
   * the CDK's own plugin does: one violation per rule, severity and message,
   * listing the resources it was found on, in template order. Narrowed
   * templates of the same account and region are evaluated together (see
   * `batchTemplates`).
   */
  public evaluate(templates: readonly GuardTemplate[]): PolicyValidationPluginReport {
    return this.session().report(templates);
  }

  /** An evaluation that takes templates as they are written (`add`), and reports once they all are. */
  public session(): GuardEvaluation {
    return new GuardEvaluation(this);
  }

  /** The engine's findings on one narrowed template, evaluated as if it were `t`'s (its account and region). */
  public findingsOn(template: Json, t: GuardTemplate): EngineDiagnostic[] {
    if (!this.engine) throw new Error('GuardEvaluator: already disposed');
    const { TemplateContent } = engineModule();
    return this.engine.validateTemplate(new TemplateContent(JSON.stringify(template), t.templatePath), {
      detailLevel: 'STANDARD',
      severityLevel: 'WARN',
      disableBuiltinRules: true,
      ...(t.accountId || t.region ? { pseudoParameterOverrides: { ...(t.accountId ? { accountId: t.accountId } : {}), ...(t.region ? { region: t.region } : {}) } } : {}),
    }).diagnostics;
  }
}

/** A template's findings depend on its file, account and region (the pseudo parameters), not on its construct path. */
function evaluationKey(t: GuardTemplate): string {
  return JSON.stringify([t.templatePath, t.accountId ?? '', t.region ?? '']);
}

/**
 * One evaluation of the rules. The synth hands it each template as the
 * stack's synthesizer writes it (`add`), so most are evaluated while the
 * other stacks are still being synthesized; `report` then evaluates what
 * was not added, or added with another account or region, and reports on
 * exactly the templates it is given. A template's findings do not depend on
 * the templates it was batched with (tests compare batched and one by one),
 * so the report is the same however the templates arrived.
 */
export class GuardEvaluation {
  private readonly findings = new Map<string, EngineDiagnostic[]>();
  /** Keys of the templates in the open batch. */
  private readonly pending = new Set<string>();
  private readonly batcher: TemplateBatcher;

  constructor(private readonly evaluator: GuardEvaluator) {
    this.batcher = new TemplateBatcher(MAX_BATCH_RESOURCES, (batch) => this.run(batch));
  }

  /** Takes one template: it is evaluated once its batch cannot take the next template, or at `report`. */
  public add(t: GuardTemplate): void {
    const key = evaluationKey(t);
    if (this.findings.has(key) || this.pending.has(key)) return;
    const template = narrowTemplate(JSON.parse(fs.readFileSync(t.templatePath, 'utf8')) as Json, this.evaluator.reach);
    if (!template) {
      this.findings.set(key, []);
      return;
    }
    this.pending.add(key);
    this.batcher.push({ source: t, template });
  }

  /** The report on these templates, in their order. */
  public report(templates: readonly GuardTemplate[]): PolicyValidationPluginReport {
    for (const t of templates) this.add(t);
    this.batcher.flush();
    const violations = new Map<string, PolicyViolation & { violatingResources: PolicyViolatingResource[] }>();
    for (const t of templates) for (const d of this.findings.get(evaluationKey(t)) ?? []) recordFinding(violations, d, t);
    const all = [...violations.values()];
    return { success: passes(all), violations: all };
  }

  private run(batch: TemplateBatch): void {
    const diagnostics = this.evaluator.findingsOn(batch.template, batch.members[0]!.source);
    const byMember = new Map(batch.members.map((m): [string, EngineDiagnostic[]] => [evaluationKey(m.source), []]));
    if (batch.members.length === 1) {
      byMember.set(evaluationKey(batch.members[0]!.source), diagnostics);
    } else {
      const owner = new Map<string, string>();
      for (const m of batch.members) for (const id of Object.keys(m.template.Resources as Json)) owner.set(id, evaluationKey(m.source));
      const located = diagnostics.every((d) => d.entity?.entityType === 'Resource' && d.entity.logicalId && owner.has(d.entity.logicalId));
      if (located) {
        for (const d of diagnostics) byMember.get(owner.get(d.entity!.logicalId!)!)!.push(d);
      } else {
        // A finding not on a resource cannot be told apart: evaluate the members one by one.
        for (const m of batch.members) byMember.set(evaluationKey(m.source), this.evaluator.findingsOn(m.template, m.source));
      }
    }
    for (const [key, found] of byMember) {
      this.findings.set(key, found);
      this.pending.delete(key);
    }
  }
}

/** Adds a finding on template `t` to the report's violations: one per rule, severity and description. */
function recordFinding(violations: Map<string, PolicyViolation & { violatingResources: PolicyViolatingResource[] }>, d: EngineDiagnostic, t: GuardTemplate): void {
  const severity = mapSeverity(d.severity);
  const logicalId = d.entity?.entityType === 'Resource' ? d.entity.logicalId : undefined;
  const description = `${d.propertyPath ? `${d.propertyPath.replace(/^Properties\./, '')}: ` : ''}${d.message}`;
  const key = JSON.stringify([d.ruleId, severity, description]);
  let violation = violations.get(key);
  if (!violation) {
    violation = {
      ruleName: d.ruleId,
      description,
      severity,
      ...(d.suggestedFix ? { fix: d.suggestedFix } : {}),
      ...(d.category ? { ruleMetadata: { category: d.category } } : {}),
      violatingResources: [],
    };
    violations.set(key, violation);
  }
  violation.violatingResources.push({
    ...(logicalId ? { resourceLogicalId: logicalId } : t.stackConstructPath ? { constructPath: t.stackConstructPath } : {}),
    templatePath: t.templatePath,
    locations: d.propertyPath ? [d.propertyPath] : [],
  });
}

interface NarrowedTemplate {
  readonly source: GuardTemplate;
  readonly template: Json;
}

interface TemplateBatch {
  readonly members: NarrowedTemplate[];
  /** The members' resources in one template, with the sections they share. */
  readonly template: Json;
}

/** Resources per evaluation call at most: the evaluator's time per resource stays flat up to there. */
export const MAX_BATCH_RESOURCES = 400;

/**
 * Packs narrowed templates into batches evaluated in one call each. Each call
 * has a fixed cost of a few milliseconds per rule set, which at a thousand
 * tenant stacks is several seconds. A template joins the open batch only when
 * it has the same account and region (pseudo parameters), no logical id the
 * batch already has, and every section both have (Parameters, Conditions,
 * ...) equal; otherwise it starts a new batch. Findings are attributed back by
 * logical id.
 */
export function batchTemplates(templates: readonly NarrowedTemplate[], maxResources = MAX_BATCH_RESOURCES): TemplateBatch[] {
  const batches: TemplateBatch[] = [];
  const batcher = new TemplateBatcher(maxResources, (batch) => batches.push(batch));
  for (const t of templates) batcher.push(t);
  batcher.flush();
  return batches;
}

/** Packs templates as they come (see `batchTemplates`), handing each batch on once it cannot take the next template, or at `flush`. */
class TemplateBatcher {
  private open?: { members: NarrowedTemplate[]; template: Json; env: string; count: number };

  constructor(private readonly maxResources: number, private readonly full: (batch: TemplateBatch) => void) {}

  public push(t: NarrowedTemplate): void {
    const count = Object.keys(t.template.Resources as Json).length;
    const env = JSON.stringify([t.source.accountId ?? '', t.source.region ?? '']);
    const open = this.open;
    if (open && open.env === env && open.count + count <= this.maxResources && fits(open.template, t.template)) {
      open.members.push(t);
      open.template = mergeSections(open.template, t.template);
      open.count += count;
      return;
    }
    this.flush();
    this.open = { members: [t], template: t.template, env, count };
  }

  public flush(): void {
    if (!this.open) return;
    const { members, template } = this.open;
    this.open = undefined;
    this.full({ members, template });
  }
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
