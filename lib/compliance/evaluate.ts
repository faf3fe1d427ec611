/**
 * From check results and the validation gate to a compliance report: each
 * control of each framework is pass, fail, manual or not applicable, with the
 * evidence behind it and how to fix it; each framework gets a score (passed
 * automated controls / evaluated automated controls); the gate passes only
 * when every score reaches the threshold, no critical control of a critical
 * framework fails, and the validation gate passes. Nothing here claims a
 * certification: it reports evidence.
 */
import type { FrameworkId } from '../definition/model';
import { controlTowerControl, guardRuleName } from '../synth-validation';
import type { Catalogue, CatalogueControl } from './catalogue';
import type { CheckDefinition, CheckResult, Finding } from './check';
import { describeResource, runCheck } from './check';
import type { SynthesizedEvidence } from './evidence';
import type { ReportViolation, ValidationGateResult } from './gate';
import type { ComplianceRequirements } from './requirements';

export type ControlStatus = 'pass' | 'fail' | 'manual' | 'not_applicable';

export interface EvidenceItem {
  readonly status: 'pass' | 'fail';
  /** The check or validation rule that produced it. */
  readonly source: string;
  readonly resource: string;
  readonly message: string;
  readonly fix?: string;
}

export interface ControlResult {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly critical: boolean;
  readonly status: ControlStatus;
  readonly checks: ReadonlyArray<{ readonly id: string; readonly status: CheckResult['status'] }>;
  readonly evidence: readonly EvidenceItem[];
  readonly fixes: readonly string[];
  readonly evidenceRequired: readonly string[];
  readonly nist80053: readonly string[];
  readonly evidencedBy: { readonly cdkNag: readonly string[]; readonly controlTower: readonly string[] };
  readonly notes?: string;
}

export interface FrameworkResult {
  readonly id: FrameworkId;
  readonly title: string;
  readonly source: string;
  readonly scope: string;
  /** Marked critical in governance.yml: any failing critical control fails the gate. */
  readonly critical: boolean;
  readonly controls: readonly ControlResult[];
  readonly counts: { readonly automated: number; readonly passed: number; readonly failed: number; readonly notApplicable: number; readonly manual: number };
  /** passed / (passed + failed); undefined when no automated control could be evaluated. */
  readonly score?: number;
}

export interface ComplianceReport {
  readonly generatedAt: string;
  readonly workspace: string;
  readonly environment?: string;
  readonly threshold: number;
  readonly frameworks: readonly FrameworkResult[];
  readonly checks: readonly CheckResult[];
  readonly validation: ValidationGateResult;
  readonly gate: { readonly passed: boolean; readonly reasons: readonly string[] };
}

export interface EvaluateInput {
  readonly catalogue: Catalogue;
  readonly frameworks: ReadonlyArray<{ readonly id: FrameworkId; readonly critical: boolean }>;
  readonly checks: readonly CheckDefinition[];
  readonly evidence: SynthesizedEvidence;
  readonly requirements: ComplianceRequirements;
  readonly validation: ValidationGateResult;
  /** Ratio, e.g. 0.95. */
  readonly threshold: number;
  readonly workspace: string;
  readonly environment?: string;
  /** @default the current time */
  readonly now?: Date;
}

function evidenceOf(source: string, f: Finding): EvidenceItem {
  return { status: f.status, source, resource: describeResource(f.resource), message: f.message, ...(f.fix ? { fix: f.fix } : {}) };
}

function reportResource(v: ReportViolation): string {
  return v.resources.map((r) => r.constructPath ?? [r.templatePath, r.logicalId].filter(Boolean).join('/')).join(', ') || '(no resource)';
}

/** Validation-report rule names that bear on a control: its checks' synth rules and the rules it is evidenced by. */
function ruleNamesFor(control: CatalogueControl, checks: ReadonlyMap<string, CheckDefinition>): Set<string> {
  const names = new Set<string>();
  const ids = [
    ...(control.checks ?? []).flatMap((c) => checks.get(c)?.synthRules ?? []),
    ...(control.evidenced_by?.control_tower ?? []),
  ];
  for (const id of ids) names.add(id.startsWith('CT.') ? controlTowerControl(id).ruleName : guardRuleName(id));
  for (const nag of control.evidenced_by?.cdk_nag ?? []) names.add(nag);
  return names;
}

/** cdk-nag findings carry a suffix (`AwsSolutions-IAM5[Action::*]`); match on the rule. */
const baseRule = (name: string) => name.replace(/\[.*\]$/, '');

export function evaluateCompliance(input: EvaluateInput): ComplianceReport {
  const byId = new Map(input.checks.map((c) => [c.id, c]));
  const referenced = new Set<string>();
  for (const fw of input.frameworks) for (const c of input.catalogue[fw.id]?.controls ?? []) for (const id of c.checks ?? []) referenced.add(id);
  const results = new Map<string, CheckResult>();
  for (const id of [...referenced].sort()) {
    const check = byId.get(id);
    if (!check) throw new Error(`the catalogue refers to the check "${id}", which does not exist; known: ${[...byId.keys()].join(', ')}`);
    results.set(id, runCheck(check, input.evidence, input.requirements));
  }
  const reasons: string[] = [];
  const frameworks = input.frameworks.map((fw): FrameworkResult => {
    const catalogue = input.catalogue[fw.id];
    if (!catalogue) throw new Error(`expected a catalogue for framework ${fw.id} in policies/controls/, found none`);
    const controls = catalogue.controls.map((control): ControlResult => {
      const common = {
        id: control.id,
        title: control.title,
        source: control.source,
        critical: control.critical,
        nist80053: control.nist_800_53.map((m) => m.id),
        evidencedBy: { cdkNag: control.evidenced_by?.cdk_nag ?? [], controlTower: control.evidenced_by?.control_tower ?? [] },
        ...(control.notes ? { notes: control.notes } : {}),
      };
      if (control.manual) return { ...common, status: 'manual', checks: [], evidence: [], fixes: [], evidenceRequired: control.evidence_required ?? [] };
      const checkResults = (control.checks ?? []).map((id) => results.get(id)!);
      const rules = ruleNamesFor(control, byId);
      const violations = input.validation.errors.filter((v) => rules.has(v.ruleName) || rules.has(baseRule(v.ruleName)));
      const evidence: EvidenceItem[] = [
        ...checkResults.flatMap((r) => r.findings.map((f) => evidenceOf(r.checkId, f))),
        ...violations.map((v): EvidenceItem => ({
          status: 'fail', source: `${v.plugin}: ${v.ruleName}`, resource: reportResource(v), message: v.description.split('\n')[0]!, ...(v.fix ? { fix: v.fix } : {}),
        })),
      ];
      const failed = evidence.some((e) => e.status === 'fail');
      const status: ControlStatus = failed ? 'fail' : checkResults.every((r) => r.status === 'not_applicable') ? 'not_applicable' : 'pass';
      const fixes = [...new Set(evidence.filter((e) => e.status === 'fail' && e.fix).map((e) => e.fix!))];
      return { ...common, status, checks: checkResults.map((r) => ({ id: r.checkId, status: r.status })), evidence, fixes, evidenceRequired: [] };
    });
    const automated = controls.filter((c) => c.status !== 'manual');
    const passed = automated.filter((c) => c.status === 'pass').length;
    const failed = automated.filter((c) => c.status === 'fail').length;
    const score = passed + failed > 0 ? passed / (passed + failed) : undefined;
    if (score === undefined) reasons.push(`${fw.id}: no automated control could be evaluated (no evidence in scope)`);
    else if (score < input.threshold) reasons.push(`${fw.id}: score ${(score * 100).toFixed(1)}% is below the threshold of ${(input.threshold * 100).toFixed(1)}%`);
    if (fw.critical) {
      const criticalFailures = controls.filter((c) => c.critical && c.status === 'fail');
      if (criticalFailures.length > 0) reasons.push(`${fw.id} is critical and its critical control(s) fail: ${criticalFailures.map((c) => c.id).join(', ')}`);
    }
    return {
      id: fw.id, title: catalogue.title, source: catalogue.source, scope: catalogue.scope, critical: fw.critical, controls,
      counts: { automated: automated.length, passed, failed, notApplicable: automated.length - passed - failed, manual: controls.length - automated.length },
      ...(score !== undefined ? { score } : {}),
    };
  });
  reasons.push(...input.validation.problems.map((p) => `validation: ${p}`));
  return {
    generatedAt: (input.now ?? new Date()).toISOString(),
    workspace: input.workspace,
    ...(input.environment ? { environment: input.environment } : {}),
    threshold: input.threshold,
    frameworks,
    checks: [...results.values()],
    validation: input.validation,
    gate: { passed: reasons.length === 0, reasons },
  };
}

