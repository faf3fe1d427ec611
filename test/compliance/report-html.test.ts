import { evaluateCompliance } from '../../lib/compliance/evaluate';
import type { ComplianceReport } from '../../lib/compliance/evaluate';
import { fail, scope } from '../../lib/compliance/check';
import type { CheckDefinition } from '../../lib/compliance/check';
import { evaluateValidationReports, parseValidationReport } from '../../lib/compliance/gate';
import { formatComplianceHtml, formatScanHtml, htmlText } from '../../lib/compliance/report-html';
import { formatComplianceText } from '../../lib/compliance/report-text';
import type { SecurityScanReport } from '../../lib/compliance/scan-report';
import { evidence, requirements } from './helpers';

/** Anything that would make a browser fetch or navigate outside the page. */
const EXTERNAL = [/https?:\/\//i, /<[^>]*\s(src|href|action|srcset)\s*=\s*(?!["']?#)/i, /url\(/i, /@import/i, /<(script|link|img|iframe|object|embed|form)\b/i, /\/\/[a-z0-9.-]+\.[a-z]{2,}/i];

const hostile: CheckDefinition = {
  id: 'hostile', title: 't', description: 'd',
  run: () => [fail(scope('bucket <img src=x onerror=alert(1)>'), 'see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ and <script>alert(1)</script>', 'read http://example.com/fix')],
};

function report(): ComplianceReport {
  const reports = parseValidationReport({ pluginReports: [{ pluginName: 'cdk-validator-cfnguard', conclusion: 'failure', violations: [
    { ruleName: 'r', description: 'd', fix: 'see https://github.com/cdklabs/cdk-validator-cfnguard#bundled-control-tower-rules', ruleMetadata: { DocumentationUrl: 'https://github.com/x' }, violatingConstructs: [] },
  ] }] });
  return evaluateCompliance({
    catalogue: { sox: { framework: 'sox', title: 'SOX <b>', source: 'https://www.sec.gov/', scope: 'x', controls: [
      { id: 'A', title: 'A', source: 's', critical: true, nist_800_53: [], checks: ['hostile'] },
      { id: 'M', title: 'M', source: 's', critical: false, nist_800_53: [], manual: true, evidence_required: ['policy at https://intranet.example.com/p'] },
    ] } },
    frameworks: [{ id: 'sox', critical: true }], checks: [hostile], evidence: evidence([]), requirements: requirements(),
    validation: evaluateValidationReports(reports), threshold: 0.95, workspace: 'ws', now: new Date('2025-01-01T00:00:00Z'),
  });
}

describe('the HTML report', () => {
  test('has no external URL, script or resource, even when evidence text carries links and markup', () => {
    const html = formatComplianceHtml(report());
    for (const pattern of EXTERNAL) expect(html).not.toMatch(pattern);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('docs.aws.amazon.com/AmazonS3/latest/userguide/');
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">/);
    expect(html).toContain('<style>');
  });

  test('shows the gate, the failing evidence, the fix and the manual evidence to provide', () => {
    const html = formatComplianceHtml(report());
    expect(html).toContain('Gate failed');
    expect(html).toContain('sox is critical and its critical control(s) fail: A');
    expect(html).toContain('read example.com/fix');
    expect(html).toContain('policy at intranet.example.com/p');
    expect(html).toContain('it is not a certification');
  });

  test('the security scan page is self-contained too', () => {
    const scan: SecurityScanReport = {
      generatedAt: '2025-01-01T00:00:00.000Z', workspace: 'ws', packs: ['AwsSolutions'],
      sections: [{ name: 'cdk-nag', description: 'd', passed: 0, findings: [{ severity: 'error', source: 'AwsSolutions', rule: 'AwsSolutions-S1', resource: 'S/B', message: 'see https://x.example/y', fix: '<a href="https://evil">' }] }],
      validation: evaluateValidationReports([]), acknowledgements: [{ constructPath: 'S/R', id: 'AwsSolutions-IAM4', reason: 'documented at https://aws.amazon.com/' }],
      gate: { passed: false, reasons: ['cdk-nag: 1 error'] },
    };
    const html = formatScanHtml(scan);
    for (const pattern of EXTERNAL) expect(html).not.toMatch(pattern);
    expect(html).toContain('AwsSolutions-S1');
  });

  test('htmlText escapes markup and strips URL schemes', () => {
    expect(htmlText('<a href="x">ftp://host/file & "q"</a>')).toBe('&lt;a href=&quot;x&quot;&gt;host/file &amp; &quot;q&quot;&lt;/a&gt;');
  });
});

describe('the text report', () => {
  test('prints one table per framework, flags critical controls and lists the gate reasons', () => {
    const text = formatComplianceText(report());
    expect(text).toMatch(/^SOX <b> \(sox\) \[critical\]: score 0\.0%, 0 passed, 1 failed, 0 not applicable, 1 manual$/m);
    expect(text).toMatch(/^ {2}A\* +FAIL +bucket <img/m);
    expect(text).toMatch(/^ {2}M +manual +provide: policy at/m);
    expect(text).toMatch(/Gate: FAILED \(threshold 95\.0%\)\n {2}- sox: score 0\.0% is below the threshold/);
  });
});
