/**
 * The compliance report as one self-contained HTML page: inline CSS, no
 * script, no external resource, no links out, so it opens offline and can be
 * archived as evidence. Links found in evidence text are shown without their
 * scheme.
 */
import type { ComplianceReport, ControlResult, EvidenceItem, FrameworkResult } from './evaluate';
import { frameworkHeadline, percent } from './report-text';
import type { SecurityScanReport } from './scan-report';

/** Escapes text for HTML and strips URL schemes, so nothing in the page points outside it. */
export function htmlText(text: string): string {
  return text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\//gi, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d2329;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .25rem}
.meta,.scope{color:#55606b;margin:.25rem 0}
.gate{padding:.75rem 1rem;border-radius:6px;margin:1rem 0}.gate.ok{background:#e6f4ea;border:1px solid #9bd3ab}.gate.ko{background:#fdecea;border:1px solid #f2a7a0}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border-bottom:1px solid #e2e6ea;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8;font-weight:600}
.s{font-weight:600;text-transform:uppercase;font-size:.75rem;padding:.1rem .4rem;border-radius:4px;white-space:nowrap}
.pass{background:#e6f4ea;color:#1e6b34}.fail{background:#fdecea;color:#a0271b}.manual{background:#eef2fb;color:#274b9f}.not_applicable{background:#f1f1f1;color:#555}
details summary{cursor:pointer}ul{margin:.25rem 0;padding-left:1.2rem}code{font-size:.85em}
.crit{color:#a0271b;font-weight:600}
`;

function statusBadge(status: string): string {
  const label = status === 'not_applicable' ? 'n/a' : status;
  return `<span class="s ${htmlText(status)}">${htmlText(label)}</span>`;
}

function evidenceList(items: readonly EvidenceItem[]): string {
  if (items.length === 0) return '';
  const failing = items.filter((e) => e.status === 'fail');
  const shown = failing.length > 0 ? failing : items;
  const li = shown.map((e) => `<li>${statusBadge(e.status)} <code>${htmlText(e.resource)}</code>: ${htmlText(e.message)} <small>(${htmlText(e.source)})</small></li>`).join('');
  const rest = failing.length > 0 && items.length > failing.length ? `<p class="meta">${items.length - failing.length} other finding(s) pass.</p>` : '';
  return `<details${failing.length > 0 ? ' open' : ''}><summary>${shown.length} finding(s)</summary><ul>${li}</ul>${rest}</details>`;
}

function controlRow(c: ControlResult): string {
  const evidence = c.status === 'manual'
    ? `<ul>${c.evidenceRequired.map((e) => `<li>${htmlText(e)}</li>`).join('')}</ul>`
    : c.status === 'not_applicable' ? `<p class="meta">Nothing in scope for ${htmlText(c.checks.map((k) => k.id).join(', '))}.</p>` : evidenceList(c.evidence);
  const fix = c.fixes.length > 0 ? `<ul>${c.fixes.map((f) => `<li>${htmlText(f)}</li>`).join('')}</ul>` : '';
  const related = [...c.evidencedBy.controlTower, ...c.evidencedBy.cdkNag];
  return `<tr><td><strong>${htmlText(c.id)}</strong>${c.critical ? ' <span class="crit">critical</span>' : ''}<br>${htmlText(c.title)}<br><small class="meta">${htmlText(c.source)}</small></td>`
    + `<td>${statusBadge(c.status)}</td><td>${evidence}${c.notes ? `<p class="meta">${htmlText(c.notes)}</p>` : ''}</td><td>${fix}</td>`
    + `<td><small>${htmlText(c.nist80053.join(', '))}${related.length > 0 ? `<br>also: ${htmlText(related.join(', '))}` : ''}</small></td></tr>`;
}

function frameworkSection(f: FrameworkResult): string {
  return `<section><h2 id="${htmlText(f.id)}">${htmlText(f.title)} — ${htmlText(percent(f.score))}</h2>`
    + `<p class="meta">${htmlText(frameworkHeadline(f))}</p><p class="scope">${htmlText(f.source)}. ${htmlText(f.scope)}</p>`
    + '<table><thead><tr><th>Control</th><th>Status</th><th>Evidence</th><th>Fix</th><th>NIST SP 800-53</th></tr></thead><tbody>'
    + `${f.controls.map(controlRow).join('')}</tbody></table></section>`;
}

export function formatComplianceHtml(report: ComplianceReport, title = 'Compliance evidence report'): string {
  const gate = report.gate.passed
    ? `<div class="gate ok"><strong>Gate passed</strong> (threshold ${htmlText(percent(report.threshold))}).</div>`
    : `<div class="gate ko"><strong>Gate failed</strong> (threshold ${htmlText(percent(report.threshold))})<ul>${report.gate.reasons.map((r) => `<li>${htmlText(r)}</li>`).join('')}</ul></div>`;
  const v = report.validation;
  const acknowledged = v.acknowledged.length === 0 ? '' : `<h2>Acknowledged findings</h2><table><thead><tr><th>Rule</th><th>Resource</th><th>Reason</th></tr></thead><tbody>${
    v.acknowledged.map((a) => `<tr><td>${htmlText(a.acknowledgedId)}</td><td><code>${htmlText(a.resources.map((r) => r.constructPath ?? r.logicalId ?? '').join(', '))}</code></td><td>${htmlText(a.reason ?? '(none)')}</td></tr>`).join('')
  }</tbody></table>`;
  const toc = report.frameworks.map((f) => `<li><a href="#${htmlText(f.id)}">${htmlText(f.title)}</a>: ${htmlText(percent(f.score))}</li>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${htmlText(title)}</title><style>${CSS}</style></head><body>`
    + `<h1>${htmlText(title)}</h1><p class="meta">Workspace ${htmlText(report.workspace)}${report.environment ? `, environment ${htmlText(report.environment)}` : ''}; generated ${htmlText(report.generatedAt)}. `
    + 'This report lists evidence from the synthesized infrastructure; it is not a certification, and manual controls need the organization\'s own evidence.</p>'
    + `${gate}<ul>${toc}</ul>`
    + `<p class="meta">Validation report: ${v.errors.length} unacknowledged error(s), ${v.warnings.length} warning(s), ${v.acknowledged.length} acknowledged.</p>`
    + `${report.frameworks.map(frameworkSection).join('')}${acknowledged}</body></html>\n`;
}

/** The security scan as one self-contained HTML page. */
export function formatScanHtml(report: SecurityScanReport, title = 'Security scan report'): string {
  const gate = report.gate.passed
    ? '<div class="gate ok"><strong>Gate passed.</strong></div>'
    : `<div class="gate ko"><strong>Gate failed</strong><ul>${report.gate.reasons.map((r) => `<li>${htmlText(r)}</li>`).join('')}</ul></div>`;
  const section = (s: SecurityScanReport['sections'][number]) => `<section><h2>${htmlText(s.name)}</h2><p class="meta">${htmlText(s.description)}${s.passed ? ` ${s.passed} finding(s) pass.` : ''}</p>`
    + (s.findings.length === 0 ? '<p>No finding.</p>' : `<table><thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Finding</th><th>Fix</th></tr></thead><tbody>${
      s.findings.map((f) => `<tr><td>${statusBadge(f.severity === 'error' ? 'fail' : 'manual')}</td><td>${htmlText(f.rule)}<br><small class="meta">${htmlText(f.source)}</small></td>`
        + `<td><code>${htmlText(f.resource)}</code></td><td>${htmlText(f.message)}</td><td>${htmlText(f.fix ?? '')}</td></tr>`).join('')}</tbody></table>`)
    + '</section>';
  const acks = report.acknowledgements.length === 0 ? '' : `<h2>Acknowledgements</h2><table><thead><tr><th>Rule</th><th>Construct</th><th>Reason</th></tr></thead><tbody>${
    report.acknowledgements.map((a) => `<tr><td>${htmlText(a.id)}</td><td><code>${htmlText(a.constructPath)}</code></td><td>${htmlText(a.reason)}</td></tr>`).join('')}</tbody></table>`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${htmlText(title)}</title><style>${CSS}</style></head><body><h1>${htmlText(title)}</h1>`
    + `<p class="meta">Workspace ${htmlText(report.workspace)}${report.environment ? `, environment ${htmlText(report.environment)}` : ''}; generated ${htmlText(report.generatedAt)}; packs ${htmlText(report.packs.join(', '))}.</p>`
    + `${gate}${report.sections.map(section).join('')}${acks}</body></html>\n`;
}
