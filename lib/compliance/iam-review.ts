/**
 * The IAM review of `security-scan`, beyond the checks: statements that allow
 * changes on every resource (`Resource: "*"` with actions that are not
 * read-only). Some are legitimate (CloudWatch Logs, X-Ray and KMS key policies
 * name no resource), so they are warnings for a reviewer, not failures; the
 * failures are the checks iam-no-admin-wildcard and iam-cross-tenant-access.
 */
import type { Finding } from './check';
import type { SynthesizedEvidence } from './evidence';
import { asArray, cfnRef, get, resourcesOfType, statementsOf, stringsOf } from './private/cfn';

const READ_ONLY = /^[a-z0-9-]+:(Get|List|Describe|BatchGet|Head|Search|Query|Lookup|Select|Scan|View)[A-Za-z]*$/;

/** Statements that allow non-read actions on `Resource: "*"`, one warning-level finding per policy. */
export function wildcardResourceFindings(evidence: SynthesizedEvidence): Finding[] {
  const out: Finding[] = [];
  for (const r of resourcesOfType(evidence, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role')) {
    const documents = r.resource.Type === 'AWS::IAM::Role' ? asArray(r.props.Policies).map((p) => get(p, 'PolicyDocument')) : [r.props.PolicyDocument];
    const actions = documents.flatMap(statementsOf)
      .filter((s) => s.Effect === 'Allow' && stringsOf(s.Resource).includes('*'))
      .flatMap((s) => stringsOf(s.Action).filter((a) => !READ_ONLY.test(a)));
    if (actions.length > 0) {
      out.push({
        status: 'fail',
        resource: cfnRef(r),
        message: `allows ${[...new Set(actions)].slice(0, 8).join(', ')}${actions.length > 8 ? ', …' : ''} on every resource`,
        fix: 'Scope the statement to the resources it acts on, or acknowledge why the service needs "*".',
      });
    }
  }
  return out;
}
