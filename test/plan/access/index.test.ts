/** Which resources and objects grant access, and how their aspects combine into one verdict. */
import { cloudFormationAccess, combineAspects, kubernetesAccess } from '../../../lib/plan/access';

const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const S3_READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
const TRUST = policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'pods.eks.amazonaws.com' } });
const SCP = (...Statement: unknown[]) => ({ Type: 'SERVICE_CONTROL_POLICY', Content: policy(...Statement), TargetIds: ['ou-1'] });
const DENY_LEAVE = { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' };

describe('cloudFormationAccess', () => {
  test('resources that grant nothing have no access verdict', () => {
    expect(cloudFormationAccess('AWS::S3::Bucket', { BucketName: 'a' }, { BucketName: 'b' })).toBeUndefined();
    expect(cloudFormationAccess('AWS::Organizations::Policy', { Type: 'TAG_POLICY', Content: '{}' }, { Type: 'TAG_POLICY', Content: '{}' })).toBeUndefined();
  });

  test.each([
    ['a managed policy widened', 'AWS::IAM::ManagedPolicy', { PolicyDocument: policy(S3_READ) }, { PolicyDocument: policy({ ...S3_READ, Action: 's3:*' }) }, 'widened', 'IAM policy'],
    ['a managed policy attached to one more role', 'AWS::IAM::ManagedPolicy', { PolicyDocument: policy(S3_READ), Roles: [{ Ref: 'A' }] }, { PolicyDocument: policy(S3_READ), Roles: [{ Ref: 'A' }, { Ref: 'B' }] }, 'widened', 'IAM policy'],
    ['a role\'s trust opened to a service', 'AWS::IAM::Role', { AssumeRolePolicyDocument: TRUST },
      { AssumeRolePolicyDocument: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['pods.eks.amazonaws.com', 'ec2.amazonaws.com'] } }) }, 'widened', 'IAM trust policy'],
    ['a role given a managed policy', 'AWS::IAM::Role', { AssumeRolePolicyDocument: TRUST }, { AssumeRolePolicyDocument: TRUST, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }, 'widened', 'IAM policy'],
    ['a role\'s permissions boundary removed', 'AWS::IAM::Role', { AssumeRolePolicyDocument: TRUST, PermissionsBoundary: 'arn:b' }, { AssumeRolePolicyDocument: TRUST }, 'widened', 'IAM policy'],
    ['a role\'s inline policy narrowed', 'AWS::IAM::Role', { AssumeRolePolicyDocument: TRUST, Policies: [{ PolicyName: 'p', PolicyDocument: policy({ ...S3_READ, Action: ['s3:GetObject', 's3:PutObject'] }) }] },
      { AssumeRolePolicyDocument: TRUST, Policies: [{ PolicyName: 'renamed', PolicyDocument: policy(S3_READ) }] }, 'narrowed', 'IAM policy'],
    ['a key policy opened to another principal', 'AWS::KMS::Key', { KeyPolicy: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Principal: { AWS: 'arn:aws:iam::111111111111:root' } }) },
      { KeyPolicy: policy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Principal: { AWS: '*' } }) }, 'widened', 'KMS key policy'],
    ['a bucket policy\'s deny removed', 'AWS::S3::BucketPolicy', { PolicyDocument: policy({ Effect: 'Deny', Action: 's3:*', Resource: '*', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
      { PolicyDocument: policy() }, 'widened', 'resource policy'],
    ['a service control policy\'s deny removed', 'AWS::Organizations::Policy', SCP(DENY_LEAVE), SCP(), 'widened', 'service control policy'],
    ['a deny-only service control policy detached from an OU', 'AWS::Organizations::Policy', SCP(DENY_LEAVE), { ...SCP(DENY_LEAVE), TargetIds: [] }, 'widened', 'service control policy'],
    ['a deny-only service control policy attached to another OU', 'AWS::Organizations::Policy', SCP(DENY_LEAVE), { ...SCP(DENY_LEAVE), TargetIds: ['ou-1', 'ou-2'] }, 'narrowed', 'service control policy'],
    ['a service control policy added', 'AWS::Organizations::Policy', undefined, SCP(DENY_LEAVE), 'narrowed', 'service control policy'],
    ['a security group opened', 'AWS::EC2::SecurityGroup', { SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }], SecurityGroupEgress: [] },
      { SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }], SecurityGroupEgress: [] }, 'widened', 'security group'],
    ['a standalone ingress rule added', 'AWS::EC2::SecurityGroupIngress', undefined, { GroupId: { Ref: 'Sg' }, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }, 'widened', 'security group'],
    ['an access entry given cluster-wide admin', 'AWS::EKS::AccessEntry',
      { PrincipalArn: 'arn:r', AccessPolicies: [{ PolicyArn: 'arn:view', AccessScope: { Type: 'namespace', Namespaces: ['web'] } }] },
      { PrincipalArn: 'arn:r', AccessPolicies: [{ PolicyArn: 'arn:view', AccessScope: { Type: 'cluster' } }] }, 'widened', 'EKS access'],
    ['a Pod Identity association removed', 'AWS::EKS::PodIdentityAssociation', { Namespace: 'web', ServiceAccount: 'reviewer', RoleArn: { 'Fn::GetAtt': ['R', 'Arn'] } }, undefined, 'narrowed', 'EKS access'],
  ])('%s', (_name, type, before, after, effect, surface) => {
    expect(cloudFormationAccess(type, before, after)).toMatchObject({ effect, surface });
  });

  test('a tag change on a role is the same access', () => {
    expect(cloudFormationAccess('AWS::IAM::Role', { AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'a', Value: '1' }] }, { AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'a', Value: '2' }] }))
      .toMatchObject({ effect: 'same', findings: [] });
  });
});

describe('kubernetesAccess', () => {
  test('kinds that grant nothing have no access verdict', () => {
    expect(kubernetesAccess('ConfigMap', { data: { a: '1' } }, { data: { a: '2' } })).toBeUndefined();
    expect(kubernetesAccess('Service', {}, {})).toBeUndefined();
  });

  test('a workload relaxed to run privileged widens pod security', () => {
    const deployment = (privileged: boolean) => ({ kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'a', securityContext: { privileged } }] } } } });
    expect(kubernetesAccess('Deployment', deployment(false), deployment(true))).toMatchObject({ surface: 'pod security', effect: 'widened' });
  });
});

describe('combineAspects', () => {
  test('widening anywhere decides, and findings of other surfaces say which', () => {
    expect(combineAspects([
      { surface: 'IAM trust policy', effect: 'narrowed', findings: ['no longer allows x'] },
      { surface: 'IAM policy', effect: 'widened', findings: ['allows y'] },
    ])).toEqual({ surface: 'IAM policy', effect: 'widened', findings: ['IAM trust policy: no longer allows x', 'allows y'] });
    expect(combineAspects([])).toBeUndefined();
  });
});
