/**
 * `security-scan` without the command line: cdk-nag packs (AwsSolutions,
 * HIPAA Security, NIST 800-53 rev 5, and PCI DSS 3.2.1 when the definition
 * selects the pci-dss Security Hub standard) over the construct tree of an
 * in-process synth (which also runs the compliance synth rules); then the Kubernetes pod
 * security and network checks and the IAM review (wildcards, cross-tenant
 * access). One report; the gate fails on any unacknowledged error.
 */
import type { App } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { WorkspaceModel } from '../definition/model';
import type { CheckDefinition, Finding } from './check';
import { describeResource, runCheck } from './check';
import { iamCrossTenantAccess } from './checks/iam-cross-tenant-access';
import { iamNoAdminWildcard } from './checks/iam-no-admin-wildcard';
import { k8sNamespaceDefaultDeny } from './checks/k8s-namespace-default-deny';
import { k8sNamespacePodSecurity } from './checks/k8s-namespace-pod-security';
import { k8sRbacSecretsAccess } from './checks/k8s-rbac-secrets-access';
import { k8sRbacTenantGroups } from './checks/k8s-rbac-tenant-groups';
import { k8sWorkloadRestricted } from './checks/k8s-workload-restricted';
import type { ManifestEvidence } from './evidence';
import type { PluginReportSummary, ReportViolation, ValidationGateResult } from './gate';
import { evaluateValidationReports, parseValidationReport } from './gate';
import { wildcardResourceFindings } from './iam-review';
import { renderedManifestEvidence } from './manifests';
import { requirementsFor } from './requirements';
import { synthesizeWorkspace } from './synthesize';

export const KUBERNETES_SCAN_CHECKS: readonly CheckDefinition[] = [k8sNamespacePodSecurity, k8sWorkloadRestricted, k8sNamespaceDefaultDeny, k8sRbacSecretsAccess, k8sRbacTenantGroups];
export const IAM_SCAN_CHECKS: readonly CheckDefinition[] = [iamNoAdminWildcard, iamCrossTenantAccess];

export interface ScanFinding {
  readonly severity: 'error' | 'warning';
  /** cdk-nag pack, validation plugin, check id or review. */
  readonly source: string;
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
  readonly fix?: string;
}

export interface ScanSection {
  readonly name: string;
  readonly description: string;
  readonly findings: readonly ScanFinding[];
  /** Resources or rules that passed, for the record. */
  readonly passed: number;
}

export interface Acknowledgement {
  readonly constructPath: string;
  readonly id: string;
  readonly reason: string;
}

export interface SecurityScanReport {
  readonly generatedAt: string;
  readonly workspace: string;
  readonly environment?: string;
  readonly packs: readonly string[];
  readonly sections: readonly ScanSection[];
  readonly validation: ValidationGateResult;
  /** Every acknowledgement recorded on the construct tree (cdk-nag drops acknowledged findings before reporting). */
  readonly acknowledgements: readonly Acknowledgement[];
  readonly gate: { readonly passed: boolean; readonly reasons: readonly string[] };
}

export interface SecurityScanOptions {
  readonly environment?: string;
  readonly manifests?: readonly ManifestEvidence[];
  readonly beforeSynth?: (app: App) => void;
  readonly workspaceLabel?: string;
  readonly now?: Date;
}

/** Acknowledgements recorded with `Validations.of(scope).acknowledge()`, by construct path. */
export function collectAcknowledgements(root: IConstruct): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  const visit = (node: IConstruct): void => {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        out.push({ constructPath: node.node.path, id: id.replace(/^annotation::/i, ''), reason: typeof reason === 'string' ? reason : JSON.stringify(reason) });
      }
    }
    for (const child of node.node.children) visit(child);
  };
  visit(root);
  return out.sort((a, b) => (a.constructPath < b.constructPath ? -1 : a.constructPath > b.constructPath ? 1 : a.id < b.id ? -1 : 1));
}

function fromViolation(v: ReportViolation): ScanFinding {
  return {
    severity: v.severity === 'error' ? 'error' : 'warning',
    source: v.plugin,
    rule: v.ruleName,
    resource: v.resources.map((r) => r.constructPath ?? [r.templatePath, r.logicalId].filter(Boolean).join('/')).join(', ') || '(no resource)',
    message: v.description.split('\n')[0]!,
    ...(v.fix ? { fix: v.fix } : {}),
  };
}

function fromFinding(source: string, f: Finding, severity: 'error' | 'warning' = 'error'): ScanFinding {
  return { severity, source, rule: source, resource: describeResource(f.resource), message: f.message, ...(f.fix ? { fix: f.fix } : {}) };
}

export function runSecurityScan(model: WorkspaceModel, options: SecurityScanOptions = {}): SecurityScanReport {
  const pci = model.security.security_hub.standards.includes('pci-dss');
  const requirements = requirementsFor(model, { ...(options.environment ? { environment: options.environment } : {}) });
  const synth = synthesizeWorkspace(model, {
    ...(options.environment ? { environment: options.environment } : {}),
    rules: requirements,
    ...(options.beforeSynth ? { beforeSynth: options.beforeSynth } : {}),
  });
  // Everything below reads the templates and the construct tree in memory, never the assembly's files.
  synth.dispose();
  // The packs run on the synthesized construct tree here rather than as synth plugins, so their reports
  // are ours to read whole: a pack that throws is a failure, never an absent report.
  const nagPacks = [new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(), ...(pci ? [new PCIDSS321Checks()] : [])];
  const packs = nagPacks.map((p) => p.readPackName);
  const nagReports = nagPacks.map((pack): PluginReportSummary => {
    try {
      const result = pack.validateScope(synth.app);
      return parseValidationReport({ pluginReports: [{ pluginName: pack.readPackName, conclusion: result.success ? 'success' : 'failure', violations: result.violations }] })[0]!;
    } catch (error) {
      return { plugin: pack.readPackName, conclusion: 'failure', error: error instanceof Error ? error.message : String(error), violations: [], acknowledged: [] };
    }
  });
  const manifests = options.manifests ?? renderedManifestEvidence(model, { ...(options.environment ? { environment: options.environment } : {}) });
  const evidence = { templates: synth.templates, manifests };
  const validation = evaluateValidationReports([...nagReports, ...synth.reports]);
  const checkSection = (name: string, description: string, checks: readonly CheckDefinition[]): ScanSection => {
    const results = checks.map((c) => runCheck(c, evidence, requirements));
    return {
      name,
      description,
      findings: results.flatMap((r) => r.findings.filter((f) => f.status === 'fail').map((f) => fromFinding(r.checkId, f))),
      passed: results.reduce((n, r) => n + r.findings.filter((f) => f.status === 'pass').length, 0),
    };
  };
  const byPlugin = (names: readonly string[]) => [...validation.errors, ...validation.warnings].filter((v) => names.includes(v.plugin)).map(fromViolation);
  const iam = checkSection('IAM review', 'Wildcard actions and administrator policies outside admin roles, cross-tenant access; wildcard resources with write actions as warnings.', IAM_SCAN_CHECKS);
  const wildcard = wildcardResourceFindings(evidence).map((f) => fromFinding('iam-wildcard-resource', f, 'warning'));
  const sections: ScanSection[] = [
    { name: 'cdk-nag', description: `Rule packs: ${packs.join(', ')}.`, findings: byPlugin(packs), passed: 0 },
    { name: 'CloudFormation validation', description: 'The CDK\'s built-in rules and the compliance synth rules.', findings: byPlugin(synth.reports.map((r) => r.plugin)), passed: 0 },
    checkSection('Kubernetes', 'Restricted pod security of namespaces and workloads, default-deny network policies, secrets access.', KUBERNETES_SCAN_CHECKS),
    { ...iam, findings: [...iam.findings, ...wildcard] },
  ];
  const reasons = [...validation.problems];
  for (const s of sections.slice(2)) {
    const errors = s.findings.filter((f) => f.severity === 'error').length;
    if (errors > 0) reasons.push(`${s.name}: ${errors} failing finding(s)`);
  }
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    workspace: options.workspaceLabel ?? model.source,
    ...(options.environment ? { environment: options.environment } : {}),
    packs,
    sections,
    validation,
    acknowledgements: collectAcknowledgements(synth.app),
    gate: { passed: reasons.length === 0, reasons },
  };
}
