/** The findings of `oaas discover` as a readable table or as JSON. */
import type { Finding, FindingCounts, FindingKind } from './compare';
import { countFindings } from './compare';
import type { OrganizationSnapshot } from './snapshot';

export interface DiscoverReport {
  /** The workspace folder, as shown to the user. */
  readonly workspace: string;
  readonly organization: {
    readonly id: string;
    readonly managementAccountId: string;
    readonly roots: number;
    readonly organizationalUnits: number;
    readonly accounts: number;
  };
  readonly findings: readonly Finding[];
  readonly summary: FindingCounts;
}

export function buildReport(workspace: string, snapshot: OrganizationSnapshot, findings: readonly Finding[]): DiscoverReport {
  return {
    workspace,
    organization: {
      id: snapshot.organization.id,
      managementAccountId: snapshot.organization.managementAccountId,
      roots: snapshot.roots.length,
      organizationalUnits: snapshot.organizationalUnits.length,
      accounts: snapshot.accounts.length,
    },
    findings,
    summary: countFindings(findings),
  };
}

const LABEL: Record<FindingKind, string> = {
  matched: 'ok',
  missing: 'MISSING',
  suspended: 'SUSPENDED',
  'wrong-ou': 'WRONG OU',
  'management-mismatch': 'MANAGEMENT',
  unreferenced: 'unreferenced',
};

const PLURAL: Record<Exclude<FindingKind, 'matched' | 'unreferenced'>, string> = {
  missing: 'missing',
  suspended: 'suspended',
  'wrong-ou': 'in the wrong OU',
  'management-mismatch': 'management account mismatch',
};

function scope(f: Finding): string {
  if (f.environment !== undefined) return f.environment;
  return f.kind === 'unreferenced' ? '-' : '(management)';
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

export function formatText(report: DiscoverReport): string {
  const { organization: org, summary } = report;
  const header = `${report.workspace} vs organization ${org.id} (management account ${org.managementAccountId}; ${org.organizationalUnits} OU(s), ${org.accounts} account(s))`;
  const rows = [
    ['RESULT', 'ENVIRONMENT', 'ACCOUNT', 'NAME', 'DETAIL'],
    ...report.findings.map((f) => [LABEL[f.kind], scope(f), f.account, f.accountName ?? '-', f.message]),
  ];
  const problems = (Object.keys(PLURAL) as Array<keyof typeof PLURAL>)
    .filter((kind) => summary[kind] > 0)
    .map((kind) => `${summary[kind]} ${PLURAL[kind]}`);
  const unreferenced = `${summary.unreferenced} unreferenced account(s) (informational)`;
  const verdict = summary.discrepancies === 0
    ? `All accounts of the definition match the organization; ${unreferenced}.`
    : `${summary.discrepancies} discrepancy(ies): ${problems.join(', ')}; ${unreferenced}.`;
  return [header, '', ...table(rows).map((line) => `  ${line}`), '', verdict].join('\n');
}

export function formatJson(report: DiscoverReport, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...report, ...extra }, null, 2);
}
