/**
 * Who approves: the stages of every approval workflow (unique, approvers and
 * escalations that are roles, an allowed bypass with approvers) and the
 * change management approval matrix.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { CheckContext } from './report';
import { unique } from './report';
import { roleReference } from './role-reference';

export function checkApprovals(files: WorkspaceFiles, context: CheckContext): void {
  const { report } = context;
  const governance = files.governance;
  if (!governance) return;
  const { source, data } = governance;
  const role = roleReference(source, Object.keys(data.roles), context);
  for (const [name, wf] of Object.entries(data.approval_workflows)) {
    unique(wf.stages, (s) => s.stage, (_s, i) => [source, ['approval_workflows', name, 'stages', i, 'stage']], 'stage', report);
    wf.stages.forEach((stage, i) => {
      stage.approvers.forEach((a, j) => role(a, ['approval_workflows', name, 'stages', i, 'approvers', j], 'an approver'));
      if (stage.escalate_to !== undefined) role(stage.escalate_to, ['approval_workflows', name, 'stages', i, 'escalate_to'], 'escalate_to');
    });
    wf.emergency_bypass.approvers.forEach((a, j) => role(a, ['approval_workflows', name, 'emergency_bypass', 'approvers', j], 'an approver'));
    if (wf.emergency_bypass.allowed && wf.emergency_bypass.approvers.length === 0) {
      report(source, ['approval_workflows', name, 'emergency_bypass'], CODES.missingKey, 'expected approvers for an allowed emergency bypass, got none', 'List the roles that may approve a bypass.');
    }
  }
  for (const level of ['low_risk', 'medium_risk', 'high_risk'] as const) {
    data.change_management.approval_matrix[level].forEach((a, j) => role(a, ['change_management', 'approval_matrix', level, j], 'an approver'));
  }
}
