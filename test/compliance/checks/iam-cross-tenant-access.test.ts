import { iamCrossTenantAccess } from '../../../lib/compliance/checks/iam-cross-tenant-access';
import { evidence, failing, run, stack } from '../helpers';

const role = (namespaces: string[], tags: Array<{ Key: string; Value: string }> = []) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'aws:RequestTag/kubernetes-namespace': namespaces } } }] },
    Tags: tags,
  },
});
const policy = (roleId: string, prefix: string) => ({
  Type: 'AWS::IAM::ManagedPolicy',
  Properties: { Roles: [{ Ref: roleId }], PolicyDocument: { Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::acme-tenant-data/${prefix}*`]] } },
  ] } },
});

describe('iam-cross-tenant-access', () => {
  test('passes tenant roles that reach only their own namespaces and prefixes', () => {
    const result = run(iamCrossTenantAccess, evidence([stack('cluster', {
      PaymentsRole: role(['payments'], [{ Key: 'oaas:tenant', Value: 'payments' }]),
      PaymentsData: policy('PaymentsRole', 'tenants/payments/'),
      WebRole: role(['web', 'web-shop']),
      WebData: policy('WebRole', 'tenants/web/'),
      PlatformRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } },
    })]));
    expect(result.status).toBe('pass');
    expect(result.findings).toHaveLength(2);
  });

  test('fails a role granted another tenant\'s prefix, one trusted by another tenant\'s namespace, and a wildcard over the shared bucket', () => {
    const result = run(iamCrossTenantAccess, evidence([stack('cluster', {
      PaymentsRole: role(['payments'], [{ Key: 'oaas:tenant', Value: 'payments' }]),
      PaymentsData: policy('PaymentsRole', 'tenants/web/'),
      WebRole: role(['web', 'payments'], [{ Key: 'oaas:tenant', Value: 'web' }]),
      WebData: policy('WebRole', 'tenants/web/'),
      Greedy: role(['web-shop'], [{ Key: 'oaas:tenant', Value: 'web' }]),
      GreedyData: policy('Greedy', ''),
    })]));
    expect(failing(result)).toEqual(['PaymentsRole', 'WebRole', 'Greedy']);
    expect(result.findings[0]!.message).toMatch(/reaches s3:\/\/acme-tenant-data\/tenants\/web\/\*, data of tenant web/);
    expect(result.findings[1]!.message).toMatch(/assumable from namespaces of other tenants: payments/);
    expect(result.findings[2]!.message).toMatch(/beyond its own prefix of a bucket tenants share/);
  });

  test('fails a Pod Identity association that gives a tenant\'s role to another tenant\'s namespace', () => {
    const result = run(iamCrossTenantAccess, evidence([stack('cluster', {
      PaymentsRole: role(['payments'], [{ Key: 'oaas:tenant', Value: 'payments' }]),
      Assoc: { Type: 'AWS::EKS::PodIdentityAssociation', Properties: { Namespace: 'web', ServiceAccount: 'sa', RoleArn: { 'Fn::GetAtt': ['PaymentsRole', 'Arn'] } } },
    })]));
    expect(failing(result)).toEqual(['PaymentsRole']);
  });
});
