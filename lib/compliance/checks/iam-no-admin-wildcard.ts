import type { CheckDefinition, Finding } from '../check';
import { fail, pass } from '../check';
import type { LocatedResource } from '../private/cfn';
import { allowsAllActions, asArray, cfnRef, get, resourcesOfType, statementsOf, stringsOf } from '../private/cfn';

const ADMIN_POLICIES = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;
const FIX = 'Grant the actions the principal needs on the resources it needs (least privilege); only the permission sets of roles holding the `system_admin` permission may carry administrator access.';

function documentsOf(r: LocatedResource): unknown[] {
  switch (r.resource.Type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return [r.props.PolicyDocument];
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      return asArray(r.props.Policies).map((p) => get(p, 'PolicyDocument'));
    case 'AWS::SSO::PermissionSet':
      return [r.props.InlinePolicy];
    default:
      return [];
  }
}

function managedArns(r: LocatedResource): string[] {
  return stringsOf(r.resource.Type === 'AWS::SSO::PermissionSet' ? r.props.ManagedPolicies : r.props.ManagedPolicyArns);
}

/** No IAM policy, role or permission set grants every action, and none attaches an administrator policy, except admin permission sets. */
export const iamNoAdminWildcard: CheckDefinition = {
  id: 'iam-no-admin-wildcard',
  title: 'No wildcard or administrator access outside admin roles',
  description: 'No IAM policy, role, user, group or IAM Identity Center permission set allows `Action: "*"` or attaches AdministratorAccess, PowerUserAccess or IAMFullAccess, except the permission sets of governance roles holding the `system_admin` permission.',
  synthRules: ['oaas-iam-no-wildcard-action'],
  run: (evidence, req) => resourcesOfType(evidence, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::SSO::PermissionSet')
    .flatMap((r): Finding[] => {
      const wildcard = documentsOf(r).flatMap(statementsOf).filter(allowsAllActions);
      const admin = managedArns(r).filter((a) => ADMIN_POLICIES.test(a));
      if (wildcard.length === 0 && admin.length === 0) {
        return documentsOf(r).length > 0 || managedArns(r).length > 0 ? [pass(cfnRef(r), 'no wildcard action or administrator policy')] : [];
      }
      const name = typeof r.props.Name === 'string' ? r.props.Name : undefined;
      if (r.resource.Type === 'AWS::SSO::PermissionSet' && name && req.adminPermissionSets.includes(name)) {
        return [pass(cfnRef(r), `administrator access on permission set ${name}, of a role holding system_admin`)];
      }
      const what = [
        ...wildcard.map((s) => `statement ${s.Sid ?? '(no Sid)'} allows Action "*"${stringsOf(s.Resource).includes('*') ? ' on Resource "*"' : ''}`),
        ...admin.map((a) => `attaches ${a.split('/').pop()}`),
      ];
      return [fail(cfnRef(r), what.join('; '), FIX)];
    }),
};
