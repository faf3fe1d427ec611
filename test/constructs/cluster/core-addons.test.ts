import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { CoreAddons, EBS_CSI_SERVICE_ACCOUNT } from '../../../constructs/cluster/core-addons';
import type { CoreAddonVersions } from '../../../constructs/cluster/core-addons';
import { nagFindings } from '../../helpers/nag';
import { ACCOUNT, clusterFixture } from './fixture';

const VERSIONS: CoreAddonVersions = {
  vpcCni: 'v1.20.2-eksbuild.1',
  coreDns: 'v1.12.4-eksbuild.1',
  kubeProxy: 'v1.33.3-eksbuild.6',
  podIdentityAgent: 'v1.3.8-eksbuild.2',
  ebsCsiDriver: 'v1.50.1-eksbuild.1',
};

function addonsFixture(props: { versions?: CoreAddonVersions; networkPolicy?: boolean } = {}) {
  const fixture = clusterFixture();
  const addons = new CoreAddons(fixture.stack, 'Addons', { cluster: fixture.cluster, versions: props.versions ?? VERSIONS, ...(props.networkPolicy !== undefined ? { networkPolicy: props.networkPolicy } : {}) });
  return { ...fixture, addons };
}

function build(props: { versions?: CoreAddonVersions; networkPolicy?: boolean } = {}) {
  const fixture = addonsFixture(props);
  return { ...fixture, template: Template.fromStack(fixture.stack) };
}

describe('CoreAddons', () => {
  const { template, stack, addons, cluster } = build();
  const id = (construct: IConstruct) => stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);

  test.each([
    ['vpc-cni', VERSIONS.vpcCni],
    ['coredns', VERSIONS.coreDns],
    ['kube-proxy', VERSIONS.kubeProxy],
    ['eks-pod-identity-agent', VERSIONS.podIdentityAgent],
    ['aws-ebs-csi-driver', VERSIONS.ebsCsiDriver],
  ])('installs %s as a managed add-on pinned to %s', (addonName, addonVersion) => {
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: addonName, AddonVersion: addonVersion, ResolveConflicts: 'OVERWRITE' });
  });

  test('installs exactly the five core add-ons', () => {
    template.resourceCountIs('AWS::EKS::Addon', 5);
  });

  test('turns on network policy enforcement in the VPC CNI', () => {
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'vpc-cni', ConfigurationValues: '{"enableNetworkPolicy":"true"}' });
  });

  test('can leave network policy enforcement off', () => {
    build({ networkPolicy: false }).template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'vpc-cni', ConfigurationValues: '{"enableNetworkPolicy":"false"}' });
  });

  test('gives the EBS CSI controller its role through a Pod Identity association', () => {
    template.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'aws-ebs-csi-driver',
      PodIdentityAssociations: [{ RoleArn: { 'Fn::GetAtt': [id(addons.ebsCsiRole), 'Arn'] }, ServiceAccount: EBS_CSI_SERVICE_ACCOUNT }],
    });
  });

  test('lets only Pod Identity for kube-system/ebs-csi-controller-sa of this cluster assume the EBS CSI role', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': ACCOUNT,
              'aws:RequestTag/eks-cluster-name': { Ref: id(cluster) },
              'aws:RequestTag/kubernetes-namespace': 'kube-system',
              'aws:RequestTag/kubernetes-service-account': EBS_CSI_SERVICE_ACCOUNT,
            },
          },
        }],
      },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy']] }],
    });
  });

  test('creates the EBS CSI driver after the Pod Identity agent', () => {
    const ebs = template.toJSON().Resources[id(addons.ebsCsiDriver)];
    expect(ebs.DependsOn).toContain(id(addons.podIdentityAgent));
  });

  test('creates CoreDNS and the EBS CSI driver after the capacity it is given, and nothing else after it', () => {
    const fixture = addonsFixture();
    const barrier = fixture.cluster.node.findChild('KubectlReadyBarrier');
    fixture.addons.requireCapacity(barrier);
    const resources = Template.fromStack(fixture.stack).toJSON().Resources as Record<string, { DependsOn?: string[] }>;
    const barrierId = fixture.stack.getLogicalId(barrier as CfnElement);
    const dependsOnBarrier = (construct: CfnElement) => (resources[fixture.stack.getLogicalId(construct)]!.DependsOn ?? []).includes(barrierId);
    expect(dependsOnBarrier(fixture.addons.coreDns)).toBe(true);
    expect(dependsOnBarrier(fixture.addons.ebsCsiDriver)).toBe(true);
    expect(dependsOnBarrier(fixture.addons.vpcCni)).toBe(false);
    expect(dependsOnBarrier(fixture.addons.kubeProxy)).toBe(false);
    expect(dependsOnBarrier(fixture.addons.podIdentityAgent)).toBe(false);
  });

  test('refuses an unpinned version', () => {
    expect(() => build({ versions: { ...VERSIONS, coreDns: 'latest' } })).toThrow(/pinned coredns version like "v1.2.3-eksbuild.1", got "latest"/);
  });

  test('leaves no unacknowledged cdk-nag errors', () => {
    const fixture = addonsFixture();
    expect(nagFindings(fixture.app, { scope: fixture.addons })).toEqual([]);
  });
});
