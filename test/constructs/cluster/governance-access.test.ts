import { Duration, aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { GovernanceAccess } from '../../../constructs/cluster/governance-access';
import type { GovernanceRoleAccess } from '../../../constructs/cluster/governance-access';
import { nagFindings } from '../../helpers/nag';
import { ACCOUNT, clusterFixture } from './fixture';

const SSO = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com`;
const ADMIN: GovernanceRoleAccess = {
  id: 'EnterpriseAdministrator',
  roleName: 'oaas-prod-eu-west-1-gov_enterprise_administrator',
  description: 'Enterprise Administrator',
  trustedPrincipalArns: [`${SSO}/AWSReservedSSO_EnterpriseAdmin_*`, `${SSO}/*/AWSReservedSSO_EnterpriseAdmin_*`],
  accessPolicies: [eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', { accessScopeType: eks.AccessScopeType.CLUSTER })],
  kubernetesGroups: ['oaas:enterprise_administrator'],
};
const DEVELOPER: GovernanceRoleAccess = {
  id: 'AgentDeveloper',
  roleName: 'oaas-prod-eu-west-1-gov_agent_developer',
  description: 'Agent Developer',
  trustedPrincipalArns: [`${SSO}/AWSReservedSSO_AgentDeveloper_*`],
  kubernetesGroups: ['oaas:agent_developer'],
};

function build(roles: readonly GovernanceRoleAccess[], maxSessionDuration?: Duration) {
  const fixture = clusterFixture();
  const access = new GovernanceAccess(fixture.stack, 'Access', { cluster: fixture.cluster, roles, ...(maxSessionDuration ? { maxSessionDuration } : {}) });
  return { ...fixture, access, template: Template.fromStack(fixture.stack) };
}

describe('GovernanceAccess', () => {
  const { template, stack, access } = build([ADMIN, DEVELOPER]);
  const roleId = (id: string) => stack.getLogicalId(access.roles[id]!.node.defaultChild as CfnElement);

  test('creates one named IAM role per governance role, assumable only by principals matching its SSO role patterns', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'oaas-prod-eu-west-1-gov_enterprise_administrator',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Condition: { ArnLike: { 'aws:PrincipalArn': ADMIN.trustedPrincipalArns } },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'oaas-prod-eu-west-1-gov_agent_developer',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { ArnLike: { 'aws:PrincipalArn': DEVELOPER.trustedPrincipalArns } } })] },
    });
  });

  test('maps each role\'s exact ARN to an access entry with its access policies and groups', () => {
    template.resourceCountIs('AWS::EKS::AccessEntry', 3); // two roles and the kubectl handler
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: { 'Fn::GetAtt': [roleId('EnterpriseAdministrator'), 'Arn'] },
      Type: 'STANDARD',
      KubernetesGroups: ['oaas:enterprise_administrator'],
      AccessPolicies: [{
        AccessScope: { Type: 'cluster' },
        PolicyArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy']] },
      }],
    });
  });

  test('gives a role without access policies its Kubernetes groups only', () => {
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: { 'Fn::GetAtt': [roleId('AgentDeveloper'), 'Arn'] },
      KubernetesGroups: ['oaas:agent_developer'],
      AccessPolicies: [],
    });
  });

  test('keys resources by the role id, so adding a role changes no other role', () => {
    const before = build([ADMIN]).template.toJSON().Resources as Record<string, unknown>;
    const after = build([DEVELOPER, ADMIN]).template.toJSON().Resources as Record<string, unknown>;
    for (const [id, resource] of Object.entries(before)) expect(after[id]).toEqual(resource);
    expect(Object.keys(after).filter((id) => !(id in before)).sort()).toEqual(
      [expect.stringMatching(/^AccessAgentDeveloperAccessEntry/), expect.stringMatching(/^AccessAgentDeveloperRole/)],
    );
  });

  test('scopes namespaced access policies to their namespaces', () => {
    const scoped = build([{
      ...DEVELOPER,
      accessPolicies: [eks.AccessPolicy.fromAccessPolicyName('AmazonEKSViewPolicy', { accessScopeType: eks.AccessScopeType.NAMESPACE, namespaces: ['payments'] })],
    }]);
    scoped.template.hasResourceProperties('AWS::EKS::AccessEntry', {
      AccessPolicies: [{ AccessScope: { Type: 'namespace', Namespaces: ['payments'] }, PolicyArn: Match.anyValue() }],
    });
  });

  test('requires the principal tags given in the calling session, with exactly their values', () => {
    build([{ ...DEVELOPER, principalTags: { 'oaas:tenant': 'payments' } }]).template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Condition: { ArnLike: { 'aws:PrincipalArn': DEVELOPER.trustedPrincipalArns }, StringEquals: { 'aws:PrincipalTag/oaas:tenant': 'payments' } },
        }],
      },
    });
  });

  test('applies the session duration given', () => {
    build([ADMIN], Duration.hours(4)).template.hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 14400 });
  });

  test.each([
    ['a role name over 64 characters', { ...DEVELOPER, roleName: 'x'.repeat(65) }, /IAM role name of at most 64/],
    ['a role nobody can assume', { ...DEVELOPER, trustedPrincipalArns: [] }, /at least one trusted principal/],
    ['a system: group', { ...DEVELOPER, kubernetesGroups: ['system:masters'] }, /outside "system:", got system:masters/],
    ['an entry that grants nothing', { ...DEVELOPER, kubernetesGroups: [] }, /access policies or Kubernetes groups, got neither/],
    ['a principal tag key of AWS', { ...DEVELOPER, principalTags: { 'aws:username': 'x' } }, /principal tag key .* not starting with "aws:", got "aws:username"/],
    ['a wildcard principal tag value', { ...DEVELOPER, principalTags: { 'oaas:tenant': 'pay*' } }, /principal tag oaas:tenant to require a literal value .* got "pay\*"/],
    ['an empty principal tag value', { ...DEVELOPER, principalTags: { 'oaas:tenant': '' } }, /principal tag oaas:tenant to require a literal value/],
  ])('refuses %s', (_name, role, message) => {
    expect(() => build([role])).toThrow(message);
  });

  test('refuses two roles with one id', () => {
    expect(() => build([DEVELOPER, DEVELOPER])).toThrow(/unique role ids, got "AgentDeveloper" twice/);
  });

  test('leaves no unacknowledged cdk-nag errors', () => {
    const fixture = build([ADMIN, DEVELOPER]);
    expect(nagFindings(fixture.app, { scope: fixture.access })).toEqual([]);
  });
});
