import * as fs from 'fs';
import { App, Stack, aws_ec2 as ec2, aws_kms as kms } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentModel, WorkspaceModel } from '../../lib/definition/model';
import { NODE_POOL_LABEL } from '../../lib/k8s/labels';
import { tenantManifests } from '../../lib/k8s/render';
import { ADDON_VERSIONS, ARGO_CD_CHART_VERSION } from '../../lib/mapping/cluster';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { TAG_KEYS } from '../../lib/conventions/naming';
import { ClusterStack } from '../../lib/stacks/cluster-stack';
import { MANIFEST_RESOURCE_TYPE } from '../helpers/kubectl';
import { nagFindings } from '../helpers/nag';
import { exampleModel } from '../helpers/workspace';

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const mutable = <T>(value: T): DeepMutable<T> => structuredClone(value);

const WEB_ACL = 'arn:aws:wafv2:us-east-1:300000000000:regional/webacl/acme-production-us-east-1/0a1b2c3d';

/** Holds the VPC and keys the cluster stack takes; its zones are the region's, so synthesis needs no lookup. */
class SupportStack extends Stack {
  constructor(scope: App, id: string, props: StackProps, private readonly zones: readonly string[]) {
    super(scope, id, props);
  }

  public override get availabilityZones(): string[] {
    return [...this.zones];
  }
}

interface Built {
  readonly app: App;
  readonly stack: ClusterStack;
  readonly template: Template;
  readonly environment: EnvironmentModel;
  readonly region: string;
}

/** The cluster stack of `environment`/`region`, with its VPC and keys from a small support stack of the same app and env. */
function build(model: WorkspaceModel, environmentName?: string, regionName?: string): Built {
  const app = new App({ context: { ...FEATURE_FLAGS } });
  const environment = model.environments.find((e) => environmentName === undefined || e.name === environmentName)!;
  const region = environment.regions.find((r) => regionName === undefined || r.region === regionName)!;
  const env = { account: environment.account, region: region.region };
  const support = new SupportStack(app, 'Support', { env }, region.availabilityZones);
  const vpc = new ec2.Vpc(support, 'Vpc', { availabilityZones: [...region.availabilityZones], natGateways: 1 });
  const key = (id: string) => new kms.Key(support, id, { enableKeyRotation: true });
  const keys = { secrets: key('Secrets'), logs: key('Logs'), data: key('Data') };
  const stack = new ClusterStack(app, `${model.organization.name}-${environment.name}-${region.region}-cluster`, {
    model, environment, region, env, vpc, keys, webAclArn: WEB_ACL,
  });
  return { app, stack, template: Template.fromStack(stack), environment, region: region.region };
}

const starter = exampleModel('starter');
const enterprise = exampleModel('enterprise');

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;
const resourcesOf = (template: Template) => template.toJSON().Resources as Resources;
const ofType = (template: Template, type: string) => Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type);

describe('ClusterStack (starter)', () => {
  const { template } = build(starter);

  test('creates one EKS cluster at the definition\'s Kubernetes version, named after organization, environment and region', () => {
    template.resourceCountIs('AWS::EKS::Cluster', 1);
    template.hasResourceProperties('AWS::EKS::Cluster', { Name: 'starter-dev-eu-west-1', Version: '1.33', AccessConfig: { AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false } });
  });

  test('keeps the API endpoint private when the definition does not ask for a public one', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', { ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: false }) });
  });

  test('enables all five control-plane log types', () => {
    const [[, cluster]] = ofType(template, 'AWS::EKS::Cluster') as [[string, Resources[string]]];
    const types = (cluster.Properties.Logging as { ClusterLogging: { EnabledTypes: Array<{ Type: string }> } }).ClusterLogging.EnabledTypes.map((t) => t.Type);
    expect(types.sort()).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
  });

  test('encrypts Kubernetes secrets with the secrets key of the region', () => {
    const [[, cluster]] = ofType(template, 'AWS::EKS::Cluster') as [[string, Resources[string]]];
    const [config] = cluster.Properties.EncryptionConfig as [{ Provider: { KeyArn: unknown }; Resources: string[] }];
    expect(config.Resources).toEqual(['secrets']);
    expect(JSON.stringify(config.Provider.KeyArn)).toMatch(/GetAttSecrets/);
  });

  test('creates one managed node group per node pool, on an IMDSv2-only launch template with encrypted gp3 volumes of the data key', () => {
    template.resourceCountIs('AWS::EKS::Nodegroup', 1);
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      NodegroupName: 'general', InstanceTypes: ['m7i.large'], AmiType: 'AL2023_x86_64_STANDARD', CapacityType: 'ON_DEMAND',
      ScalingConfig: { MinSize: 2, MaxSize: 4, DesiredSize: 2 }, Labels: { [NODE_POOL_LABEL]: 'general' },
    });
    const [[, lt]] = ofType(template, 'AWS::EC2::LaunchTemplate') as [[string, Resources[string]]];
    const data = lt.Properties.LaunchTemplateData as { MetadataOptions: unknown; BlockDeviceMappings: Array<{ Ebs: Record<string, unknown> }> };
    expect(data.MetadataOptions).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' });
    expect(data.BlockDeviceMappings[0]!.Ebs).toMatchObject({ Encrypted: true, VolumeType: 'gp3', VolumeSize: 100 });
    expect(JSON.stringify(data.BlockDeviceMappings[0]!.Ebs.KmsKeyId)).toMatch(/GetAttData/);
  });

  test('installs the five core add-ons at the versions pinned for the cluster version', () => {
    const pinned = ADDON_VERSIONS['1.33'];
    const installed = Object.fromEntries(ofType(template, 'AWS::EKS::Addon').map(([, r]) => [r.Properties.AddonName, r.Properties.AddonVersion]));
    expect(installed).toEqual({
      'vpc-cni': pinned.vpcCni,
      'coredns': pinned.coreDns,
      'kube-proxy': pinned.kubeProxy,
      'eks-pod-identity-agent': pinned.podIdentityAgent,
      'aws-ebs-csi-driver': pinned.ebsCsiDriver,
    });
  });

  test('turns on network policy enforcement in the VPC CNI (enableNetworkPolicy)', () => {
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'vpc-cni', ConfigurationValues: '{"enableNetworkPolicy":"true"}' });
  });

  test('gives the EBS CSI driver its role through a Pod Identity association', () => {
    template.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'aws-ebs-csi-driver',
      PodIdentityAssociations: [{ RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AddonsEbsCsiRole'), 'Arn'] }, ServiceAccount: 'ebs-csi-controller-sa' }],
    });
  });

  test('joins nodes only after the networking add-ons, and starts CoreDNS, EBS CSI and the controllers only after the nodes', () => {
    const resources = resourcesOf(template);
    const idOf = (prefix: string) => Object.keys(resources).find((k) => k.startsWith(prefix))!;
    const nodegroup = idOf('NodePoolsGeneralNodegroup');
    expect(resources[nodegroup]!.DependsOn).toEqual(expect.arrayContaining([idOf('AddonsVpcCni'), idOf('AddonsKubeProxy'), idOf('AddonsPodIdentityAgent')]));
    expect(resources[idOf('AddonsCoreDns')]!.DependsOn).toContain(nodegroup);
    expect(resources[idOf('AddonsEbsCsiDriver')]!.DependsOn).toContain(nodegroup);
    for (const [, chart] of ofType(template, 'Custom::AWSCDK-EKS-HelmChart')) expect(chart.DependsOn).toContain(idOf('AddonsCoreDns'));
  });

  test('maps no tenant-scoped role cluster-wide: its only access entry is the kubectl handler\'s (tenant access is in the tenant stacks)', () => {
    // Behaviour change: the starter's two roles are tenant-scoped; they used to get one cluster-wide entry with group oaas:<role>.
    template.resourceCountIs('AWS::EKS::AccessEntry', 1);
    for (const roleId of ['tenant_administrator', 'agent_developer']) {
      expect(JSON.stringify(template.toJSON())).not.toContain(`gov_${roleId}`);
      expect(JSON.stringify(template.toJSON())).not.toContain(`"oaas:${roleId}"`);
    }
  });

  test('installs Argo CD from its pinned chart, unexposed, in the argocd namespace', () => {
    template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Repository: 'https://argoproj.github.io/argo-helm', Chart: 'argo-cd', Version: ARGO_CD_CHART_VERSION, Namespace: 'argocd',
      Values: Match.stringLikeRegexp('"server":\\{[^]*"service":\\{"type":"ClusterIP"\\},"ingress":\\{"enabled":false\\}'),
    });
  });

  test('renders the ingress class parameters with the TLS 1.3 SSL policy and the region\'s web ACL', () => {
    const manifest = ofType(template, 'Custom::AWSCDK-EKS-KubernetesResource')
      .map(([, r]) => r.Properties.Manifest).find((m): m is string => typeof m === 'string' && m.includes('IngressClassParams'))!;
    const [params] = JSON.parse(manifest) as [{ kind: string; spec: Record<string, string> }];
    expect(params.kind).toBe('IngressClassParams');
    expect(params.spec).toEqual({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', wafv2AclArn: WEB_ACL });
  });

  test('holds nothing of any tenant: no workload role, no Pod Identity association resource (the EBS CSI driver\'s is part of its add-on), no tenant tag', () => {
    const tenantIds = starter.environments[0]!.tenants.map((t) => t.id);
    expect(tenantIds.length).toBeGreaterThan(0);
    for (const id of tenantIds) expect(Object.values(resourcesOf(template)).some((r) => r.Properties.RoleName === `oaas-dev-eu-west-1-${id}`)).toBe(false);
    expect(ofType(template, 'AWS::EKS::PodIdentityAssociation')).toEqual([]);
    expect(ofType(template, 'AWS::CloudFormation::Stack')).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain(`"${TAG_KEYS.tenant}"`);
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fresh = build(starter);
    expect(nagFindings(fresh.app, { scope: fresh.stack, levels: ['error', 'warning'] })).toEqual([]);
  });
});

describe('ClusterStack (definition variants)', () => {
  test('opens a public endpoint only to the allow-list when the definition asks for one', () => {
    const model = mutable(starter);
    model.environments[0]!.cluster.endpointAccess = { public: true, allowList: ['203.0.113.0/24'] };
    build(model).template.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: true, PublicAccessCidrs: ['203.0.113.0/24'] }),
    });
  });

  test('leaves Argo CD out, and applies no tenant\'s manifests itself, when CloudFormation delivers the manifests', () => {
    const model = mutable(starter);
    model.environments[0]!.cluster.delivery = 'cdk';
    const { template } = build(model);
    expect(ofType(template, 'Custom::AWSCDK-EKS-HelmChart').map(([, r]) => r.Properties.Chart)).toEqual(['aws-load-balancer-controller']);
    expect(ofType(template, 'AWS::CloudFormation::Stack')).toEqual([]);
    expect(ofType(template, MANIFEST_RESOURCE_TYPE).every(([id]) => id.startsWith('LoadBalancerController'))).toBe(true);
  });
});

describe('ClusterStack (enterprise, production, us-east-1)', () => {
  const { stack, template, environment, app } = build(enterprise, 'production', 'us-east-1');

  test('creates a node group per pool, the GPU pool reserved for its tenant with the NVIDIA AMI', () => {
    template.resourceCountIs('AWS::EKS::Nodegroup', 2);
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      NodegroupName: 'gpu', AmiType: 'AL2023_x86_64_NVIDIA', InstanceTypes: ['g5.2xlarge'], ScalingConfig: { MinSize: 0, MaxSize: 8, DesiredSize: 0 },
      Labels: { [NODE_POOL_LABEL]: 'gpu', 'oaas.io/tenant': 'ml-research' },
      Taints: [{ Key: 'oaas.io/tenant', Value: 'ml-research', Effect: 'NO_SCHEDULE' }],
    });
    expect(ofType(template, 'AWS::EC2::LaunchTemplate').map(([, r]) => (r.Properties.LaunchTemplateData as { MetadataOptions: { HttpTokens: string } }).MetadataOptions.HttpTokens))
      .toEqual(['required', 'required']);
  });

  test('maps organization roles with system_admin to cluster admin, other organization roles to view, and no tenant role', () => {
    const entries = ofType(template, 'AWS::EKS::AccessEntry').map(([, r]) => r.Properties);
    const byGroup = (group: string) => entries.find((e) => (e.KubernetesGroups as string[] | undefined)?.includes(group));
    const policyOf = (group: string) => JSON.stringify(byGroup(group)!.AccessPolicies);
    for (const admin of ['enterprise_administrator', 'system_administrator', 'infrastructure_manager']) {
      expect(policyOf(`oaas:${admin}`)).toMatch(/AmazonEKSClusterAdminPolicy.*"AccessScope":\{"Type":"cluster"\}|"AccessScope":\{"Type":"cluster"\}.*AmazonEKSClusterAdminPolicy/);
    }
    expect(policyOf('oaas:monitoring_specialist')).toMatch(/AmazonEKSViewPolicy/);
    // Behaviour change: tenant-scoped roles used to get one entry each here (group oaas:<role>); they are mapped per tenant, in the tenant stacks.
    for (const tenantRole of ['tenant_administrator', 'meta_agent_manager', 'agent_developer', 'agent_operator', 'compliance_manager', 'audit_reviewer', 'security_manager']) {
      expect(byGroup(`oaas:${tenantRole}`)).toBeUndefined();
    }
    expect(entries).toHaveLength(5); // 4 organization roles with a permission set and the kubectl handler
  });

  test('lets each organization role be assumed only from its permission set\'s SSO roles, by any session of them', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'oaas-production-us-east-1-gov_monitoring_specialist',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { AWS: 'arn:aws:iam::300000000000:root' },
          Condition: { ArnLike: { 'aws:PrincipalArn': [
            'arn:aws:iam::300000000000:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_MonitoringSpecialist_*',
            'arn:aws:iam::300000000000:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_MonitoringSpecialist_*',
          ] } },
        })],
      },
    });
  });

  test('labels every node group\'s nodes with the pool label the charts select dedicated pools by, and taints them as the charts tolerate', () => {
    const nodegroups = ofType(template, 'AWS::EKS::Nodegroup').map(([, r]) => r.Properties as { NodegroupName: string; Labels: Record<string, string>; Taints?: unknown[] });
    expect(nodegroups.map((n) => n.NodegroupName).sort()).toEqual(environment.cluster.nodePools.map((p) => p.name).sort());
    for (const nodegroup of nodegroups) expect(nodegroup.Labels[NODE_POOL_LABEL]).toBe(nodegroup.NodegroupName);
    const deployments = [...tenantManifests(enterprise, 'production', 'us-east-1').values()].flat().filter((o) => o.kind === 'Deployment');
    const pinned = deployments.map((d) => (d.spec as { template: { spec: { nodeSelector?: Record<string, string>; tolerations?: Array<{ key: string; value: string; effect: string }> } } }).template.spec)
      .filter((spec) => spec.nodeSelector !== undefined);
    expect(pinned.length).toBeGreaterThan(0);
    for (const spec of pinned) {
      const nodegroup = nodegroups.find((n) => Object.entries(spec.nodeSelector!).every(([key, value]) => n.Labels[key] === value));
      expect(nodegroup?.NodegroupName).toBe('gpu');
      expect(nodegroup!.Taints).toEqual(spec.tolerations!.map((t) => ({ Key: t.key, Value: t.value, Effect: 'NO_SCHEDULE' })));
    }
  });

  test('synthesizes offline: no context lookups', () => {
    expect(app.synth().manifest.missing ?? []).toEqual([]);
  });

  test('stays well under the CloudFormation limits of 500 resources and 1 MB', () => {
    const resources = Object.keys(resourcesOf(template)).length;
    const bytes = fs.statSync(app.synth().getStackByName(stack.stackName).templateFullPath).size;
    expect(resources).toBeLessThan(100);
    expect(bytes).toBeLessThan(100_000);
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fresh = build(enterprise, 'production', 'us-east-1');
    expect(nagFindings(fresh.app, { scope: fresh.stack, levels: ['error', 'warning'] })).toEqual([]);
  });
});

describe('ClusterStack (its size does not depend on tenants or agents)', () => {
  const before = resourcesOf(build(enterprise, 'production', 'us-east-1').template);

  test('is the same template with another agent', () => {
    const model = mutable(enterprise);
    const payments = model.environments.find((e) => e.name === 'production')!.tenants.find((t) => t.id === 'payments')!;
    payments.agents.push({ ...structuredClone(payments.agents[0]!), name: 'aaa-first-by-name' });
    expect(resourcesOf(build(model, 'production', 'us-east-1').template)).toEqual(before);
  });

  test('is the same template with forty more tenants', () => {
    const model = mutable(enterprise);
    const production = model.environments.find((e) => e.name === 'production')!;
    const web = production.tenants.find((t) => t.id === 'web')!;
    for (let i = 0; i < 40; i += 1) {
      const id = `extra-${i}`;
      production.tenants.push({ ...structuredClone(web), id, namespaces: [id], agents: web.agents.map((a) => ({ ...structuredClone(a), tenant: id, namespace: id })), projects: [] });
    }
    expect(resourcesOf(build(model, 'production', 'us-east-1').template)).toEqual(before);
  });
});
