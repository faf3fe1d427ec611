/**
 * compliance-check on the real platform: the starter workspace synthesized in
 * process, its manifests rendered, every control evaluated; then one security
 * property broken at a time in that evidence, and through the command line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { loadCatalogue } from '../../lib/compliance/catalogue';
import { ALL_CHECKS } from '../../lib/compliance/checks';
import { evaluateCompliance } from '../../lib/compliance/evaluate';
import type { ComplianceReport } from '../../lib/compliance/evaluate';
import type { ManifestEvidence, TemplateEvidence } from '../../lib/compliance/evidence';
import { evaluateValidationReports } from '../../lib/compliance/gate';
import { renderedManifestEvidence } from '../../lib/compliance/manifests';
import { requirementsFor } from '../../lib/compliance/requirements';
import { synthesizeWorkspace } from '../../lib/commands/synthesize';
import type { SynthesisResult } from '../../lib/commands/synthesize';
import { registerComplianceCheck, REPORT_FILES, runComplianceCheckCommand } from '../../lib/cli/compliance-check';
import type { ComplianceCheckCommandOptions } from '../../lib/cli/compliance-check';
import { EXAMPLES, exampleModel } from '../helpers/workspace';

const model = exampleModel('starter');
const { catalogue } = loadCatalogue();
const requirements = requirementsFor(model);
let synth: SynthesisResult;
let manifests: ManifestEvidence[];

beforeAll(() => {
  synth = synthesizeWorkspace(model, { rules: requirements, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'shared-assembly-')) });
  manifests = renderedManifestEvidence(model);
});

function evaluate(templates: readonly TemplateEvidence[], objects: readonly ManifestEvidence[]): ComplianceReport {
  return evaluateCompliance({
    catalogue, frameworks: model.frameworks.map((id) => ({ id, critical: model.governance.compliance.frameworks[id]?.critical ?? false })),
    checks: ALL_CHECKS, evidence: { templates, manifests: objects }, requirements, validation: evaluateValidationReports(synth.reports),
    threshold: model.governance.compliance.scoreThreshold, workspace: 'examples/starter',
  });
}

/** A deep copy of the templates with `edit` applied to the first resource of `type` in a stack whose name contains `stack`. */
function breakResource(stack: string, type: string, edit: (props: Record<string, unknown>) => void): { templates: TemplateEvidence[]; logicalId: string; constructPath: string } {
  const templates = JSON.parse(JSON.stringify(synth.templates)) as TemplateEvidence[];
  const t = templates.find((x) => x.stack.includes(stack))!;
  const [logicalId, resource] = Object.entries(t.template.Resources!).find(([, r]) => r.Type === type)!;
  edit(resource.Properties as Record<string, unknown>);
  return { templates, logicalId, constructPath: t.constructPaths[logicalId]! };
}

function control(report: ComplianceReport, framework: string, id: string) {
  return report.frameworks.find((f) => f.id === framework)!.controls.find((c) => c.id === id)!;
}

function capture(run: () => number): { code: number; stdout: string } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: run(), stdout: chunks.join('') };
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
  }
}

const options = (overrides: Partial<ComplianceCheckCommandOptions> = {}): ComplianceCheckCommandOptions => ({
  framework: 'all', out: fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-out-')), format: 'text', ...overrides,
});

describe('compliance-check on the starter workspace', () => {
  test('every enabled framework passes with evidence from the synthesized stacks and the rendered manifests', () => {
    const report = evaluate(synth.templates, manifests);
    expect(report.frameworks.map((f) => f.id)).toEqual(model.frameworks);
    expect(report.gate).toEqual({ passed: true, reasons: [] });
    for (const f of report.frameworks) {
      expect(f.counts.failed).toBe(0);
      expect(f.counts.passed).toBeGreaterThan(0);
    }
    const logging = control(report, 'iso_27001', 'A.8.15');
    expect(logging.evidence.some((e) => e.resource.includes('starter-dev-eu-west-1-audit/Trail'))).toBe(true);
  });

  test.each([
    {
      what: 'an unencrypted bucket',
      apply: () => breakResource('audit', 'AWS::S3::Bucket', (p) => { delete p.BucketEncryption; }),
      controls: [['gdpr', 'Art. 32(1)(a)'], ['iso_27001', 'A.8.24']],
    },
    {
      what: 'a public cluster endpoint',
      apply: () => breakResource('cluster', 'AWS::EKS::Cluster', (p) => {
        p.ResourcesVpcConfig = { ...(p.ResourcesVpcConfig as object), EndpointPublicAccess: true, PublicAccessCidrs: ['0.0.0.0/0'] };
      }),
      controls: [['gdpr', 'Art. 32(1)(b)'], ['iso_27001', 'A.8.20']],
    },
    {
      what: 'a log group kept 30 days',
      apply: () => breakResource('network', 'AWS::Logs::LogGroup', (p) => { p.RetentionInDays = 30; }),
      controls: [['iso_27001', 'A.8.15'], ['iso_27001', 'A.5.33']],
    },
  ])('$what fails the matching controls with evidence pointing at it', ({ apply, controls }) => {
    const { templates, constructPath } = apply();
    const report = evaluate(templates, manifests);
    expect(report.gate.passed).toBe(false);
    for (const [framework, id] of controls) {
      const c = control(report, framework!, id!);
      expect(c.status).toBe('fail');
      expect(c.evidence.filter((e) => e.status === 'fail').map((e) => e.resource)).toEqual([expect.stringContaining(constructPath)]);
      expect(c.fixes.length).toBeGreaterThan(0);
    }
  });

  test('a namespace without default deny fails the network controls, pointing at the namespace manifest', () => {
    const target = manifests.find((m) => m.object.kind === 'Namespace')!;
    const ns = target.object.metadata!.name!;
    const without = manifests.filter((m) => !(m.object.kind === 'NetworkPolicy' && m.object.metadata?.namespace === ns && /deny/.test(m.object.metadata?.name ?? '')));
    expect(without.length).toBeLessThan(manifests.length);
    const report = evaluate(synth.templates, without);
    expect(report.gate.passed).toBe(false);
    for (const [framework, id] of [['iso_27001', 'A.8.20'], ['iso_27001', 'A.8.22'], ['gdpr', 'Art. 5(1)(f)']] as const) {
      const c = control(report, framework, id);
      expect(c.status).toBe('fail');
      expect(c.evidence.find((e) => e.status === 'fail')!.resource).toContain(target.path);
    }
  });
});

describe('the compliance-check command', () => {
  test('reads an existing cdk.out, prints a table per framework, writes the JSON and HTML reports, and exits 0', () => {
    const out = options({ cdkOut: synth.outdir });
    const { code, stdout } = capture(() => runComplianceCheckCommand(path.join(EXAMPLES, 'starter'), out));
    expect(code).toBe(0);
    expect(stdout).toMatch(/General Data Protection Regulation \(gdpr\) \[critical\]: score 100\.0%/);
    expect(stdout).toMatch(/^ {2}CONTROL +STATUS +EVIDENCE +FIX$/m);
    const json = JSON.parse(fs.readFileSync(path.join(out.out, REPORT_FILES.json), 'utf8')) as ComplianceReport;
    expect(json.frameworks.map((f) => f.id)).toEqual([...model.frameworks]);
    expect(json.validation.reports.map((r) => r.plugin)).toContain('Compliance synth rules');
    const html = fs.readFileSync(path.join(out.out, REPORT_FILES.html), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/https?:\/\/|<(script|link|img)\b|url\(/i);
  });

  test('exits 1 when the definition keeps logs 30 days, with the log groups as evidence', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starter-30d-'));
    fs.cpSync(path.join(EXAMPLES, 'starter'), dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'workspace.yml'), '\nmonitoring:\n  log_retention: 30 days\n');
    const out = options({ framework: 'iso_27001', format: 'json' });
    const { code, stdout } = capture(() => runComplianceCheckCommand(dir, out));
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ComplianceReport;
    const logging = control(report, 'iso_27001', 'A.8.15');
    expect(logging.status).toBe('fail');
    expect(logging.evidence.filter((e) => e.status === 'fail').map((e) => e.resource)).toEqual(expect.arrayContaining([expect.stringMatching(/starter-dev-eu-west-1-network\/.*FlowLogs/)]));
    expect(report.validation.errors.map((e) => e.ruleName)).toContain('cloudwatch_log_group_retention_period_check');
    // The cloud assembly it synthesized was temporary and is gone.
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('oaas-compliance-'))).toEqual([]);
  });

  test.each([
    [{ framework: 'pci' }, /--framework: expected "all" or one of/],
    [{ env: 'nowhere' }, /expected --env to name an environment, got "nowhere"/],
    [{ cdkOut: os.tmpdir() }, /--cdk-out: expected a cloud assembly/],
  ])('exits 2 on invalid input %j', (overrides, message) => {
    const errors: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      expect(runComplianceCheckCommand(path.join(EXAMPLES, 'starter'), options(overrides))).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('')).toMatch(message);
  });

  test('registers as a commander command with its options', () => {
    const program = new Command('oaas');
    registerComplianceCheck(program);
    const command = program.commands.find((c) => c.name() === 'compliance-check')!;
    expect(command.options.map((o) => o.long)).toEqual(['--framework', '--env', '--cdk-out', '--manifests', '--out', '--format']);
  });
});
