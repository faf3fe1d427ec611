/**
 * The plan as Markdown for a pull-request comment: the headline, who must
 * approve (matrix roles, workflow stages with criteria and timeouts), the
 * changes by risk with where each is and what in the definition is behind it,
 * and the compliance gate of the new version. Long lists are cut so a
 * comment stays within what code hosts accept; plan.json and plan.html hold
 * everything.
 */
import { approverText, countsText, headline, locationText, ownerText, percentText, requirementTitle, RISK_TITLES } from './describe';
import type { Plan, PlanChange } from './types';
import { RISKS } from './types';

/** Rows listed per risk level before the rest is counted. */
export const MARKDOWN_ROWS_PER_RISK = 40;

/** Text for a table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function code(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

function definitionCell(change: PlanChange): string {
  const refs = change.definition.refs.slice(0, 2).map((r) => code(`${r.file}:${r.line} ${r.path}`));
  const more = change.definition.refs.length > 2 ? ` +${change.definition.refs.length - 2}` : '';
  if (change.definition.basis === 'code') return `code (${change.definition.codeFiles?.length ?? 0} file(s))`;
  return `${refs.join(', ')}${more}${change.definition.basis === 'owner' ? ' (owner)' : ''}`;
}

function whyCell(change: PlanChange): string {
  const finding = change.rule.id.startsWith('access-') && change.access && change.access.findings.length > 0 ? `: ${change.access.findings[0]}` : '';
  return `${code(change.rule.id)}${finding}`;
}

function changeRows(changes: readonly PlanChange[]): string[] {
  const rows = ['| change | where | definition | why |', '|---|---|---|---|'];
  for (const c of changes.slice(0, MARKDOWN_ROWS_PER_RISK)) {
    const where = `${ownerText(c.owner)} (${locationText(c)})`;
    rows.push(`| ${cell(c.summary)} | ${cell(where)} | ${cell(definitionCell(c))} | ${cell(whyCell(c))} |`);
  }
  if (changes.length > MARKDOWN_ROWS_PER_RISK) rows.push(`| … and ${changes.length - MARKDOWN_ROWS_PER_RISK} more (plan.json, plan.html) | | | |`);
  return rows;
}

function approvalLines(plan: Plan): string[] {
  const lines: string[] = [];
  for (const r of plan.approvals) {
    const count = plan.changes.filter((c) => c.approvals.includes(r.id)).length;
    const title = `**${requirementTitle(r)}** (${code(r.key)}, ${count} change${count === 1 ? '' : 's'})`;
    if (r.kind === 'matrix') {
      lines.push(`- ${title}: ${r.approvers.map(approverText).join(', ')}`);
      continue;
    }
    lines.push(`- ${title}, stages ${r.parallel ? 'in parallel where possible' : 'in order'}:`);
    r.stages.forEach((s, i) => {
      lines.push(`  ${i + 1}. ${code(s.stage)}: ${s.approvers.map(approverText).join(', ')}; criteria ${s.criteria.map(code).join(', ')}; timeout ${s.timeout}${s.escalateTo ? `, then ${approverText(s.escalateTo)}` : ''}`);
    });
    if (r.emergencyBypass) lines.push(`  Emergency bypass: ${r.emergencyBypass.approvers.map(approverText).join(', ')}, reviewed within ${r.emergencyBypass.reviewWithin} after deployment.`);
  }
  const required = plan.implementation.filter((i) => i.required).map((i) => i.key.replace(/_/g, ' '));
  if (required.length > 0 && plan.approvals.length > 0) lines.push(`- Before it is implemented, every approved change needs (${code('change_management.implementation')}): ${required.join(', ')}.`);
  return lines;
}

function complianceLines(plan: Plan): string[] {
  const c = plan.compliance;
  if (!c) return [];
  if ('skipped' in c) return ['### Compliance gate (new version)', '', `Not evaluated: ${c.skipped}.`, ''];
  const lines = ['### Compliance gate (new version)', '', `**${c.passed ? 'Passed' : 'Failed'}** (threshold ${percentText(c.threshold)}): ${c.frameworks.map((f) => `${f.id} ${percentText(f.score)}${f.failed > 0 ? ` (${f.failed} failed)` : ''}`).join(', ')}.`];
  for (const reason of c.reasons) lines.push(`- ${reason}`);
  lines.push('');
  return lines;
}

export function formatPlanMarkdown(plan: Plan): string {
  const base = `${code(plan.base.label)}${plan.base.commit ? ` (${code(plan.base.commit.slice(0, 12))})` : ''}`;
  const lines = [
    `## oaas plan: ${headline(plan)}`,
    '',
    `Workspace ${code(plan.workspace)}${plan.environment !== undefined ? `, environment ${code(plan.environment)}` : ''}, against ${base}: `
      + `${plan.summary.changes} change${plan.summary.changes === 1 ? '' : 's'} (${countsText(plan.summary.byRisk)}). Exit code ${plan.summary.exitCode}.`,
    '',
  ];
  if (plan.tenants.length > 0) {
    lines.push(`Tenants: ${plan.tenants.map((t) => `${code(t.id)} ${t.status} (${countsText(t.byRisk)})`).join(', ')}.`, '');
  }
  if (plan.approvals.length > 0) lines.push('### Approvals', '', ...approvalLines(plan), '');
  for (const risk of RISKS) {
    const changes = plan.changes.filter((c) => c.risk === risk);
    if (changes.length === 0) continue;
    const table = changeRows(changes);
    // Low-risk changes and long lists fold away so the comment leads with what needs attention.
    if (risk === 'low' || changes.length > 10) lines.push(`<details><summary>${RISK_TITLES[risk]} (${changes.length})</summary>`, '', ...table, '', '</details>', '');
    else lines.push(`### ${RISK_TITLES[risk]} (${changes.length})`, '', ...table, '');
  }
  const broadened = plan.securityReports.filter((r) => r.permissionsBroadened).map((r) => code(r.stack));
  if (broadened.length > 0) lines.push(`cloudformation-diff reports broadened IAM or security group permissions in ${broadened.join(', ')}.`, '');
  lines.push(...complianceLines(plan));
  if (plan.compared.notes.length > 0) lines.push(...plan.compared.notes.map((n) => `> ${n}`), '');
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
