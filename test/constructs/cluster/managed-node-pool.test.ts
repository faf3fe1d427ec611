import type { CfnElement } from 'aws-cdk-lib';
import { Size, aws_ec2 as ec2, aws_eks_v2 as eks, aws_iam as iam } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ManagedNodePool } from '../../../constructs/cluster/managed-node-pool';
import type { ManagedNodePoolProps } from '../../../constructs/cluster/managed-node-pool';
import { nagFindings } from '../../helpers/nag';
import { clusterFixture } from './fixture';

function build(props: Partial<Omit<ManagedNodePoolProps, 'cluster' | 'volumeKey'>> = {}) {
  const fixture = clusterFixture();
  const pool = new ManagedNodePool(fixture.stack, 'Pool', {
    cluster: fixture.cluster,
    nodegroupName: 'general',
    instanceTypes: [new ec2.InstanceType('m7i.xlarge'), new ec2.InstanceType('m6i.xlarge')],
    minSize: 3,
    maxSize: 12,
    volumeKey: fixture.keys.data,
    ...props,
  });
  return { ...fixture, pool, template: Template.fromStack(fixture.stack) };
}

describe('ManagedNodePool', () => {
  const { template, stack, pool } = build({
    capacityType: eks.CapacityType.SPOT,
    labels: { 'oaas.io/node-pool': 'general' },
    taints: [{ key: 'oaas.io/tenant', value: 'ml-research', effect: eks.TaintEffect.NO_SCHEDULE }],
    diskSize: Size.gibibytes(150),
  });

  test('creates a managed node group with the pool\'s name, instance types, sizes, capacity type, labels and taints', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      NodegroupName: 'general',
      InstanceTypes: ['m7i.xlarge', 'm6i.xlarge'],
      ScalingConfig: { MinSize: 3, MaxSize: 12, DesiredSize: 3 },
      CapacityType: 'SPOT',
      Labels: { 'oaas.io/node-pool': 'general' },
      Taints: [{ Key: 'oaas.io/tenant', Value: 'ml-research', Effect: 'NO_SCHEDULE' }],
    });
  });

  test('uses the AL2023 AMI type by default', () => {
    template.hasResourceProperties('AWS::EKS::Nodegroup', { AmiType: 'AL2023_x86_64_STANDARD' });
  });

  test('launches from its launch template, latest version, and leaves the disk size to it', () => {
    const ltId = stack.getLogicalId(pool.launchTemplate.node.defaultChild as CfnElement);
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      LaunchTemplate: { Id: { Ref: ltId }, Version: { 'Fn::GetAtt': [ltId, 'LatestVersionNumber'] } },
      DiskSize: Match.absent(),
    });
  });

  test('requires IMDSv2 with a hop limit of 1 in the launch template', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' } },
    });
  });

  test('gives every node an encrypted gp3 root volume of the pool\'s size with the volume key', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: {
        BlockDeviceMappings: [{
          DeviceName: '/dev/xvda',
          Ebs: {
            VolumeType: 'gp3',
            VolumeSize: 150,
            Encrypted: true,
            DeleteOnTermination: true,
            KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Data'), 'Arn'] },
          },
        }],
      },
    });
  });

  test('sets no instance type, image or instance profile in the launch template (the node group owns them)', () => {
    const lt = Object.values(template.findResources('AWS::EC2::LaunchTemplate'))[0]!;
    expect(lt.Properties.LaunchTemplateData.InstanceType).toBeUndefined();
    expect(lt.Properties.LaunchTemplateData.ImageId).toBeUndefined();
    expect(lt.Properties.LaunchTemplateData.IamInstanceProfile).toBeUndefined();
  });

  test('defaults to on-demand capacity, 100 GiB, no labels or taints', () => {
    const { template: plain } = build();
    plain.hasResourceProperties('AWS::EKS::Nodegroup', { CapacityType: 'ON_DEMAND', Labels: {}, Taints: [] });
    plain.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: { BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ VolumeSize: 100 }) })] },
    });
  });

  test('allows a hop limit of 2 when asked', () => {
    build({ httpPutResponseHopLimit: 2 }).template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: { MetadataOptions: Match.objectLike({ HttpPutResponseHopLimit: 2, HttpTokens: 'required' }) },
    });
  });

  test('uses the AMI type and node role given', () => {
    const fixture = clusterFixture();
    const role = new iam.Role(fixture.stack, 'NodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    new ManagedNodePool(fixture.stack, 'Gpu', {
      cluster: fixture.cluster, nodegroupName: 'gpu', instanceTypes: [new ec2.InstanceType('g5.xlarge')], minSize: 0, maxSize: 2,
      volumeKey: fixture.keys.data, amiType: eks.NodegroupAmiType.AL2023_X86_64_NVIDIA, nodeRole: role,
    });
    Template.fromStack(fixture.stack).hasResourceProperties('AWS::EKS::Nodegroup', {
      AmiType: 'AL2023_x86_64_NVIDIA',
      NodeRole: { 'Fn::GetAtt': [fixture.stack.getLogicalId(role.node.defaultChild as CfnElement), 'Arn'] },
      ScalingConfig: { MinSize: 0, MaxSize: 2, DesiredSize: 0 },
    });
  });

  test.each([
    [{ instanceTypes: [] }, /at least one instance type/],
    [{ minSize: -1 }, /minSize to be a whole number ≥ 0, got -1/],
    [{ minSize: 3, maxSize: 2 }, /maxSize to be a whole number ≥ max\(1, minSize=3\), got 2/],
    [{ desiredSize: 20 }, /desiredSize between 3 and 12, got 20/],
    [{ httpPutResponseHopLimit: 0 }, /httpPutResponseHopLimit between 1 and 64, got 0/],
  ] as Array<[Partial<ManagedNodePoolProps>, RegExp]>)('refuses %j', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('leaves no unacknowledged cdk-nag errors', () => {
    const fixture = build();
    expect(nagFindings(fixture.app, { scope: fixture.pool })).toEqual([]);
  });
});
