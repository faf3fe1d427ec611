/**
 * The plan as one self-contained HTML review page: style and script inline,
 * nothing loaded (its content security policy forbids it), so it opens
 * offline and can be attached to a review. It lists stacks and tenants, the
 * changes grouped by risk and then by tenant or stack, each expandable to its
 * property diff, access findings and the definition line behind it; the
 * approvals with their stages; and the compliance gate of the new version.
 *
 * Built for the keyboard and screen readers: landmarks (banner, navigation,
 * main, contentinfo), one heading level per level of grouping, native
 * disclosure widgets (`details`), labelled filter controls and a live status
 * line. At a thousand changes it stays usable: details are closed, rows out
 * of view are not laid out (`content-visibility`), and the filters narrow
 * the list by text and risk.
 */
import { approverText, countsText, groupOf, headline, locationText, ownerText, percentText, refText, requirementTitle, RISK_TITLES, traceBasisText, valueText } from './describe';
import { PAGE_CSS, PAGE_SCRIPT } from './private/page-assets';
import type { ApprovalRequirement, Plan, PlanChange, Risk } from './types';
import { RISKS } from './types';

/** Property rows shown per change; the rest is counted (plan.json has all). */
export const HTML_PROPERTY_ROWS = 200;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const e = escapeHtml;

function badge(risk: Risk): string {
  return `<span class="badge ${risk}">${risk}</span>`;
}

/** A stable id for an anchor, from any text. */
function anchor(prefix: string, text: string): string {
  return `${prefix}-${text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

function requirementAnchor(id: string): string {
  return anchor('approval', id);
}

function propertyTable(change: PlanChange, index: number): string {
  if (change.properties.length === 0) return '<p class="meta">No property differs (only the resource\'s other settings).</p>';
  const rows = change.properties.slice(0, HTML_PROPERTY_ROWS).map((p) => {
    const impact = p.impact ? ` <small>(${e(p.impact)})</small>` : '';
    return `<tr><th scope="row"><code>${e(p.path)}</code>${impact}</th><td><pre>${e(valueText(p.old, 2000))}</pre></td><td><pre>${e(valueText(p.new, 2000))}</pre></td></tr>`;
  }).join('');
  const more = change.properties.length > HTML_PROPERTY_ROWS ? `<p class="meta">${change.properties.length - HTML_PROPERTY_ROWS} more changed properties are in plan.json.</p>` : '';
  return `<table aria-describedby="c${index}-summary"><caption>Property changes</caption><thead><tr><th scope="col">Path</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function changeItem(change: PlanChange, index: number, plan: Plan): string {
  const refs = change.definition.refs.map((r) => `<li><code>${e(refText(r))}</code></li>`).join('');
  const codeFiles = change.definition.codeFiles && change.definition.codeFiles.length > 0
    ? `<details><summary>${change.definition.codeFiles.length} code file(s) differ</summary><ul>${change.definition.codeFiles.map((f) => `<li><code>${e(f)}</code></li>`).join('')}</ul></details>` : '';
  const access = change.access
    ? `<dt>Access</dt><dd><span class="${change.access.effect}">${e(change.access.surface)} ${e(change.access.effect)}</span>${change.access.findings.length > 0 ? `<ul>${change.access.findings.map((f) => `<li>${e(f)}</li>`).join('')}</ul>` : ''}</dd>` : '';
  const approvals = change.approvals.map((id) => {
    const r = plan.approvals.find((a) => a.id === id);
    return `<a href="#${requirementAnchor(id)}">${e(r ? requirementTitle(r) : id)}</a>`;
  }).join(', ');
  const target = change.target.kind === 'cloudformation'
    ? `<dt>Resource</dt><dd><code>${e(change.target.resourceType)}</code> <code>${e(change.target.logicalId)}</code> in stack <code>${e(change.target.stack)}</code>${change.target.constructPath ? `<br><small>construct <code>${e(change.target.constructPath)}</code></small>` : ''}</dd>`
    : `<dt>Object</dt><dd><code>${e(change.target.apiVersion)}</code> <code>${e(change.target.objectKind)}</code> <code>${e(change.target.namespace !== undefined ? `${change.target.namespace}/` : '')}${e(change.target.name)}</code> on cluster <code>${e(change.target.cluster)}</code><br><small>file <code>${e(change.target.file)}</code></small></dd>`;
  const searchable = [change.summary, change.risk, change.rule.id, ownerText(change.owner), locationText(change), ...change.definition.refs.map((r) => `${r.file} ${r.path}`), ...change.changeTypes].join(' ').toLowerCase();
  return `<li class="change" data-risk="${change.risk}" data-text="${e(searchable)}"><details id="c${index}"><summary>`
    + `${badge(change.risk)} <span class="summary-text" id="c${index}-summary">${e(change.summary)}</span> <span class="where">${e(ownerText(change.owner))}</span></summary>`
    + '<div class="detail"><dl>'
    + target
    + `<dt>Rule</dt><dd><code>${e(change.rule.id)}</code>: ${e(change.rule.reason)}</dd>`
    + `<dt>Change type</dt><dd>${e(change.changeTypes.join(', '))}</dd>`
    + access
    + `<dt>Definition</dt><dd>${e(traceBasisText(change.definition))}${refs ? `<ul>${refs}</ul>` : ''}${codeFiles}</dd>`
    + `<dt>Approval</dt><dd>${approvals}</dd>`
    + `</dl>${propertyTable(change, index)}</div></details></li>`;
}

/** The changes by risk, then by group (tenant, stack or cluster), in the order the page lists them. */
function grouped(plan: Plan): Array<{ risk: Risk; groups: Array<{ key: string; title: string; changes: PlanChange[] }> }> {
  return RISKS.map((risk) => {
    const groups = new Map<string, { key: string; title: string; changes: PlanChange[] }>();
    for (const c of plan.changes.filter((x) => x.risk === risk)) {
      const g = groupOf(c);
      const entry = groups.get(g.key) ?? { key: g.key, title: g.title, changes: [] };
      entry.changes.push(c);
      groups.set(g.key, entry);
    }
    return { risk, groups: [...groups.values()] };
  }).filter((r) => r.groups.length > 0);
}

/** The index of each change on the page (its anchor is `c<index>`). */
function pageIndex(plan: Plan): Map<PlanChange, number> {
  const out = new Map<PlanChange, number>();
  for (const r of grouped(plan)) for (const g of r.groups) for (const c of g.changes) out.set(c, out.size);
  return out;
}

function changesSection(plan: Plan, index: ReadonlyMap<PlanChange, number>): string {
  if (plan.changes.length === 0) return '<section aria-labelledby="changes-h"><h2 id="changes-h">Changes</h2><p>No changes: the new version synthesizes to the same templates and manifests as the base.</p></section>';
  const filters = '<form class="filters" id="filters" role="search" aria-label="Filter changes">'
    + '<div><label for="filter-text">Filter by text</label><br><input id="filter-text" type="search" placeholder="tenant, stack, type, file…" autocomplete="off"></div>'
    + `<fieldset><legend>Risk</legend>${RISKS.map((r) => `<label><input type="checkbox" name="risk" value="${r}" checked> ${r}</label>`).join(' ')}</fieldset>`
    + '<div><button type="button" id="expand-all">Expand all shown</button> <button type="button" id="collapse-all">Collapse all</button></div>'
    + `<p id="filter-status" class="meta" role="status" aria-live="polite">Showing ${plan.changes.length} of ${plan.changes.length} changes.</p></form>`;
  const sections = grouped(plan).map(({ risk, groups }) => {
    const body = groups.map((g) => {
      const id = anchor(`${risk}`, g.key);
      const items = g.changes.map((c) => changeItem(c, index.get(c)!, plan)).join('');
      return `<section class="group" aria-labelledby="${id}"><h4 id="${id}">${e(g.title)} <span class="meta">(${g.changes.length})</span></h4><ul class="changes">${items}</ul></section>`;
    }).join('');
    const count = groups.reduce((n, g) => n + g.changes.length, 0);
    return `<section class="risk" id="risk-${risk}" aria-labelledby="risk-${risk}-h"><h3 id="risk-${risk}-h">${badge(risk)} ${e(RISK_TITLES[risk])} <span class="meta">(${count})</span></h3>${body}</section>`;
  }).join('');
  return `<section aria-labelledby="changes-h"><h2 id="changes-h">Changes</h2>${filters}${sections}</section>`;
}

function requirementBlock(r: ApprovalRequirement, plan: Plan): string {
  const count = plan.changes.filter((c) => c.approvals.includes(r.id)).length;
  const head = `<h3 id="${requirementAnchor(r.id)}">${e(requirementTitle(r))} <span class="meta">(${count} change${count === 1 ? '' : 's'}; <code>${e(r.key)}</code>)</span></h3>`;
  if (r.kind === 'matrix') return `${head}<p>${r.approvers.map((a) => e(approverText(a))).join(', ')}</p>`;
  const rows = r.stages.map((s, i) => `<tr><td>${i + 1}</td><th scope="row"><code>${e(s.stage)}</code></th><td>${s.approvers.map((a) => e(approverText(a))).join(', ')}</td>`
    + `<td>${e(s.criteria.map((c) => c.replace(/_/g, ' ')).join(', '))}</td><td>${e(s.timeout)}${s.escalateTo ? `, then ${e(approverText(s.escalateTo))}` : ''}</td></tr>`).join('');
  const bypass = r.emergencyBypass ? `<p class="meta">Emergency bypass: ${r.emergencyBypass.approvers.map((a) => e(approverText(a))).join(', ')}; reviewed within ${e(r.emergencyBypass.reviewWithin)} after deployment.</p>` : '';
  return `${head}<table><caption>Stages, ${r.parallel ? 'in parallel where possible' : 'in order'}</caption><thead><tr><th scope="col">#</th><th scope="col">Stage</th><th scope="col">Approvers</th><th scope="col">Criteria</th><th scope="col">Timeout</th></tr></thead><tbody>${rows}</tbody></table>${bypass}`;
}

function approvalsSection(plan: Plan): string {
  if (plan.approvals.length === 0) return '';
  const implementation = plan.implementation.filter((i) => i.required).map((i) => e(i.key.replace(/_/g, ' ')));
  return `<section aria-labelledby="approvals-h"><h2 id="approvals-h">Approvals</h2>${plan.approvals.map((r) => requirementBlock(r, plan)).join('')}`
    + (implementation.length > 0 ? `<p>Before it is implemented, every approved change needs (<code>change_management.implementation</code>): ${implementation.join(', ')}.</p>` : '')
    + '</section>';
}

function complianceSection(plan: Plan): string {
  const c = plan.compliance;
  if (!c) return '';
  if ('skipped' in c) return `<section aria-labelledby="gate-h"><h2 id="gate-h">Compliance gate (new version)</h2><p>Not evaluated: ${e(c.skipped)}.</p></section>`;
  const rows = c.frameworks.map((f) => `<tr><th scope="row">${e(f.title)} <code>${e(f.id)}</code></th><td>${e(percentText(f.score))}</td><td>${f.failed}</td></tr>`).join('');
  return `<section aria-labelledby="gate-h"><h2 id="gate-h">Compliance gate (new version)</h2>`
    + `<p class="gate ${c.passed ? 'passed' : 'failed'}"><strong>${c.passed ? 'Passed' : 'Failed'}</strong> (threshold ${e(percentText(c.threshold))})</p>`
    + (c.reasons.length > 0 ? `<ul>${c.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` : '')
    + `<table><caption>Frameworks</caption><thead><tr><th scope="col">Framework</th><th scope="col">Score</th><th scope="col">Failed controls</th></tr></thead><tbody>${rows}</tbody></table>`
    + `<p class="meta">${e(c.basis)}</p></section>`;
}

function securityReportsSection(plan: Plan): string {
  if (plan.securityReports.length === 0) return '';
  const table = (caption: string, rows: readonly (readonly string[])[]) => {
    if (rows.length === 0) return '';
    const [head, ...body] = rows;
    return `<table><caption>${e(caption)}</caption><thead><tr>${head!.map((h) => `<th scope="col">${e(h || 'change')}</th>`).join('')}</tr></thead>`
      + `<tbody>${body.map((r) => `<tr>${r.map((v) => `<td><pre>${e(v)}</pre></td>`).join('')}</tr>`).join('')}</tbody></table>`;
  };
  const stacks = plan.securityReports.map((r) => `<details><summary><code>${e(r.stack)}</code>${r.permissionsBroadened ? ' <span class="widened">permissions broadened</span>' : ''}</summary>`
    + table('IAM statements', r.iamStatements) + table('Managed policies', r.managedPolicies) + table('Security group rules', r.securityGroups) + '</details>').join('');
  return `<section aria-labelledby="cfn-h"><h2 id="cfn-h">IAM and security group changes as cloudformation-diff reports them</h2>${stacks}</section>`;
}

/** The page index of the first listed change that `pick` selects. */
function firstOf(index: ReadonlyMap<PlanChange, number>, pick: (c: PlanChange) => boolean): number {
  return Math.min(...[...index.entries()].filter(([c]) => pick(c)).map(([, i]) => i));
}

function navigation(plan: Plan, index: ReadonlyMap<PlanChange, number>): string {
  const tenantLinks = plan.tenants.map((t) => {
    const first = firstOf(index, (c) => c.owner.kind === 'tenant' && c.owner.tenant === t.id);
    return `<li><a href="#c${first}">${e(t.id)}</a> <span class="meta">${e(t.status)}; ${e(countsText(t.byRisk))}${t.file ? `; ${e(t.file)}` : ''}</span></li>`;
  }).join('');
  const stackLinks = plan.stacks.map((s) => {
    const first = firstOf(index, (c) => c.target.kind === 'cloudformation' && c.target.stack === s.name);
    return `<li><a href="#c${first}">${e(s.name)}</a> <span class="meta">${e(countsText(s.byRisk))}</span></li>`;
  }).join('');
  const riskLinks = RISKS.filter((r) => plan.summary.byRisk[r] > 0).map((r) => `<li><a href="#risk-${r}">${e(RISK_TITLES[r])}</a> <span class="meta">(${plan.summary.byRisk[r]})</span></li>`).join('');
  return '<nav aria-labelledby="nav-h"><h2 id="nav-h">Contents</h2>'
    + (riskLinks ? `<h3>By risk</h3><ul>${riskLinks}</ul>` : '')
    + (tenantLinks ? `<h3>Tenants</h3><ul>${tenantLinks}</ul>` : '')
    + (stackLinks ? `<h3>Stacks</h3><ul>${stackLinks}</ul>` : '')
    + `<h3>Sections</h3><ul>${plan.approvals.length > 0 ? '<li><a href="#approvals-h">Approvals</a></li>' : ''}<li><a href="#changes-h">Changes</a></li>${plan.compliance ? '<li><a href="#gate-h">Compliance gate</a></li>' : ''}</ul>`
    + '</nav>';
}

export function formatPlanHtml(plan: Plan): string {
  const title = `oaas plan: ${headline(plan)}`;
  const base = `${e(plan.base.label)}${plan.base.commit ? ` (<code>${e(plan.base.commit.slice(0, 12))}</code>)` : ''}`;
  const index = pageIndex(plan);
  const notes = plan.compared.notes.length > 0 ? `<ul class="meta">${plan.compared.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : '';
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">'
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${PAGE_CSS}</style></head><body>`
    + '<a class="skip" href="#main">Skip to the plan</a>'
    + `<header><h1>${e(title)}</h1><p class="meta">Workspace <code>${e(plan.workspace)}</code>${plan.environment !== undefined ? `, environment <code>${e(plan.environment)}</code>` : ''}, against ${base}. `
    + `${plan.summary.changes} change(s): ${e(countsText(plan.summary.byRisk))}. Exit code ${plan.summary.exitCode}.</p>${notes}</header>`
    + `<div class="layout">${navigation(plan, index)}<main id="main" tabindex="-1">`
    + approvalsSection(plan) + changesSection(plan, index) + complianceSection(plan) + securityReportsSection(plan)
    + '</main></div>'
    + '<footer><p class="meta">Made by <code>oaas plan</code>. Risk rules: lib/plan/rules.ts. Everything here is also in plan.json.</p></footer>'
    + `<script>${PAGE_SCRIPT}</script></body></html>\n`;
}
