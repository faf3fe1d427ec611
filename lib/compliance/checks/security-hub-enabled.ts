import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import { cfnRef, flatten, inRegion, workloadRegions } from '../private/cfn';

const FIX = 'Use the SecurityHub construct in each workload region with the standards of `security.security_hub.standards`.';

/** Security Hub runs in every workload region with the standards the definition selects. */
export const securityHubEnabled: CheckDefinition = {
  id: 'security-hub-enabled',
  title: 'Security Hub evaluates the selected standards',
  description: 'Each account and region that runs workloads has Security Hub enabled, subscribed to every standard listed in `security.security_hub.standards`.',
  run: (evidence, req) => {
    const findings: Finding[] = [];
    for (const w of workloadRegions(evidence)) {
      const where = `account ${w.account} ${w.region}`;
      const hubs = inRegion(evidence, w.account, w.region, 'AWS::SecurityHub::Hub');
      if (hubs.length === 0) {
        findings.push(fail(scope(`${where} (stacks ${w.stacks.join(', ')})`), 'runs workloads but has no Security Hub', FIX));
        continue;
      }
      const arns = inRegion(evidence, w.account, w.region, 'AWS::SecurityHub::Standard').map((s) => flatten(s.props.StandardsArn));
      const missing = req.securityHubStandards.filter((path) => !arns.some((arn) => arn.includes(`standards/${path}`)));
      if (arns.length === 0) findings.push(fail(cfnRef(hubs[0]!), 'Security Hub has no standard enabled', FIX));
      else if (missing.length > 0) findings.push(fail(cfnRef(hubs[0]!), `standards not enabled: ${missing.join(', ')}`, FIX));
      else findings.push(pass(cfnRef(hubs[0]!), `${arns.length} standard(s) enabled${req.securityHubStandards.length ? `: ${req.securityHubStandards.join(', ')}` : ''}`));
    }
    return findings;
  },
};
