import type { CfnElement } from 'aws-cdk-lib';
import { RemovalPolicy, aws_eks_v2 as eks, aws_logs as logs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ALL_CONTROL_PLANE_LOG_TYPES, PlatformCluster } from '../../../constructs/cluster/platform-cluster';
import type { PlatformClusterProps } from '../../../constructs/cluster/platform-cluster';
import { nagFindings } from '../../helpers/nag';
import { baseFixture } from './fixture';

function build(props: Partial<PlatformClusterProps> = {}) {
  const fixture = baseFixture();
  const platform = new PlatformCluster(fixture.stack, 'Cluster', {
    clusterName: 'acme-dev-eu-west-1',
    version: eks.KubernetesVersion.V1_33,
    vpc: fixture.vpc,
    secretsKey: fixture.keys.secrets,
    logsKey: fixture.keys.logs,
    ...props,
  });
  return { ...fixture, platform };
}

describe('PlatformCluster', () => {
  const { stack, platform } = build();
  const template = Template.fromStack(stack);

  test('creates a native EKS cluster at the given version with authentication mode API and no creator admin', () => {
    template.resourceCountIs('AWS::EKS::Cluster', 1);
    template.hasResourceProperties('AWS::EKS::Cluster', {
      Name: 'acme-dev-eu-west-1',
      Version: '1.33',
      AccessConfig: { AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false },
      BootstrapSelfManagedAddons: false,
      ComputeConfig: { Enabled: false },
    });
  });

  test('keeps the API endpoint private by default', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: { EndpointPrivateAccess: true, EndpointPublicAccess: false, PublicAccessCidrs: Match.absent() },
    });
  });

  test('opens a public endpoint only to the given CIDRs, keeping the private one', () => {
    const { stack: publicStack } = build({ publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'] });
    Template.fromStack(publicStack).hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: { EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'] },
    });
  });

  test('refuses an empty public allow-list, which would open the endpoint to everyone', () => {
    expect(() => build({ publicAccessCidrs: [] })).toThrow(/at least one CIDR/);
  });

  test('enables all five control-plane log types', () => {
    expect(ALL_CONTROL_PLANE_LOG_TYPES).toHaveLength(5);
    template.hasResourceProperties('AWS::EKS::Cluster', {
      Logging: {
        ClusterLogging: {
          EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }, { Type: 'authenticator' }, { Type: 'controllerManager' }, { Type: 'scheduler' }],
        },
      },
    });
  });

  test('encrypts Kubernetes secrets with the secrets key', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      EncryptionConfig: [{ Provider: { KeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Secrets'), 'Arn'] } }, Resources: ['secrets'] }],
    });
  });

  test('lets the control-plane role use the secrets key through a managed (not inline) policy', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: {
        PolicyDocument: {
          Statement: [{
            Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Secrets'), 'Arn'] },
          }],
        },
      },
    });
    const [policyId] = Object.keys(policies);
    expect(policyId).toBeDefined();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'eks.amazonaws.com' } })] },
      ManagedPolicyArns: Match.arrayWith([{ Ref: policyId }]),
    });
    template.resourceCountIs('AWS::IAM::Policy', 2); // the kubectl provider's own default policies only
  });

  test('places the control plane in the private subnets only', () => {
    const cluster = Object.values(template.findResources('AWS::EKS::Cluster'))[0]!;
    const subnets = JSON.stringify(cluster.Properties.ResourcesVpcConfig.SubnetIds);
    expect(subnets).toMatch(/PrivateSubnet1/);
    expect(subnets).toMatch(/PrivateSubnet2/);
    expect(subnets).not.toMatch(/PublicSubnet/);
  });

  test('creates no capacity of its own', () => {
    template.resourceCountIs('AWS::EKS::Nodegroup', 0);
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 0);
  });

  test('creates the control-plane log group before the cluster, encrypted, with the retention, and retained', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/aws/eks/acme-dev-eu-west-1/cluster',
        RetentionInDays: 365,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Logs'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
    const cluster = Object.values(template.findResources('AWS::EKS::Cluster'))[0]!;
    expect(cluster.DependsOn).toContain(stack.getLogicalId(platform.controlPlaneLogGroup.node.defaultChild as CfnElement));
  });

  test('encrypts the kubectl handler log groups and gives them the same retention', () => {
    const groups = template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: { 'Fn::Join': Match.anyValue() } } });
    expect(Object.keys(groups)).toHaveLength(2);
    for (const group of Object.values(groups)) {
      expect(group.Properties).toMatchObject({ RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^Logs/), 'Arn'] } });
    }
  });

  test('grants the kubectl handler, and only it, cluster admin through an access entry', () => {
    template.resourceCountIs('AWS::EKS::AccessEntry', 1);
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      AccessPolicies: [{ AccessScope: { Type: 'cluster' }, PolicyArn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('AmazonEKSClusterAdminPolicy')])] }) }],
    });
    expect(platform.cluster.kubectlProvider).toBeDefined();
  });

  test('applies the retention and removal policy given', () => {
    const { stack: other } = build({ logRetention: logs.RetentionDays.TWO_YEARS, logRemovalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(other).hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/aws/eks/acme-dev-eu-west-1/cluster', RetentionInDays: 731 },
      DeletionPolicy: 'Delete',
    });
  });

  test('refuses a version the default kubectl layer cannot drive', () => {
    expect(() => build({ version: eks.KubernetesVersion.V1_29 })).toThrow(/KubectlV33Layer drives Kubernetes 1\.32, 1\.33, 1\.34, got 1\.29/);
  });

  test('leaves no unacknowledged cdk-nag errors, private or public', () => {
    const priv = build();
    expect(nagFindings(priv.app, { scope: priv.platform })).toEqual([]);
    const pub = build({ publicAccessCidrs: ['203.0.113.0/24'] });
    expect(nagFindings(pub.app, { scope: pub.platform })).toEqual([]);
  });
});
