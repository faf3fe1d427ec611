import { Size, aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { EnvironmentModel, NodePoolModel } from '../../lib/definition/model';
import type { RoleDefinition } from '../../lib/definition/schema/governance';
import {
  ADDON_VERSIONS, ALB_CONTROLLER_VERSION, ARGO_CD_CHART_VERSION, INGRESS_SSL_POLICY, NODE_POOL_LABEL, TENANT_NODE_KEY,
  accessPoliciesOf, addonVersions, amiTypeFor, clusterName, clusterPlan, governanceAccessRoles, governanceRoleName, iamRoleName,
  kubernetesGroupOf, nodePoolProps, publicAccessCidrs, regionTenants, ssoRoleArnPatterns, tenantDataBucketName, tenantDataPrefix,
  tenantPlan, tenantRoleName,
} from '../../lib/mapping/cluster';
import { exampleModel } from '../helpers/workspace';

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const mutable = <T>(value: T): DeepMutable<T> => structuredClone(value);

const enterprise = exampleModel('enterprise');
const starter = exampleModel('starter');
const production = enterprise.environments.find((e) => e.name === 'production')!;
const dev = starter.environments[0]!;

const role = (overrides: Partial<RoleDefinition>): RoleDefinition => ({ title: 'Role', scope: 'tenant', permissions: [], ...overrides });

describe('names', () => {
  test('clusterName is organization-environment-region', () => {
    expect(clusterName(enterprise.organization, production, 'eu-west-1')).toBe('acme-production-eu-west-1');
  });

  test('tenantDataBucketName is deterministic and names the account', () => {
    expect(tenantDataBucketName(enterprise.organization, production, 'ap-southeast-1')).toBe('acme-production-ap-southeast-1-tenant-data-300000000000');
    expect(tenantDataBucketName(starter.organization, dev, 'eu-west-1')).toBe('starter-dev-eu-west-1-tenant-data-222222222222');
  });

  test('tenantDataBucketName refuses a name S3 would refuse, saying what to shorten', () => {
    const org = { ...enterprise.organization, name: 'a-very-long-organization-name' };
    expect(() => tenantDataBucketName(org, production, 'ap-southeast-1')).toThrow(/has 80 characters, S3 allows 63; shorten organization.name/);
  });

  test('tenantDataPrefix ends in a slash, so one tenant id never prefixes another tenant\'s keys', () => {
    expect(tenantDataPrefix('payments')).toBe('tenants/payments/');
    expect(tenantDataPrefix('payments').startsWith(tenantDataPrefix('pay'))).toBe(false);
  });

  test('governance and tenant role names are per environment and region and never collide', () => {
    expect(governanceRoleName(production, 'eu-west-1', 'tenant_administrator')).toBe('oaas-production-eu-west-1-gov_tenant_administrator');
    expect(tenantRoleName(production, 'eu-west-1', 'payments')).toBe('oaas-production-eu-west-1-payments');
    expect(governanceRoleName(production, 'eu-west-1', 'security')).not.toBe(tenantRoleName(production, 'eu-west-1', 'security'));
  });

  test('iamRoleName keeps names up to 64 characters and shortens longer ones deterministically', () => {
    expect(iamRoleName('oaas', 'dev', 'eu-west-1', 'web')).toBe('oaas-dev-eu-west-1-web');
    const long = iamRoleName('oaas', 'production', 'ap-southeast-1', 'gov_a_governance_role_with_a_long_name');
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^oaas-production-ap-southeast-1-gov_a_governance_role_wi-[0-9a-f]{8}$/);
    expect(iamRoleName('oaas', 'production', 'ap-southeast-1', 'gov_a_governance_role_with_a_long_name')).toBe(long);
    expect(iamRoleName('oaas', 'production', 'ap-southeast-1', 'gov_a_governance_role_with_a_long_name2')).not.toBe(long);
  });

  test('ssoRoleArnPatterns match the IAM Identity Center role of the permission set with and without a region path', () => {
    expect(ssoRoleArnPatterns('aws', '300000000000', 'AWSReservedSSO_', 'TenantAdmin')).toEqual([
      'arn:aws:iam::300000000000:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_TenantAdmin_*',
      'arn:aws:iam::300000000000:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_TenantAdmin_*',
    ]);
  });
});

describe('cluster', () => {
  test('publicAccessCidrs is undefined for a private endpoint', () => {
    expect(publicAccessCidrs(production.cluster)).toBeUndefined();
  });

  test('publicAccessCidrs is the allow-list of a public endpoint', () => {
    expect(publicAccessCidrs({ ...production.cluster, endpointAccess: { public: true, allowList: ['203.0.113.0/24'] } })).toEqual(['203.0.113.0/24']);
  });

  test('publicAccessCidrs refuses a public endpoint without an allow-list', () => {
    expect(() => publicAccessCidrs({ ...production.cluster, endpointAccess: { public: true, allowList: [] } })).toThrow(/allow_list is empty/);
  });

  test('addonVersions returns the pinned row of a Kubernetes minor', () => {
    expect(addonVersions('1.33')).toEqual(ADDON_VERSIONS['1.33']);
    for (const version of Object.values(addonVersions('1.33'))) expect(version).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
  });

  test('addonVersions refuses a version without pins, naming the table to extend', () => {
    expect(() => addonVersions('1.30')).toThrow(/no pinned EKS add-on versions for Kubernetes 1.30 \(pinned: 1.33\); add a row to ADDON_VERSIONS/);
  });
});

describe('node pools', () => {
  test.each([
    [['m7i.xlarge', 'm6i.xlarge'], eks.NodegroupAmiType.AL2023_X86_64_STANDARD],
    [['m7g.large', 'c7gn.xlarge', 't4g.medium'], eks.NodegroupAmiType.AL2023_ARM_64_STANDARD],
    [['g5.2xlarge', 'g6e.xlarge', 'p5.48xlarge'], eks.NodegroupAmiType.AL2023_X86_64_NVIDIA],
    [['g5g.xlarge'], eks.NodegroupAmiType.AL2023_ARM_64_NVIDIA],
    [['inf2.xlarge', 'trn1.2xlarge'], eks.NodegroupAmiType.AL2023_X86_64_NEURON],
  ])('amiTypeFor %j is %s', (types, ami) => {
    expect(amiTypeFor(types)).toBe(ami);
  });

  test('amiTypeFor refuses instance types that need different AMIs', () => {
    expect(() => amiTypeFor(['m7i.large', 'm7g.large'])).toThrow(/share one AMI type, got m7i.large, m7g.large \(x86, arm\); split them into pools/);
  });

  test('amiTypeFor refuses AMD GPUs', () => {
    expect(() => amiTypeFor(['g4ad.xlarge'])).toThrow(/AMD GPUs/);
  });

  const general = production.cluster.nodePools.find((p) => p.name === 'general')!;
  const gpu = production.cluster.nodePools.find((p) => p.name === 'gpu')!;

  test('maps a pool\'s sizes, instance types, capacity type and disk, and labels nodes with the pool', () => {
    const props = nodePoolProps(general, production);
    expect(props).toMatchObject({
      nodegroupName: 'general',
      minSize: 6,
      maxSize: 60,
      capacityType: eks.CapacityType.ON_DEMAND,
      amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      labels: { [NODE_POOL_LABEL]: 'general' },
      taints: [],
      httpPutResponseHopLimit: 1,
    });
    expect(props.instanceTypes.map(String)).toEqual(['m7i.2xlarge', 'm6i.2xlarge']);
    expect(props.diskSize?.toGibibytes()).toBe(Size.gibibytes(100).toGibibytes());
    expect(props.desiredSize).toBeUndefined();
  });

  test('maps spot capacity, desired size, labels and taints of the definition', () => {
    const pool: NodePoolModel = {
      ...general, capacity_type: 'spot', desired_size: 8, labels: { workload: 'batch' },
      taints: [{ key: 'batch', value: 'true', effect: 'PreferNoSchedule' }], disk_size: 200 * 2 ** 30,
    };
    expect(nodePoolProps(pool, production)).toMatchObject({
      capacityType: eks.CapacityType.SPOT,
      desiredSize: 8,
      labels: { workload: 'batch', [NODE_POOL_LABEL]: 'general' },
      taints: [{ key: 'batch', value: 'true', effect: eks.TaintEffect.PREFER_NO_SCHEDULE }],
    });
    expect(nodePoolProps(pool, production).diskSize?.toGibibytes()).toBe(200);
  });

  test('labels a dedicated pool with its tenant and keeps the definition\'s identical taint once', () => {
    const props = nodePoolProps(gpu, production);
    expect(props.labels).toEqual({ [NODE_POOL_LABEL]: 'gpu', [TENANT_NODE_KEY]: 'ml-research' });
    expect(props.taints).toEqual([{ key: TENANT_NODE_KEY, value: 'ml-research', effect: eks.TaintEffect.NO_SCHEDULE }]);
    expect(props.amiType).toBe(eks.NodegroupAmiType.AL2023_X86_64_NVIDIA);
  });

  test('taints a dedicated pool the definition left untainted', () => {
    expect(nodePoolProps({ ...gpu, taints: [] }, production).taints).toEqual([{ key: TENANT_NODE_KEY, value: 'ml-research', effect: eks.TaintEffect.NO_SCHEDULE }]);
  });

  test('refuses a dedicated pool tainted for another tenant', () => {
    const pool: NodePoolModel = { ...gpu, taints: [{ key: TENANT_NODE_KEY, value: 'analytics', effect: 'NoSchedule' }] };
    expect(() => nodePoolProps(pool, production)).toThrow(/reserved by tenant "ml-research" but tainted oaas.io\/tenant=analytics/);
  });

  test('refuses a pool two tenants reserve', () => {
    const env = mutable(production);
    env.tenants.find((t) => t.id === 'analytics')!.dedicatedNodePool = 'gpu';
    expect(() => nodePoolProps(gpu, env as EnvironmentModel)).toThrow(/reserved by several tenants \(analytics, ml-research\)/);
  });
});

describe('governance', () => {
  test('kubernetesGroupOf is the role\'s kubernetes_group, else oaas:<role>', () => {
    expect(kubernetesGroupOf('agent_developer', role({}))).toBe('oaas:agent_developer');
    expect(kubernetesGroupOf('agent_developer', role({ kubernetes_group: 'developers' }))).toBe('developers');
  });

  test.each([
    ['an organization role with system_admin', 'AmazonEKSClusterAdminPolicy', role({ scope: 'organization', permissions: ['view_audit', 'system_admin'] })],
    ['an organization role without it', 'AmazonEKSViewPolicy', role({ scope: 'organization', permissions: ['view_audit'] })],
  ])('accessPoliciesOf %s is %s on the whole cluster', (_name, policy, definition) => {
    const policies = accessPoliciesOf(definition);
    expect(policies).toHaveLength(1);
    expect(policies[0]!.policy).toMatch(new RegExp(`:eks::aws:cluster-access-policy/${policy}$`));
    expect(policies[0]!.accessScope).toEqual({ type: eks.AccessScopeType.CLUSTER });
  });

  test('accessPoliciesOf a tenant role is empty, even with system_admin: its group is bound per namespace', () => {
    expect(accessPoliciesOf(role({ scope: 'tenant', permissions: ['system_admin'] }))).toEqual([]);
  });

  const roles = governanceAccessRoles(enterprise, production, 'eu-west-1', 'aws');

  test('maps every governance role with an SSO permission set, and only those, by role id', () => {
    const withSso = Object.entries(enterprise.governance.roles).filter(([, r]) => r.sso_permission_set).map(([id]) => id).sort();
    expect(roles.map((r) => r.roleName)).toEqual(withSso.map((id) => `oaas-production-eu-west-1-gov_${id}`));
    expect(roles.map((r) => r.id)).toContain('EnterpriseAdministrator');
    expect(roles.map((r) => r.id)).not.toContain('ComplianceAnalyst');
  });

  test('trusts the SSO roles of the permission set and maps the group and policy of the scope', () => {
    const admin = roles.find((r) => r.id === 'EnterpriseAdministrator')!;
    expect(admin.trustedPrincipalArns).toEqual(ssoRoleArnPatterns('aws', '300000000000', 'AWSReservedSSO_', 'EnterpriseAdmin'));
    expect(admin.kubernetesGroups).toEqual(['oaas:enterprise_administrator']);
    expect(admin.accessPolicies!.map((p) => p.policy)).toEqual([expect.stringMatching(/AmazonEKSClusterAdminPolicy$/)]);
    const monitoring = roles.find((r) => r.id === 'MonitoringSpecialist')!;
    expect(monitoring.accessPolicies!.map((p) => p.policy)).toEqual([expect.stringMatching(/AmazonEKSViewPolicy$/)]);
    const developer = roles.find((r) => r.id === 'AgentDeveloper')!;
    expect(developer.accessPolicies).toEqual([]);
    expect(developer.kubernetesGroups).toEqual(['oaas:agent_developer']);
  });

  test('uses the definition\'s SSO role prefix', () => {
    const model = mutable(enterprise);
    model.security.authentication.sso_role_prefix = 'CustomSSO_';
    const [first] = governanceAccessRoles(model, production, 'eu-west-1', 'aws');
    expect(first!.trustedPrincipalArns[0]).toMatch(/\/CustomSSO_[A-Za-z]+_\*$/);
  });
});

describe('tenants', () => {
  test('regionTenants keeps the tenants that run in the region, by id', () => {
    const us = regionTenants(production, 'us-east-1').map((t) => t.id);
    const eu = regionTenants(production, 'eu-west-1').map((t) => t.id);
    expect(us).toContain('healthcare');
    expect(us).not.toContain('eu-services');
    expect(eu).toContain('eu-services');
    expect(eu).not.toContain('healthcare');
    expect(us).toEqual([...us].sort());
  });

  test('tenantPlan names the role, namespaces, bucket, prefix and one service account per agent', () => {
    const payments = production.tenants.find((t) => t.id === 'payments')!;
    const plan = tenantPlan(enterprise.organization, production, 'eu-west-1', payments);
    expect(plan.id).toBe('Payments');
    expect(plan.props).toMatchObject({
      tenantId: 'payments',
      roleName: 'oaas-production-eu-west-1-payments',
      namespaces: payments.namespaces,
      dataBucketName: 'acme-production-eu-west-1-tenant-data-300000000000',
      dataPrefix: 'tenants/payments/',
    });
    expect(plan.props.serviceAccounts).toHaveLength(payments.agents.length);
    for (const agent of payments.agents) {
      expect(plan.props.serviceAccounts).toContainEqual({ id: expect.any(String), namespace: agent.namespace, serviceAccount: agent.name });
    }
  });
});

describe('clusterPlan', () => {
  const plan = clusterPlan(enterprise, production, 'us-east-1', 'aws');

  test('pins the cluster version, add-ons, load balancer controller and Argo CD', () => {
    expect(plan.cluster).toMatchObject({ clusterName: 'acme-production-us-east-1', version: eks.KubernetesVersion.of('1.33') });
    expect(plan.cluster.publicAccessCidrs).toBeUndefined();
    expect(plan.addons).toEqual({ versions: ADDON_VERSIONS['1.33'], networkPolicy: true });
    expect(plan.loadBalancer).toMatchObject({ version: ALB_CONTROLLER_VERSION, sslPolicy: INGRESS_SSL_POLICY });
    expect(INGRESS_SSL_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(plan.gitOps).toEqual({ version: ARGO_CD_CHART_VERSION, namespace: 'argocd' });
  });

  test('has one node pool per pool and one tenant plan per tenant of the region, keyed by name', () => {
    expect(plan.nodePools.map((p) => p.id)).toEqual(['General', 'Gpu']);
    expect(plan.tenants.map((t) => t.tenant.id)).toEqual(regionTenants(production, 'us-east-1').map((t) => t.id));
  });

  test('takes the log retention from monitoring.log_retention', () => {
    expect(plan.cluster.logRetention).toBe(365);
  });

  test('leaves Argo CD out when manifests are delivered by the cluster stack', () => {
    const env = mutable(production);
    env.cluster.delivery = 'cdk';
    expect(clusterPlan(enterprise, env as EnvironmentModel, 'us-east-1', 'aws').gitOps).toBeUndefined();
  });

  test('passes a public endpoint\'s allow-list', () => {
    const env = mutable(production);
    env.cluster.endpointAccess = { public: true, allowList: ['198.51.100.0/24'] };
    expect(clusterPlan(enterprise, env as EnvironmentModel, 'us-east-1', 'aws').cluster.publicAccessCidrs).toEqual(['198.51.100.0/24']);
  });
});
