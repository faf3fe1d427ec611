import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TenantAccess } from '../../../constructs/cluster/tenant-access';
import type { TenantAccessProps, TenantRoleAccess } from '../../../constructs/cluster/tenant-access';
import { nagFindings } from '../../helpers/nag';
import { canAssume } from '../../helpers/trust';
import { ACCOUNT, clusterFixture } from './fixture';

const SSO = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com`;
const ADMIN_SSO_ROLE = `${SSO}/eu-west-1/AWSReservedSSO_TenantAdmin_0123456789abcdef`;
const roleOf = (tenant: string, role: string, permissionSet: string): TenantRoleAccess => ({
  id: role.split('_').map((p) => p[0]!.toUpperCase() + p.slice(1)).join(''),
  roleName: `oaas-prod-eu-west-1-${tenant}-gov_${role}`,
  description: `${role} of ${tenant}`,
  trustedPrincipalArns: [`${SSO}/AWSReservedSSO_${permissionSet}_*`, `${SSO}/*/AWSReservedSSO_${permissionSet}_*`],
  kubernetesGroups: [`oaas:${tenant}:${role}`],
});

type TenantProps = Omit<TenantAccessProps, 'cluster'>;
const tenant = (tenantId: string, extra: Partial<TenantProps> = {}): TenantProps => ({
  tenantId,
  roles: [roleOf(tenantId, 'tenant_administrator', 'TenantAdmin'), roleOf(tenantId, 'agent_developer', 'AgentDeveloper')],
  ...extra,
});

function build(...tenants: TenantProps[]) {
  const fixture = clusterFixture();
  const access = Object.fromEntries(tenants.map((t) => [t.tenantId, new TenantAccess(fixture.stack, t.tenantId, { ...t, cluster: fixture.cluster })]));
  return { ...fixture, access, template: Template.fromStack(fixture.stack) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('TenantAccess', () => {
  const { template, stack, access } = build(tenant('payments'), tenant('web'));
  const resources = template.toJSON().Resources as Resources;
  const trustOf = (t: string, role: string) => resources[stack.getLogicalId(access[t]!.roles[role]!.node.defaultChild as CfnElement)]!
    .Properties.AssumeRolePolicyDocument as Parameters<typeof canAssume>[0];

  test('creates one named IAM role per tenant role, trusted by the permission set\'s SSO roles in sessions tagged with the tenant', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'oaas-prod-eu-west-1-payments-gov_tenant_administrator',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Condition: {
            ArnLike: { 'aws:PrincipalArn': [`${SSO}/AWSReservedSSO_TenantAdmin_*`, `${SSO}/*/AWSReservedSSO_TenantAdmin_*`] },
            StringEquals: { 'aws:PrincipalTag/oaas:tenant': 'payments' },
          },
        }],
      },
    });
  });

  test('maps each role to an access entry with the tenant\'s groups and no EKS access policy', () => {
    template.resourceCountIs('AWS::EKS::AccessEntry', 5); // two tenants × two roles, and the kubectl handler
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: { 'Fn::GetAtt': [stack.getLogicalId(access.web!.roles.AgentDeveloper!.node.defaultChild as CfnElement), 'Arn'] },
      Type: 'STANDARD',
      KubernetesGroups: ['oaas:web:agent_developer'],
      AccessPolicies: [],
    });
  });

  test('lets an SSO session assume its own tenant\'s roles only: not with another tenant\'s tag, nor without one', () => {
    for (const [own, other] of [['payments', 'web'], ['web', 'payments']] as const) {
      const trust = trustOf(own, 'TenantAdministrator');
      expect(canAssume(trust, { account: ACCOUNT, arn: ADMIN_SSO_ROLE, tags: { 'oaas:tenant': own } })).toBe(true);
      expect(canAssume(trust, { account: ACCOUNT, arn: ADMIN_SSO_ROLE, tags: { 'oaas:tenant': other } })).toBe(false);
      expect(canAssume(trust, { account: ACCOUNT, arn: ADMIN_SSO_ROLE })).toBe(false);
    }
  });

  test('lets no other permission set\'s SSO role assume a tenant role, even tagged with the tenant', () => {
    const developer = `${SSO}/AWSReservedSSO_AgentDeveloper_fedcba9876543210`;
    expect(canAssume(trustOf('payments', 'TenantAdministrator'), { account: ACCOUNT, arn: developer, tags: { 'oaas:tenant': 'payments' } })).toBe(false);
    expect(canAssume(trustOf('payments', 'AgentDeveloper'), { account: ACCOUNT, arn: developer, tags: { 'oaas:tenant': 'payments' } })).toBe(true);
    expect(canAssume(trustOf('payments', 'AgentDeveloper'), { account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:role/AgentDeveloper`, tags: { 'oaas:tenant': 'payments' } })).toBe(false);
  });

  test('reads the tenant from the tag key given', () => {
    build(tenant('payments', { tenantTagKey: 'team' })).template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Condition: {
        ArnLike: { 'aws:PrincipalArn': [`${SSO}/AWSReservedSSO_TenantAdmin_*`, `${SSO}/*/AWSReservedSSO_TenantAdmin_*`] },
        StringEquals: { 'aws:PrincipalTag/team': 'payments' },
      } }] },
    });
  });

  test('keys resources by tenant and role, so adding a tenant or a role changes no other', () => {
    const before = build(tenant('payments', { roles: [roleOf('payments', 'tenant_administrator', 'TenantAdmin')] })).template.toJSON().Resources as Resources;
    const after = build(tenant('aaa'), tenant('payments')).template.toJSON().Resources as Resources;
    for (const [id, resource] of Object.entries(before)) expect(after[id]).toEqual(resource);
    const added = Object.keys(after).filter((id) => !(id in before)).sort();
    expect(added).toHaveLength(6);
    expect(added.filter((id) => id.startsWith('payments'))).toEqual([
      expect.stringMatching(/^paymentsRolesAgentDeveloperAccessEntry/), expect.stringMatching(/^paymentsRolesAgentDeveloperRole/),
    ]);
  });

  test.each([
    ['a tenant without roles', tenant('payments', { roles: [] }), /TenantAccess payments: expected at least one role, got none/],
    ['a role without groups', tenant('payments', { roles: [{ ...roleOf('payments', 'agent_developer', 'AgentDeveloper'), kubernetesGroups: [] }] }),
      /expected Kubernetes groups for every role, got none for AgentDeveloper/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fixture = build(tenant('payments'));
    expect(nagFindings(fixture.app, { scope: fixture.access.payments!, levels: ['error', 'warning'] })).toEqual([]);
  });
});
