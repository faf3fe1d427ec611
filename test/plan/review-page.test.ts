/**
 * The review page in a real browser: Debian's chromium driven by
 * playwright-core. A plan with a new tenant, a widened IAM policy and a
 * replaced bucket: its landmarks, headings and labelled controls, its
 * grouping by risk and owner, a change expanded from the keyboard, the
 * filters, and a screenshot in the test's temporary folder. Then a plan of a
 * thousand changes, to see the page stays usable at that size.
 *
 * Chromium must be installed (`.ci/run` installs it); without it this test
 * fails and says how to install it, rather than skipping.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { formatPlanHtml } from '../../lib/plan/render-html';
import { largePlan, reviewPlan } from './fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the review page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}: the review page is tested in a real browser. `
        + 'Install it with `apt-get update && apt-get install -y chromium` (Debian, as .ci/run does), or point CHROMIUM_PATH at a Chromium binary.');
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(html: string, name: string): Promise<Page> {
    const file = path.join(os.tmpdir(), name);
    fs.writeFileSync(file, html);
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    p.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
    await p.goto(`file://${file}`);
    return p;
  }

  describe('a plan with a new tenant, a widened IAM policy and a replaced bucket', () => {
    beforeAll(async () => {
      page = await open(formatPlanHtml(reviewPlan()), 'review.html');
    });
    afterAll(async () => {
      await page.close();
    });

    test('has landmarks, headings and labelled controls a screen reader announces', async () => {
      await expect(page.getByRole('banner').getByRole('heading', { level: 1 }).textContent()).resolves.toBe('oaas plan: 7 changes, approval required');
      expect(await page.getByRole('navigation', { name: 'Contents' }).count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('contentinfo').count()).toBe(1);
      expect(await page.getByRole('searchbox', { name: 'Filter by text' }).count()).toBe(1);
      expect(await page.getByRole('group', { name: 'Risk' }).getByRole('checkbox').count()).toBe(3);
      expect(await page.getByRole('checkbox', { name: 'high' }).isChecked()).toBe(true);
      expect(await page.getByRole('button', { name: 'Expand all shown' }).count()).toBe(1);
      await expect(page.getByRole('status').textContent()).resolves.toBe('Showing 7 of 7 changes.');
      expect(problems).toEqual([]);
    });

    test('groups the changes by risk, then by stack or tenant', async () => {
      const outline = await page.locator('section.risk').evaluateAll((sections) => sections.map((s) => ({
        risk: s.querySelector('h3')!.textContent,
        groups: [...s.querySelectorAll('section.group')].map((g) => `${g.querySelector('h4')!.textContent} ${g.querySelectorAll('li.change').length}`),
      })));
      expect(outline).toEqual([
        { risk: 'high High risk (2)', groups: ['Stack acme-production-eu-west-1-audit (1) 1', 'Tenant web (1) 1'] },
        { risk: 'medium Medium risk (5)', groups: ['Tenant ops (5) 5'] },
      ]);
      const high = await page.locator('#risk-high li.change .summary-text').allTextContents();
      expect(high).toEqual(['replace AWS::S3::Bucket AuditBucket (replaced: BucketName)', 'update AWS::IAM::ManagedPolicy WebWorkloadDataAccess (PolicyDocument)']);
    });

    test('a change expands from the keyboard to its property diff, findings, definition line and approvals', async () => {
      const item = page.locator('li.change', { hasText: 'WebWorkloadDataAccess' });
      const summary = item.locator('summary');
      await summary.focus();
      await page.keyboard.press('Enter');
      await expect(item.locator('details').getAttribute('open')).resolves.toBe('');
      const detail = item.locator('.detail');
      expect(await detail.isVisible()).toBe(true);
      expect(await detail.getByRole('table', { name: 'Property changes' }).getByRole('row').count()).toBeGreaterThan(1);
      await expect(detail.locator('.widened').textContent()).resolves.toBe('IAM policy widened');
      await expect(detail.textContent()).resolves.toContain('tenants/web.yml:1:1 tenant_id');
      await detail.getByRole('link', { name: 'High risk: approval matrix' }).click();
      expect(page.url()).toMatch(/#approval-matrix-high$/);
      await page.keyboard.press('Shift+Tab');
      await summary.focus();
      await page.keyboard.press('Space');
      await expect(item.locator('details').getAttribute('open')).resolves.toBeNull();
    });

    test('filters by text and risk, hiding empty groups, and says how many show', async () => {
      await page.getByRole('searchbox', { name: 'Filter by text' }).fill('ops');
      await expect(page.getByRole('status').textContent()).resolves.toBe('Showing 5 of 7 changes.');
      expect(await page.locator('#risk-high').isHidden()).toBe(true);
      await page.getByRole('searchbox', { name: 'Filter by text' }).fill('');
      await page.getByRole('checkbox', { name: 'medium' }).uncheck();
      await expect(page.getByRole('status').textContent()).resolves.toBe('Showing 2 of 7 changes.');
      await page.getByRole('checkbox', { name: 'medium' }).check();
      await page.getByRole('button', { name: 'Expand all shown' }).click();
      expect(await page.locator('li.change details[open]').count()).toBe(7);
      await page.getByRole('button', { name: 'Collapse all' }).click();
      expect(await page.locator('li.change details[open]').count()).toBe(0);
    });

    test('saves a screenshot with a change expanded', async () => {
      await page.locator('li.change', { hasText: 'AuditBucket' }).locator('summary').click();
      const file = path.join(os.tmpdir(), 'review-page.png');
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    });
  });

  test('a plan of a thousand changes renders every one, and the filters and expansion still work', async () => {
    const large = await open(formatPlanHtml(largePlan(1000)), 'large.html');
    try {
      expect(await large.locator('li.change').count()).toBe(1000);
      await expect(large.getByRole('status').textContent()).resolves.toBe('Showing 1000 of 1000 changes.');
      expect(await large.locator('section.risk h3').allTextContents()).toEqual(['high High risk (1)', 'medium Medium risk (349)', 'low Low risk (650)']);
      await large.getByRole('searchbox', { name: 'Filter by text' }).fill('team-007');
      await expect(large.getByRole('status').textContent()).resolves.toBe('Showing 20 of 1000 changes.');
      await large.getByRole('button', { name: 'Expand all shown' }).click();
      expect(await large.locator('li.change details[open]').count()).toBe(20);
      const last = large.locator('li.change:not([hidden])').last();
      await last.scrollIntoViewIfNeeded();
      expect(await last.locator('.detail').isVisible()).toBe(true);
      await large.screenshot({ path: path.join(os.tmpdir(), 'review-page-1000.png') });
      expect(problems).toEqual([]);
    } finally {
      await large.close();
    }
  });
});
