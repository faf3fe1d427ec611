import { iamNoAdminWildcard } from '../../../lib/compliance/checks/iam-no-admin-wildcard';
import { evidence, failing, run, stack } from '../helpers';

const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('iam-no-admin-wildcard', () => {
  test('passes scoped policies and AdministratorAccess on an admin permission set', () => {
    const result = run(iamNoAdminWildcard, evidence([stack('s', {
      Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', Action: '*', Resource: '*' }) } },
      Admin: { Type: 'AWS::SSO::PermissionSet', Properties: { Name: 'EnterpriseAdmin', ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
    })]));
    expect(result.status).toBe('pass');
  });

  test('fails Action "*" inline on a role, AdministratorAccess on a role, and on a non-admin permission set', () => {
    const result = run(iamNoAdminWildcard, evidence([stack('s', {
      Inline: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Sid: 'All', Effect: 'Allow', Action: ['*'], Resource: '*' }) }] } },
      Managed: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }] } },
      Developer: { Type: 'AWS::SSO::PermissionSet', Properties: { Name: 'AgentDeveloper', ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
    })]));
    expect(failing(result)).toEqual(['Inline', 'Managed', 'Developer']);
    expect(result.findings[0]!.message).toBe('statement All allows Action "*" on Resource "*"');
    expect(result.findings[1]!.message).toBe('attaches AdministratorAccess');
  });
});
