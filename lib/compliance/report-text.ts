/** The compliance report as text: one table per framework (control, status, evidence, fix), then the gate. */
import type { ComplianceReport, ControlResult, FrameworkResult } from './evaluate';
import type { SecurityScanReport } from './scan-report';

const WIDTH = { control: 22, status: 7, evidence: 72 };

function cut(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

function evidenceCell(c: ControlResult): string {
  if (c.status === 'manual') return `provide: ${c.evidenceRequired[0] ?? ''}${c.evidenceRequired.length > 1 ? ` (+${c.evidenceRequired.length - 1})` : ''}`;
  if (c.status === 'not_applicable') return `nothing in scope for ${c.checks.map((k) => k.id).join(', ')}`;
  const failing = c.evidence.filter((e) => e.status === 'fail');
  if (failing.length > 0) {
    const first = failing[0]!;
    return `${first.resource}: ${first.message}${failing.length > 1 ? ` (+${failing.length - 1} more)` : ''}`;
  }
  return `${c.evidence.length} finding(s) pass: ${c.checks.map((k) => k.id).join(', ')}`;
}

export function percent(score: number | undefined): string {
  return score === undefined ? 'n/a' : `${(score * 100).toFixed(1)}%`;
}

export function frameworkHeadline(f: FrameworkResult): string {
  const n = f.counts;
  return `${f.title} (${f.id})${f.critical ? ' [critical]' : ''}: score ${percent(f.score)}, ${n.passed} passed, ${n.failed} failed, ${n.notApplicable} not applicable, ${n.manual} manual`;
}

export function formatComplianceText(report: ComplianceReport): string {
  const lines: string[] = [];
  for (const f of report.frameworks) {
    lines.push(frameworkHeadline(f));
    lines.push(`  ${'CONTROL'.padEnd(WIDTH.control)} ${'STATUS'.padEnd(WIDTH.status)} ${'EVIDENCE'.padEnd(WIDTH.evidence)} FIX`);
    for (const c of f.controls) {
      const status = c.status === 'fail' ? 'FAIL' : c.status === 'not_applicable' ? 'n/a' : c.status;
      lines.push(`  ${cut(`${c.id}${c.critical ? '*' : ''}`, WIDTH.control)} ${cut(status, WIDTH.status)} ${cut(evidenceCell(c), WIDTH.evidence)} ${c.status === 'fail' ? c.fixes[0] ?? '' : ''}`.trimEnd());
    }
    lines.push('');
  }
  lines.push('* critical control. Manual controls are never passed automatically: provide the evidence listed.');
  const v = report.validation;
  lines.push(`Validation report: ${v.errors.length} unacknowledged error(s), ${v.warnings.length} warning(s), ${v.acknowledged.length} acknowledged.`);
  lines.push(report.gate.passed
    ? `Gate: passed (threshold ${percent(report.threshold)}).`
    : `Gate: FAILED (threshold ${percent(report.threshold)})\n${report.gate.reasons.map((r) => `  - ${r}`).join('\n')}`);
  return `${lines.join('\n')}\n`;
}

/** The security scan as text: one table per section (severity, rule, resource, message), then the gate. */
export function formatScanText(report: SecurityScanReport): string {
  const lines: string[] = [];
  for (const s of report.sections) {
    const errors = s.findings.filter((f) => f.severity === 'error').length;
    lines.push(`${s.name}: ${errors} error(s), ${s.findings.length - errors} warning(s)${s.passed ? `, ${s.passed} passed` : ''}. ${s.description}`);
    for (const f of s.findings) {
      lines.push(`  ${cut(f.severity === 'error' ? 'ERROR' : 'warn', 6)} ${cut(f.rule, 44)} ${cut(f.resource, 60)} ${f.message}`.trimEnd());
    }
    lines.push('');
  }
  lines.push(`Acknowledged on the construct tree: ${report.acknowledgements.length} (see the JSON or HTML report for each reason).`);
  lines.push(report.gate.passed ? 'Gate: passed.' : `Gate: FAILED\n${report.gate.reasons.map((r) => `  - ${r}`).join('\n')}`);
  return `${lines.join('\n')}\n`;
}
