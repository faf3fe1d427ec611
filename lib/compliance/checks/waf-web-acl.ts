import type { CheckDefinition, Finding } from '../check';
import { fail, pass, scope } from '../check';
import type { LocatedResource } from '../private/cfn';
import { asArray, cfnRef, flatten, get, inRegion, inTemplate, refTarget, workloadRegions } from '../private/cfn';
import type { ComplianceRequirements } from '../requirements';

const FIX = 'Use the RegionalWebAcl construct: the managed rule groups of `security.waf.managed_rule_groups`, a rate-based rule at `security.waf.rate_limit`, and logging to an encrypted log group.';

function problemsOf(acl: LocatedResource, req: ComplianceRequirements): string[] {
  const problems: string[] = [];
  const rules = asArray(acl.props.Rules);
  const managed = rules.map((r) => ({ rule: r, group: get(r, 'Statement', 'ManagedRuleGroupStatement') })).filter((x) => x.group !== undefined);
  if (managed.length === 0) problems.push('no managed rule group');
  for (const name of req.waf.managedRuleGroups) {
    const found = managed.find((m) => get(m.group, 'Name') === name);
    if (!found) problems.push(`managed rule group ${name} missing`);
    else if (get(found.rule, 'OverrideAction', 'Count') !== undefined) problems.push(`managed rule group ${name} only counts`);
  }
  const rate = rules.map((r) => ({ rule: r, limit: get(r, 'Statement', 'RateBasedStatement', 'Limit') })).filter((x) => x.limit !== undefined);
  if (rate.length === 0) problems.push('no rate-based rule');
  else if (!rate.some((x) => Number(x.limit) <= req.waf.rateLimit && get(x.rule, 'Action', 'Block') !== undefined)) {
    problems.push(`no blocking rate-based rule at or below ${req.waf.rateLimit} requests per 5 minutes`);
  }
  const logged = inTemplate(acl.template, 'AWS::WAFv2::LoggingConfiguration').some((l) => refTarget(l.props.ResourceArn) === acl.logicalId
    || (typeof acl.props.Name === 'string' && flatten(l.props.ResourceArn).includes(acl.props.Name)));
  if (!logged) problems.push('no logging configuration');
  return problems;
}

/** Every workload region has a logged regional web ACL with managed rules and a rate limit. */
export const wafWebAcl: CheckDefinition = {
  id: 'waf-web-acl',
  title: 'A logged WAF web ACL protects ingress',
  description: 'Each account and region that runs workloads has a regional WAFv2 web ACL with the selected AWS managed rule groups (blocking, not counting), a blocking rate-based rule at the configured limit, and a logging configuration.',
  synthRules: ['CT.WAFV2.PR.1', 'oaas-waf-web-acl'],
  run: (evidence, req) => {
    const findings: Finding[] = [];
    for (const w of workloadRegions(evidence)) {
      const acls = inRegion(evidence, w.account, w.region, 'AWS::WAFv2::WebACL').filter((a) => a.props.Scope !== 'CLOUDFRONT');
      if (acls.length === 0) findings.push(fail(scope(`account ${w.account} ${w.region} (stacks ${w.stacks.join(', ')})`), 'runs workloads but has no regional web ACL', FIX));
      for (const acl of acls) {
        const problems = problemsOf(acl, req);
        findings.push(problems.length === 0 ? pass(cfnRef(acl), 'managed rules, rate limit and logging in place') : fail(cfnRef(acl), problems.join('; '), FIX));
      }
    }
    return findings;
  },
};
