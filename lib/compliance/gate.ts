/**
 * The validation gate is ours. CDK validation plugins fail open in ways a
 * compliance gate must not: a plugin's `conclusion` turns to success as soon
 * as one finding is acknowledged when its other violations carry no severity
 * (cdk-validator-cfnguard), a Guard file that does not parse is skipped by
 * cfn-guard, and a rule that parses but never matches reports nothing. So the
 * gate reads every violation itself (unacknowledged errors fail, whatever the
 * conclusion says), fails on any plugin failure, and, before trusting a
 * report of the synth rules, makes each rule fire on its non-compliant fixture.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COMPLIANCE_RULES_PLUGIN, GuardEvaluator } from '../synth-validation';
import type { SynthRule } from '../synth-validation';

/** A violating resource, as the report locates it. */
export interface ReportResource {
  readonly constructPath?: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
}

export interface ReportViolation {
  readonly plugin: string;
  readonly ruleName: string;
  readonly description: string;
  /** Normalized: error (also for a missing or unknown severity), warning or info. */
  readonly severity: 'error' | 'warning' | 'info';
  readonly fix?: string;
  readonly resources: readonly ReportResource[];
}

export interface AcknowledgedViolation extends ReportViolation {
  readonly acknowledgedId: string;
  readonly reason?: string;
}

export interface PluginReportSummary {
  readonly plugin: string;
  /** What the plugin (or the CDK after acknowledgements) concluded; informational only. */
  readonly conclusion: string;
  readonly error?: string;
  readonly violations: readonly ReportViolation[];
  readonly acknowledged: readonly AcknowledgedViolation[];
}

export interface ValidationGateResult {
  /** True when no problem was found: no plugin failure, no unacknowledged error, every synth rule fires on its fixture. */
  readonly passed: boolean;
  /** Why the gate fails, one sentence each. */
  readonly problems: readonly string[];
  readonly reports: readonly PluginReportSummary[];
  /** Unacknowledged error-level violations. */
  readonly errors: readonly ReportViolation[];
  readonly warnings: readonly ReportViolation[];
  readonly acknowledged: readonly AcknowledgedViolation[];
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Error for anything that is not plainly a warning or information: a missing or custom severity fails closed. */
export function normalizeSeverity(severity: unknown): ReportViolation['severity'] {
  const s = typeof severity === 'string' ? severity.toLowerCase() : '';
  return s === 'warning' || s === 'warn' ? 'warning' : s === 'info' || s === 'informational' ? 'info' : 'error';
}

function violationOf(plugin: string, v: Json): ReportViolation {
  const constructs = list(v.violatingConstructs);
  const resources: ReportResource[] = constructs.length > 0
    ? constructs.map((c) => {
      const cfn = isJson(c.cloudFormationResource) ? c.cloudFormationResource : {};
      const logicalId = text(cfn.logicalId) ?? (text(c.resourceLogicalId) !== 'N/A' ? text(c.resourceLogicalId) : undefined);
      const templatePath = text(cfn.templatePath) ?? (text(c.templatePath) !== 'N/A' ? text(c.templatePath) : undefined);
      return { ...(text(c.constructPath) ? { constructPath: text(c.constructPath) } : {}), ...(templatePath ? { templatePath } : {}), ...(logicalId ? { logicalId } : {}) };
    })
    : list(v.violatingResources).map((r) => ({
      ...(text(r.constructPath) ? { constructPath: text(r.constructPath) } : {}),
      ...(text(r.templatePath) ? { templatePath: text(r.templatePath) } : {}),
      ...(text(r.resourceLogicalId) ? { logicalId: text(r.resourceLogicalId) } : {}),
    }));
  const severity = v.severity === 'custom' ? v.customSeverity : v.severity;
  return {
    plugin,
    ruleName: text(v.ruleName) ?? '(unnamed rule)',
    description: text(v.description) ?? '',
    severity: normalizeSeverity(severity),
    ...(text(v.suggestedFix) ?? text(v.fix) ? { fix: text(v.suggestedFix) ?? text(v.fix) } : {}),
    resources,
  };
}

/**
 * Reads a validation report in the current format (`validation-report.json`)
 * or the legacy one (`policy-validation-report.json`).
 */
export function parseValidationReport(json: unknown): PluginReportSummary[] {
  if (!isJson(json)) throw new Error('expected a validation report object');
  return list(json.pluginReports).map((r) => {
    const summary = isJson(r.summary) ? r.summary : undefined;
    const plugin = text(r.pluginName) ?? text(summary?.pluginName) ?? '(unnamed plugin)';
    const metadata = isJson(r.metadata) ? r.metadata : isJson(summary?.metadata) ? summary.metadata : {};
    const error = text(metadata.error);
    return {
      plugin,
      conclusion: text(r.conclusion) ?? text(summary?.status) ?? 'unknown',
      ...(error ? { error } : {}),
      violations: list(r.violations).map((v) => violationOf(plugin, v)),
      acknowledged: list(r.suppressedViolations).map((v) => ({
        ...violationOf(plugin, v),
        acknowledgedId: text(v.acknowledgedId) ?? text(v.ruleName) ?? '',
        ...(text(v.reason) ? { reason: text(v.reason) } : {}),
      })),
    };
  });
}

/** The report files a cloud assembly holds, current format first. */
export const VALIDATION_REPORT_FILES = ['validation-report.json', 'policy-validation-report.json'] as const;

/** Every plugin report of a cloud assembly; none when synth ran no plugin or every plugin passed with nothing to say. */
export function readValidationReports(assemblyDir: string): PluginReportSummary[] {
  for (const name of VALIDATION_REPORT_FILES) {
    const file = path.join(assemblyDir, name);
    if (fs.existsSync(file)) return parseValidationReport(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return [];
}

/** Judges plugin reports: never by their conclusion, always by their violations. */
export function evaluateValidationReports(reports: readonly PluginReportSummary[], extraProblems: readonly string[] = []): ValidationGateResult {
  const problems = [...extraProblems];
  const errors: ReportViolation[] = [];
  const warnings: ReportViolation[] = [];
  const acknowledged: AcknowledgedViolation[] = [];
  for (const r of reports) {
    if (r.error) problems.push(`validation plugin "${r.plugin}" failed, so its rules were not evaluated: ${r.error}`);
    const failing = r.violations.filter((v) => v.severity === 'error');
    errors.push(...failing);
    warnings.push(...r.violations.filter((v) => v.severity !== 'error'));
    acknowledged.push(...r.acknowledged);
    if (failing.length > 0) {
      const lead = r.conclusion === 'success' ? ` while the plugin concludes "success"${r.acknowledged.length > 0 ? ' (an acknowledgement turned it green)' : ''}` : '';
      problems.push(`validation plugin "${r.plugin}" reports ${failing.length} unacknowledged error(s)${lead}: ${[...new Set(failing.map((v) => v.ruleName))].join(', ')}`);
    }
    for (const a of r.acknowledged.filter((x) => !x.reason || x.reason.trim().length === 0)) {
      problems.push(`validation plugin "${r.plugin}": ${a.acknowledgedId} is acknowledged without a reason`);
    }
  }
  return { passed: problems.length === 0, problems, reports, errors, warnings, acknowledged };
}

/**
 * Makes every synth rule fire on its non-compliant fixture, with one engine
 * loaded with all the rules (as the synth plugin loads them). Returns the
 * problems: an engine that does not load (a rule that does not parse), a
 * missing fixture, or a rule that reports nothing on its fixture.
 */
export function verifySynthRules(rules: readonly SynthRule[]): string[] {
  const problems: string[] = [];
  let evaluator: GuardEvaluator;
  try {
    evaluator = GuardEvaluator.for(rules.map((r) => r.source));
  } catch (error) {
    return [`the synth rules do not load: ${describeLoadFailure(rules, error)}`];
  }
  for (const rule of rules) {
    if (!fs.existsSync(rule.canaryFile)) {
      problems.push(`synth rule ${rule.id} has no non-compliant fixture (${rule.canaryFile}), so it cannot be shown to work`);
      continue;
    }
    const report = evaluator.evaluate([{ templatePath: rule.canaryFile, stackConstructPath: rule.id, accountId: '111111111111', region: 'us-east-1' }]);
    if (!report.violations.some((v) => v.ruleName === rule.ruleName)) {
      problems.push(`synth rule ${rule.id} (${rule.ruleName}) reports nothing on its non-compliant fixture: it does not parse as intended or never applies`);
    }
  }
  return problems;
}

/** Which rule sources fail to load on their own; the engine's own error says little. */
function describeLoadFailure(rules: readonly SynthRule[], error: unknown): string {
  const broken: string[] = [];
  for (const rule of rules) {
    try {
      new GuardEvaluator([rule.source]);
    } catch {
      broken.push(rule.source.name);
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return broken.length > 0 ? `${broken.join(', ')} does not parse` : `the engine failed (${detail})`;
}

/**
 * Runs synth rules over templates already synthesized (a `cdk.out` read back),
 * where nothing shows whether the compliance plugin ran at synth. Violations
 * are located by template and logical id; `constructPaths` adds the path.
 */
export function validateTemplates(
  rules: readonly SynthRule[],
  templates: ReadonlyArray<{ readonly file: string; readonly stack: string; readonly account?: string; readonly region?: string; readonly constructPaths: Readonly<Record<string, string>> }>,
): PluginReportSummary {
  const known = new Set(rules.map((r) => r.ruleName));
  try {
    const report = GuardEvaluator.for(rules.map((r) => r.source)).evaluate(templates.map((t) => ({
      templatePath: t.file, stackConstructPath: t.stack, ...(t.account ? { accountId: t.account } : {}), ...(t.region ? { region: t.region } : {}),
    })));
    const byFile = new Map(templates.map((t) => [t.file, t]));
    const violations = report.violations.filter((v) => known.has(v.ruleName)).map((v): ReportViolation => ({
      plugin: COMPLIANCE_RULES_PLUGIN,
      ruleName: v.ruleName,
      description: v.description,
      severity: normalizeSeverity(v.severity),
      ...(v.fix ? { fix: v.fix } : {}),
      resources: v.violatingResources.map((r) => {
        const t = r.templatePath ? byFile.get(r.templatePath) : undefined;
        const constructPath = t && r.resourceLogicalId ? t.constructPaths[r.resourceLogicalId] : undefined;
        return { ...(constructPath ? { constructPath } : {}), ...(r.templatePath ? { templatePath: path.basename(r.templatePath) } : {}), ...(r.resourceLogicalId ? { logicalId: r.resourceLogicalId } : {}) };
      }),
    }));
    return { plugin: COMPLIANCE_RULES_PLUGIN, conclusion: violations.length === 0 ? 'success' : 'failure', violations, acknowledged: [] };
  } catch (error) {
    return { plugin: COMPLIANCE_RULES_PLUGIN, conclusion: 'failure', error: `the synth rules do not load: ${describeLoadFailure(rules, error)}`, violations: [], acknowledged: [] };
  }
}
