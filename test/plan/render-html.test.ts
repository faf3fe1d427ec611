/**
 * The review page as markup: self-contained (nothing it could load), landmarks,
 * headings and labelled controls, every change with its details. The page is
 * driven in a real browser by test/plan/review-page.browser.test.ts.
 */
import { escapeHtml, formatPlanHtml } from '../../lib/plan/render-html';
import { reviewPlan } from './fixtures';

describe('formatPlanHtml', () => {
  const html = formatPlanHtml(reviewPlan());

  test('is one self-contained file: inline style and script, nothing loaded, a policy that forbids loading', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">');
    expect(html).not.toMatch(/\s(src|srcset|action)=/);
    expect(html).not.toMatch(/<link\b/);
    expect([...html.matchAll(/href="([^"]*)"/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
  });

  test('has the landmarks, one h1, and labelled filter controls', () => {
    for (const landmark of ['<header>', '<nav aria-labelledby="nav-h">', '<main id="main" tabindex="-1">', '<footer>']) expect(html).toContain(landmark);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<label for="filter-text">Filter by text</label><br><input id="filter-text" type="search"');
    expect(html).toContain('<fieldset><legend>Risk</legend>');
    expect(html).toContain('<p id="filter-status" class="meta" role="status" aria-live="polite">Showing 7 of 7 changes.</p>');
    expect(html).toContain('<a class="skip" href="#main">');
  });

  test('groups the changes by risk, then by tenant or stack', () => {
    const headings = [...html.matchAll(/<h([34]) id="([^"]+)">/g)].map((m) => `h${m[1]} ${m[2]}`);
    expect(headings.filter((h) => h.startsWith('h3 risk') || h.startsWith('h4'))).toEqual([
      'h3 risk-high-h', 'h4 high-stack-acme-production-eu-west-1-audit', 'h4 high-tenant-web',
      'h3 risk-medium-h', 'h4 medium-tenant-ops',
    ]);
    expect(html.match(/<li class="change"/g)).toHaveLength(7);
  });

  test('each change carries its rule, access findings, definition line, approvals and property diff', () => {
    const widened = html.slice(html.indexOf('WebWorkloadDataAccess (PolicyDocument)'));
    const item = widened.slice(0, widened.indexOf('</details></li>'));
    expect(item).toContain('<code>access-widened</code>');
    expect(item).toContain('<span class="widened">IAM policy widened</span>');
    expect(item).toContain('<code>tenants/web.yml:1:1 tenant_id</code>');
    expect(item).toContain('<a href="#approval-matrix-high">High risk: approval matrix</a>');
    expect(item).toContain('<th scope="row"><code>Properties.PolicyDocument.Statement[0].Action</code></th>');
  });

  test('lists the approvals and the compliance gate', () => {
    expect(html).toContain('<h3 id="approval-workflow-agent-creation">');
    expect(html).toContain('<caption>Stages, in order</caption>');
    expect(html).toContain('<p class="gate passed"><strong>Passed</strong> (threshold 95.0%)</p>');
  });

  test('escapes everything it shows', () => {
    expect(escapeHtml('<script>"x" & \'y\'</script>')).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    const plan = reviewPlan();
    const hostile = { ...plan, workspace: '<img src=x onerror=alert(1)>' };
    expect(formatPlanHtml(hostile)).not.toContain('<img');
  });

  test('the same plan gives the same page', () => {
    expect(formatPlanHtml(reviewPlan())).toBe(html);
  });
});
