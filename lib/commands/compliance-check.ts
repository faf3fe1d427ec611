/**
 * `oaas compliance-check` without its command line
 * (lib/cli/compliance-check.ts): synthesize the workspace (or read a cloud
 * assembly), render its manifests, run every check the selected frameworks
 * need, prove the synth rules work, judge the validation report, and
 * evaluate the catalogue. The command prints and writes what this returns.
 */
import type { App } from 'aws-cdk-lib';
import { loadCatalogue } from '../compliance/catalogue';
import type { Catalogue } from '../compliance/catalogue';
import { ALL_CHECKS } from '../compliance/checks';
import type { ComplianceReport } from '../compliance/evaluate';
import { evaluateCompliance } from '../compliance/evaluate';
import type { ManifestEvidence, TemplateEvidence } from '../compliance/evidence';
import type { PluginReportSummary } from '../compliance/gate';
import { evaluateValidationReports, validateTemplates, verifySynthRules } from '../compliance/gate';
import { renderedManifestEvidence } from '../compliance/manifests';
import { requirementsFor } from '../compliance/requirements';
import type { ComplianceRequirements } from '../compliance/requirements';
import type { WorkspaceModel } from '../definition/model';
import type { FrameworkId } from '../definition/model';
import { synthRules } from '../synth-validation';
import { readSynthesized, synthesizeWorkspace } from './synthesize';

export interface ComplianceCheckOptions {
  /** Frameworks to evaluate; `all` (the default) is every framework the governance enables. */
  readonly frameworks?: readonly FrameworkId[] | 'all';
  readonly environment?: string;
  /** Read this cloud assembly instead of synthesizing. */
  readonly cdkOut?: string;
  /** Manifests to evaluate. @default rendered in memory from the workspace */
  readonly manifests?: readonly ManifestEvidence[];
  /** @default the catalogue of policies/controls */
  readonly catalogue?: Catalogue;
  /** Hook before synth (tests break a property through it). */
  readonly beforeSynth?: (app: App) => void;
  /** Change the templates before they are checked (tests break a property through it). */
  readonly transformTemplates?: (templates: readonly TemplateEvidence[]) => readonly TemplateEvidence[];
  readonly workspaceLabel?: string;
  readonly now?: Date;
}

export interface ComplianceCheckResult {
  readonly report: ComplianceReport;
  readonly requirements: ComplianceRequirements;
  /** The `--cdk-out` cloud assembly the evidence came from; absent when the check synthesized into a temporary folder (removed afterwards). */
  readonly assembly?: string;
}

/** Stacks of one environment: their names start with `<org>-<env>-` (lib/conventions/naming.ts). */
function inEnvironment(model: WorkspaceModel, environment: string | undefined) {
  return (t: TemplateEvidence) => environment === undefined || t.stack.startsWith(`${model.organization.name}-${environment}-`);
}

export function runComplianceCheck(model: WorkspaceModel, options: ComplianceCheckOptions = {}): ComplianceCheckResult {
  const { catalogue, problems: catalogueProblems } = options.catalogue ? { catalogue: options.catalogue, problems: [] } : loadCatalogue();
  if (catalogueProblems.length > 0) {
    throw new Error(`the control catalogue is invalid:\n${catalogueProblems.map((p) => `  ${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}`).join('\n')}`);
  }
  const requirements = requirementsFor(model, { ...(options.environment ? { environment: options.environment } : {}) });
  const rules = synthRules(requirements);
  const governance = model.governance.compliance.frameworks;
  const ids = options.frameworks === undefined || options.frameworks === 'all' ? model.frameworks : options.frameworks;
  const frameworks = ids.map((id) => ({ id, critical: governance[id]?.critical ?? false }));

  let assembly: string | undefined;
  let dispose = () => {};
  let templates: readonly TemplateEvidence[];
  const reports: PluginReportSummary[] = [];
  const problems: string[] = [];
  const runRules = () => reports.push(validateTemplates(rules, templates.filter((t) => t.templateFile).map((t) => ({
    file: t.templateFile!, stack: t.stack, constructPaths: t.constructPaths, ...(t.account ? { account: t.account } : {}), ...(t.region ? { region: t.region } : {}),
  }))));
  try {
    if (options.cdkOut) {
      const read = readSynthesized(options.cdkOut);
      assembly = read.outdir;
      templates = read.templates.filter(inEnvironment(model, options.environment));
      reports.push(...read.reports);
      // Nothing in a cloud assembly shows that the compliance rules ran at synth: run them now.
      runRules();
    } else {
      const synth = synthesizeWorkspace(model, {
        ...(options.environment ? { environment: options.environment } : {}),
        rules: requirements,
        ...(options.beforeSynth ? { beforeSynth: options.beforeSynth } : {}),
      });
      dispose = synth.dispose;
      templates = synth.templates;
      reports.push(...synth.reports);
    }
    if (options.transformTemplates) templates = options.transformTemplates(templates);
    problems.push(...verifySynthRules(rules));
    const manifests = options.manifests ?? renderedManifestEvidence(model, { ...(options.environment ? { environment: options.environment } : {}) });
    const report = evaluateCompliance({
      catalogue,
      frameworks,
      checks: ALL_CHECKS,
      evidence: { templates, manifests },
      requirements,
      validation: evaluateValidationReports(reports, problems),
      threshold: model.governance.compliance.scoreThreshold,
      workspace: options.workspaceLabel ?? model.source,
      ...(options.environment ? { environment: options.environment } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    return { report, requirements, ...(assembly ? { assembly } : {}) };
  } finally {
    dispose();
  }
}
