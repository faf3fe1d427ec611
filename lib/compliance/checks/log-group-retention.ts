import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import type { LocatedResource } from '../private/cfn';
import { cfnRef, flatten, inTemplate, refTarget, resourcesOfType } from '../private/cfn';

/** Log groups of audit records: CloudTrail's, EKS control-plane logs (they include the Kubernetes audit log), and names that say audit. */
export function isAuditLogGroup(r: LocatedResource): boolean {
  const name = flatten(r.props.LogGroupName);
  const trailTarget = inTemplate(r.template, 'AWS::CloudTrail::Trail').some((t) => refTarget(t.props.CloudWatchLogsLogGroupArn) === r.logicalId);
  return trailTarget || /audit|cloudtrail/i.test(name) || /^\/aws\/eks\/.+\/cluster$/.test(name);
}

/** Log groups keep audit logs for the audit retention and other logs at least a year (CT.CLOUDWATCH.PR.2). */
export const logGroupRetention: CheckDefinition = {
  id: 'log-group-retention',
  title: 'Log groups keep logs long enough',
  description: 'Audit log groups (CloudTrail, EKS control plane) keep events at least the governance audit retention; every other log group keeps them at least one year. A log group without a retention never expires.',
  synthRules: ['CT.CLOUDWATCH.PR.2', 'oaas-audit-log-group-retention'],
  run: (evidence, req) => resourcesOfType(evidence, 'AWS::Logs::LogGroup').map((r) => {
    const audit = isAuditLogGroup(r);
    const required = audit ? req.auditRetentionDays : req.logRetentionDays;
    const kind = audit ? 'audit log group' : 'log group';
    const days = r.props.RetentionInDays;
    if (days === undefined) return pass(cfnRef(r), `${kind}: never expires`);
    const n = Number(days);
    return n >= required
      ? pass(cfnRef(r), `${kind}: ${n} days (at least ${required})`)
      : fail(cfnRef(r), `${kind} keeps events ${n} days, less than the required ${required} days`,
        audit ? `Set the retention to at least governance \`audit.retention\` (${required} days).` : `Set \`retention\` to at least one year (logs.RetentionDays.ONE_YEAR); raise \`monitoring.log_retention\` if it is shorter.`);
  }),
};
