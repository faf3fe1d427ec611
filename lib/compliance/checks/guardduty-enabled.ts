import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import type { LocatedResource } from '../private/cfn';
import { asArray, cfnRef, get, inRegion, isTrue, workloadRegions } from '../private/cfn';
import type { ComplianceRequirements } from '../requirements';

const FIX = 'Use the ThreatDetection construct in each workload region, with the protection plans `security.guardduty` asks for.';

function featureOn(detector: LocatedResource, name: string): boolean {
  return asArray(detector.props.Features).some((f) => get(f, 'Name') === name && get(f, 'Status') === 'ENABLED');
}

function additionalOn(detector: LocatedResource, feature: string, name: string): boolean {
  const f = asArray(detector.props.Features).find((x) => get(x, 'Name') === feature);
  return asArray(get(f, 'AdditionalConfiguration')).some((a) => get(a, 'Name') === name && get(a, 'Status') === 'ENABLED');
}

function problemsOf(d: LocatedResource, req: ComplianceRequirements): string[] {
  const problems: string[] = [];
  const legacy = (path: string[]) => isTrue(get(d.props, 'DataSources', ...path));
  if (!isTrue(d.props.Enable)) problems.push('detector disabled');
  if (!featureOn(d, 'EKS_AUDIT_LOGS') && !legacy(['Kubernetes', 'AuditLogs', 'Enable'])) problems.push('EKS audit log monitoring off');
  if (req.guardDuty.s3Protection && !featureOn(d, 'S3_DATA_EVENTS') && !legacy(['S3Logs', 'Enable'])) problems.push('S3 protection off');
  if (req.guardDuty.malwareProtection && !featureOn(d, 'EBS_MALWARE_PROTECTION') && !legacy(['MalwareProtection', 'ScanEc2InstanceWithFindings', 'EbsVolumes'])) {
    problems.push('malware protection off');
  }
  if (req.guardDuty.eksRuntimeMonitoring) {
    const runtime = (featureOn(d, 'RUNTIME_MONITORING') && additionalOn(d, 'RUNTIME_MONITORING', 'EKS_ADDON_MANAGEMENT'))
      || (featureOn(d, 'EKS_RUNTIME_MONITORING') && additionalOn(d, 'EKS_RUNTIME_MONITORING', 'EKS_ADDON_MANAGEMENT'));
    if (!runtime) problems.push('EKS runtime monitoring (with agent management) off');
  }
  return problems;
}

/** GuardDuty runs in every workload region with the protection plans the definition selects. */
export const guarddutyEnabled: CheckDefinition = {
  id: 'guardduty-enabled',
  title: 'GuardDuty detects threats in every workload region',
  description: 'Each account and region that runs workloads has an enabled GuardDuty detector with EKS audit-log monitoring and, as `security.guardduty` selects, EKS runtime monitoring with managed agents, S3 protection and EBS malware protection.',
  synthRules: ['oaas-guardduty-s3-protection', 'oaas-guardduty-eks-protection', 'oaas-guardduty-runtime-monitoring', 'oaas-guardduty-malware-protection'],
  run: (evidence, req) => {
    const findings: Finding[] = [];
    for (const w of workloadRegions(evidence)) {
      const detectors = inRegion(evidence, w.account, w.region, 'AWS::GuardDuty::Detector');
      if (detectors.length === 0) findings.push(fail(scope(`account ${w.account} ${w.region} (stacks ${w.stacks.join(', ')})`), 'runs workloads but has no GuardDuty detector', FIX));
      for (const d of detectors) {
        const problems = problemsOf(d, req);
        findings.push(problems.length === 0 ? pass(cfnRef(d), 'enabled with the required protection plans') : fail(cfnRef(d), problems.join('; '), FIX));
      }
    }
    return findings;
  },
};
