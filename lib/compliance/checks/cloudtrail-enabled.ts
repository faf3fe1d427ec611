import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import { cfnRef, isTrue, resourcesOfType, workloadRegions } from '../private/cfn';

const FIX = 'Use the AuditTrail construct: multi-region, log file validation on, SSE-KMS with the logs key, logging on.';

/** Every account that runs workloads is covered by a multi-region, validated, KMS-encrypted trail (CT.CLOUDTRAIL.PR.1, PR.2). */
export const cloudtrailEnabled: CheckDefinition = {
  id: 'cloudtrail-enabled',
  title: 'CloudTrail records every region, validated and encrypted',
  description: 'Each account that runs workloads is covered by a CloudTrail trail that is multi-region, logging, with log file integrity validation and SSE-KMS encryption; every trail synthesized meets these properties.',
  synthRules: ['oaas-cloudtrail-encryption', 'CT.CLOUDTRAIL.PR.2', 'oaas-cloudtrail-multi-region'],
  run: (evidence) => {
    const trails = resourcesOfType(evidence, 'AWS::CloudTrail::Trail');
    const findings: Finding[] = trails.map((t) => {
      const problems: string[] = [];
      if (!isTrue(t.props.IsMultiRegionTrail)) problems.push('not multi-region');
      if (!isTrue(t.props.EnableLogFileValidation)) problems.push('log file validation off');
      if (t.props.KMSKeyId === undefined) problems.push('not encrypted with KMS');
      if (t.props.IsLogging !== undefined && !isTrue(t.props.IsLogging)) problems.push('logging stopped');
      return problems.length === 0 ? pass(cfnRef(t), 'multi-region, validated, KMS-encrypted, logging') : fail(cfnRef(t), problems.join('; '), FIX);
    });
    const good = trails.filter((_, i) => findings[i]!.status === 'pass');
    const orgTrail = good.some((t) => isTrue(t.props.IsOrganizationTrail));
    const accounts = [...new Set(workloadRegions(evidence).map((w) => w.account))];
    for (const account of accounts) {
      if (orgTrail || good.some((t) => (t.template.account ?? 'unknown-account') === account)) continue;
      findings.push(fail(scope(`account ${account}`), 'runs workloads but no compliant trail covers it', FIX));
    }
    return findings;
  },
};
