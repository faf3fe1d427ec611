/**
 * `oaas compliance-check --framework all` on the default (enterprise) workspace:
 * 2 environments × 3 regions synthesized in process, every cluster's manifests
 * rendered, nothing fetched.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPORT_FILES, runComplianceCheckCommand } from '../../lib/cli/compliance-check';
import type { ComplianceReport } from '../../lib/compliance/evaluate';
import { FRAMEWORK_IDS } from '../../lib/definition/model';

let code: number;
let report: ComplianceReport;

beforeAll(() => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-default-'));
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(() => true), jest.spyOn(process.stderr, 'write').mockImplementation(() => true)];
  try {
    code = runComplianceCheckCommand(undefined, { framework: 'all', out, format: 'text' });
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  report = JSON.parse(fs.readFileSync(path.join(out, REPORT_FILES.json), 'utf8')) as ComplianceReport;
});

test('reports every framework the governance enables, from every stack and cluster, with the exit code of the gate', () => {
  expect(report.frameworks.map((f) => f.id)).toEqual([...FRAMEWORK_IDS]);
  for (const f of report.frameworks) expect(f.counts.passed + f.counts.failed).toBeGreaterThan(0);
  const logging = report.frameworks.find((f) => f.id === 'iso_27001')!.controls.find((c) => c.id === 'A.8.15')!;
  expect(new Set(logging.evidence.map((e) => e.resource.split('/')[0])).size).toBeGreaterThanOrEqual(12);
  expect(code).toBe(report.gate.passed ? 0 : 1);
});

test('passes the gate and exits 0', () => {
  expect(report.gate.reasons).toEqual([]);
  expect(code).toBe(0);
});
