import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import { asArray, cfnRef, flatten, get, inRegion, inTemplate, refTarget, workloadRegions } from '../private/cfn';
import { maxIntervalSeconds } from '../private/schedule';

const FIX = 'Use the RegionalBackup construct: a schedule at least as frequent as `disaster_recovery.rpo`, a copy to the region\'s `dr_region` vault, and a selection of the resources to protect.';

function hours(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}min`;
}

/** Every workload region backs up at least as often as the RPO and copies backups to its DR region. */
export const backupPlanRpo: CheckDefinition = {
  id: 'backup-plan-rpo',
  title: 'Backups meet the RPO and leave the region',
  description: 'Each account and region that runs workloads has an AWS Backup plan with a selection, whose most frequent rule runs at least as often as the environment\'s recovery point objective and, when the region has a `dr_region`, copies recovery points to a vault in that region.',
  run: (evidence, req) => {
    const findings: Finding[] = [];
    for (const w of workloadRegions(evidence)) {
      const env = req.environments.find((e) => e.account === w.account);
      const plans = inRegion(evidence, w.account, w.region, 'AWS::Backup::BackupPlan');
      if (plans.length === 0) {
        findings.push(fail(scope(`account ${w.account} ${w.region} (stacks ${w.stacks.join(', ')})`), 'runs workloads but has no backup plan', FIX));
        continue;
      }
      const drRegion = env?.regions.find((r) => r.region === w.region)?.drRegion;
      for (const plan of plans) {
        const problems: string[] = [];
        const rules = asArray(get(plan.props, 'BackupPlan', 'BackupPlanRule'));
        const intervals = rules.map((r) => maxIntervalSeconds(get(r, 'ScheduleExpression') === undefined ? 'cron(0 5 ? * * *)' : flatten(get(r, 'ScheduleExpression'))));
        const known = intervals.filter((i): i is number => i !== undefined);
        const best = known.length > 0 ? Math.min(...known) : undefined;
        if (!env) problems.push(`no environment of the definition deploys to account ${w.account}, so the RPO is unknown`);
        else if (best === undefined) problems.push('no rule has a schedule whose frequency can be determined');
        else if (best > env.rpoSeconds) problems.push(`backups run every ${hours(best)}, less often than the ${hours(env.rpoSeconds)} RPO`);
        if (drRegion) {
          const copies = rules.flatMap((r) => asArray(get(r, 'CopyActions')).map((c) => flatten(get(c, 'DestinationBackupVaultArn'))));
          if (!copies.some((arn) => arn.includes(`:${drRegion}:`))) problems.push(`no copy to a vault in the DR region ${drRegion}`);
        }
        const selected = inTemplate(plan.template, 'AWS::Backup::BackupSelection').some((s) => refTarget(s.props.BackupPlanId) === plan.logicalId);
        if (!selected) problems.push('no backup selection, so the plan protects nothing');
        findings.push(problems.length === 0
          ? pass(cfnRef(plan), `every ${hours(best!)} (RPO ${hours(env!.rpoSeconds)})${drRegion ? `, copied to ${drRegion}` : ''}`)
          : fail(cfnRef(plan), problems.join('; '), FIX));
      }
    }
    return findings;
  },
};
