/** Retention: audit records kept at least as long as the tenants' data they describe. */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import { formatDuration } from '../units';
import type { CheckContext } from './report';

export function checkRetention(files: WorkspaceFiles, { report }: CheckContext): void {
  const governance = files.governance;
  if (!governance || !files.context) return;
  const retention = files.context.data.defaults.tenant.security_policies.data_retention;
  const audit = governance.data.audit.retention;
  if (audit < retention) {
    report(governance.source, ['audit', 'retention'], CODES.inconsistent, `expected audit retention at least the tenants' data retention (${formatDuration(retention)}), got ${formatDuration(audit)}`,
      'Keep audit records at least as long as the data they describe.', { severity: 'warning' });
  }
}
