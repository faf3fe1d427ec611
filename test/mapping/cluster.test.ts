import { Size, aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { EnvironmentModel, NodePoolModel, RoleModel, WorkspaceModel } from '../../lib/definition/model';
import * as labels from '../../lib/k8s/labels';
import type { KubeObject } from '../../lib/k8s/manifest';
import { tenantGovernanceRoleName } from '../../lib/conventions/role-names';
import { tenantRoleGroup, tenantRoles } from '../../lib/k8s/rbac';
import { tenantManifests } from '../../lib/k8s/render';
import {
  ADDON_VERSIONS, ALB_CONTROLLER_VERSION, ARGO_CD_CHART_VERSION, DELIVERY_BOUNDS, INGRESS_SSL_POLICY, NODE_POOL_LABEL, TENANT_NODE_KEY,
  accessPoliciesOf, addonVersions, amiTypeFor, clusterName, clusterPlan, governanceAccessRoles,
  kubernetesGroupOf, manifestBytes, nodePoolProps, packTenantManifests, publicAccessCidrs, regionTenants, ssoRoleArnPatterns,
  tenantAccessPlan, tenantAccessPlans, tenantDataBucketName, tenantDataPrefix, tenantPlan,
} from '../../lib/mapping/cluster';
import { exampleModel } from '../helpers/workspace';

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const mutable = <T>(value: T): DeepMutable<T> => structuredClone(value);

const enterprise = exampleModel('enterprise');
const starter = exampleModel('starter');
const production = enterprise.environments.find((e) => e.name === 'production')!;
const dev = starter.environments[0]!;

const role = (overrides: Partial<RoleModel>): RoleModel => ({ id: 'role', title: 'Role', scope: 'tenant', permissions: [], ...overrides });

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
      ...general, capacityType: 'spot', desiredSize: 8, labels: { workload: 'batch' },
      taints: [{ key: 'batch', value: 'true', effect: 'PreferNoSchedule' }], diskSizeBytes: 200 * 2 ** 30,
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

  test('labels nodes with the key the charts\' node selectors use, and the tenant taint with their tolerations\' key', () => {
    expect(NODE_POOL_LABEL).toBe(labels.NODE_POOL_LABEL);
    expect(TENANT_NODE_KEY).toBe(labels.TENANT_TAINT_KEY);
    for (const pool of production.cluster.nodePools) expect(nodePoolProps(pool, production).labels).toMatchObject({ [labels.NODE_POOL_LABEL]: pool.name });
  });

  test('refuses a definition label that would give the pool label another value', () => {
    expect(nodePoolProps({ ...general, labels: { [NODE_POOL_LABEL]: 'general' } }, production).labels).toEqual({ [NODE_POOL_LABEL]: 'general' });
    expect(() => nodePoolProps({ ...general, labels: { [NODE_POOL_LABEL]: 'fast' } }, production))
      .toThrow(/node pool "general" labels its nodes oaas.io\/node-pool=fast, but the charts select .* remove the label/);
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
    expect(kubernetesGroupOf('agent_developer', role({ kubernetesGroup: 'developers' }))).toBe('developers');
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

  test('maps every organization role with an SSO permission set, and only those, by role id', () => {
    const organizationWithSso = Object.entries(enterprise.governance.roles)
      .filter(([, r]) => r.ssoPermissionSet && r.scope === 'organization').map(([id]) => id).sort();
    expect(organizationWithSso.length).toBeGreaterThan(0);
    expect(roles.map((r) => r.roleName)).toEqual(organizationWithSso.map((id) => `oaas-production-eu-west-1-gov_${id}`));
    expect(roles.map((r) => r.id)).toContain('EnterpriseAdministrator');
    expect(roles.map((r) => r.id)).not.toContain('ComplianceAnalyst');
  });

  test('maps no tenant-scoped role cluster-wide: those get per-tenant access', () => {
    expect(roles.map((r) => r.id)).not.toContain('AgentDeveloper');
    expect(roles.map((r) => r.id)).not.toContain('TenantAdministrator');
    expect(governanceAccessRoles(starter, dev, 'eu-west-1', 'aws')).toEqual([]);
  });

  test('trusts the SSO roles of the permission set and maps the group and policy of the scope', () => {
    const admin = roles.find((r) => r.id === 'EnterpriseAdministrator')!;
    expect(admin.trustedPrincipalArns).toEqual(ssoRoleArnPatterns('aws', '300000000000', 'AWSReservedSSO_', 'EnterpriseAdmin'));
    expect(admin.kubernetesGroups).toEqual(['oaas:enterprise_administrator']);
    expect(admin.accessPolicies!.map((p) => p.policy)).toEqual([expect.stringMatching(/AmazonEKSClusterAdminPolicy$/)]);
    expect(admin.principalTags).toBeUndefined();
    const monitoring = roles.find((r) => r.id === 'MonitoringSpecialist')!;
    expect(monitoring.accessPolicies!.map((p) => p.policy)).toEqual([expect.stringMatching(/AmazonEKSViewPolicy$/)]);
  });

  test('uses the definition\'s SSO role prefix', () => {
    const model = mutable(enterprise);
    model.security.authentication.ssoRolePrefix = 'CustomSSO_';
    const [first] = governanceAccessRoles(model, production, 'eu-west-1', 'aws');
    expect(first!.trustedPrincipalArns[0]).toMatch(/\/CustomSSO_[A-Za-z]+_\*$/);
  });
});

describe('tenant access', () => {
  const plans = tenantAccessPlans(enterprise, production, 'us-east-1', 'aws');

  test('has one plan per tenant of the region, keyed by tenant id', () => {
    expect(plans.map((p) => p.tenant.id)).toEqual(regionTenants(production, 'us-east-1').map((t) => t.id));
    expect(plans.map((p) => p.id)).toContain('CustomerSupport');
  });

  test('maps every tenant-scoped role with a permission set that the tenant\'s chart binds, and no organization role', () => {
    const expected = Object.entries(enterprise.governance.roles)
      .filter(([, r]) => r.scope === 'tenant' && r.ssoPermissionSet).map(([id]) => id).sort();
    for (const plan of plans) {
      const bound = tenantRoles(enterprise.governance, plan.tenant).map((r) => r.role);
      expect(plan.props.roles.map((r) => r.roleName)).toEqual(
        expected.filter((id) => bound.includes(id)).map((id) => tenantGovernanceRoleName(production, 'us-east-1', plan.tenant.id, id)),
      );
    }
    expect(plans[0]!.props.roles).toHaveLength(7);
  });

  test('gives each role exactly the group the tenant\'s RoleBindings name, and requires the tenant tag', () => {
    for (const plan of plans) {
      expect(plan.props).toMatchObject({ tenantId: plan.tenant.id, tenantTagKey: 'oaas:tenant' });
      for (const access of plan.props.roles) {
        const roleId = Object.keys(enterprise.governance.roles).find((id) => access.roleName === tenantGovernanceRoleName(production, 'us-east-1', plan.tenant.id, id))!;
        expect(access.kubernetesGroups).toEqual([tenantRoleGroup(plan.tenant.id, roleId, enterprise.governance.roles[roleId]!)]);
        expect(access.trustedPrincipalArns).toEqual(ssoRoleArnPatterns('aws', '300000000000', 'AWSReservedSSO_', enterprise.governance.roles[roleId]!.ssoPermissionSet!));
      }
    }
  });

  test('follows a role\'s kubernetes_group into the tenant group', () => {
    const model = mutable(enterprise);
    model.governance.roles.agent_developer!.kubernetesGroup = 'developers';
    const [first] = tenantAccessPlans(model, production, 'us-east-1', 'aws');
    expect(first!.props.roles.find((r) => r.id === 'AgentDeveloper')!.kubernetesGroups).toEqual([`oaas:${first!.tenant.id}:developers`]);
  });

  test('leaves out roles the chart does not bind (no Kubernetes rules) and tenants left without a role', () => {
    const model = mutable(starter);
    model.governance.roles.agent_developer!.permissions = [];
    expect(tenantAccessPlans(model as WorkspaceModel, dev, 'eu-west-1', 'aws').map((p) => p.props.roles.map((r) => r.id))).toEqual([['TenantAdministrator'], ['TenantAdministrator']]);
    model.governance.roles.tenant_administrator!.permissions = [];
    expect(tenantAccessPlans(model as WorkspaceModel, dev, 'eu-west-1', 'aws')).toEqual([]);
    expect(tenantAccessPlan(model as WorkspaceModel, dev, 'eu-west-1', 'aws', dev.tenants[0]!)).toBeUndefined();
  });

  test('plans one tenant as the region\'s plans do, whatever the other tenants', () => {
    for (const plan of plans) expect(tenantAccessPlan(enterprise, production, 'us-east-1', 'aws', plan.tenant)).toEqual(plan);
  });
});

describe('packTenantManifests', () => {
  const manifests = tenantManifests(enterprise, 'production', 'us-east-1');
  const packed = packTenantManifests(manifests);

  test('packs each tenant into a nested stack of its own, keyed by tenant id', () => {
    expect(packed.map((p) => p.tenantId)).toEqual([...manifests.keys()]);
    expect(packed.find((p) => p.tenantId === 'customer-support')!.id).toBe('CustomerSupport');
  });

  test('keeps every object once, in tenantManifests order within each group', () => {
    for (const plan of packed) {
      const objects = manifests.get(plan.tenantId)!;
      expect(plan.groups.flatMap((g) => g.objects).length).toBe(objects.length);
      for (const group of plan.groups) {
        const positions = group.objects.map((o) => objects.indexOf(o as KubeObject));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
    }
  });

  test('groups a namespace\'s own objects, then each agent\'s, applied after the namespace', () => {
    const payments = packed.find((p) => p.tenantId === 'payments')!;
    const base = payments.groups.filter((g) => g.agent === undefined);
    expect(base.map((g) => g.namespace)).toEqual([...enterprise.environments[1]!.tenants.find((t) => t.id === 'payments')!.namespaces].sort());
    for (const group of base) {
      expect(group.objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: group.namespace } });
      expect(group.after).toEqual([]);
    }
    for (const group of payments.groups.filter((g) => g.agent !== undefined)) {
      expect(group.after).toEqual([base.find((b) => b.namespace === group.namespace)!.id]);
      for (const object of group.objects) {
        expect(object).toMatchObject({ metadata: { namespace: group.namespace, labels: { [labels.LABELS.component]: 'agent', [labels.LABELS.name]: group.agent } } });
      }
    }
  });

  test('keeps every manifest under the payload bound and every tenant stack under the template bound', () => {
    for (const plan of packed) {
      expect(plan.templateBytes).toBeLessThanOrEqual(DELIVERY_BOUNDS.maxTemplateBytes);
      for (const group of plan.groups) {
        expect(group.bytes).toBe(manifestBytes(group.objects as KubeObject[]));
        expect(group.bytes).toBeLessThanOrEqual(DELIVERY_BOUNDS.maxManifestBytes);
      }
    }
    expect(DELIVERY_BOUNDS.maxManifestBytes).toBe(100 * 1024);
  });

  test('gives an object the same group whatever the other tenants, namespaces and agents', () => {
    const web = manifests.get('web')!;
    const alone = packTenantManifests(new Map([['web', web]]));
    expect(alone).toEqual([packed.find((p) => p.tenantId === 'web')]);
    const withoutAgent = packTenantManifests(new Map([['web', web.filter((o) => o.metadata.labels?.[labels.LABELS.name] !== 'summarizer' && o.metadata.name !== 'summarizer-egress')]]));
    const before = packed.find((p) => p.tenantId === 'web')!.groups;
    const after = withoutAgent[0]!.groups;
    for (const group of after.filter((g) => g.agent !== undefined)) expect(group).toEqual(before.find((g) => g.id === group.id));
  });

  test.each([
    ['a group over the payload bound', { ...DELIVERY_BOUNDS, maxManifestBytes: 1024 }, /the objects of namespace web take \d+ bytes, above the 1024 bytes one manifest resource may carry; use cluster.delivery: gitops/],
    ['a tenant over the template bound', { ...DELIVERY_BOUNDS, maxTemplateBytes: 20 * 1024 }, /tenant "web" needs \d+ manifest resources and about \d+ template bytes, above the 400 resources and 20480 bytes/],
    ['a tenant over the resource bound', { ...DELIVERY_BOUNDS, maxResources: 2 }, /tenant "web" needs \d+ manifest resources/],
  ])('refuses %s, naming the tenant and the way out', (_name, bounds, message) => {
    expect(() => packTenantManifests(new Map([['web', manifests.get('web')!]]), bounds)).toThrow(message);
  });

  test('refuses an object without a namespace', () => {
    const clusterScoped = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' } } as KubeObject;
    expect(() => packTenantManifests(new Map([['web', [clusterScoped]]]))).toThrow(/ClusterRole x of tenant "web" has no namespace/);
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

  test('has one node pool per pool, keyed by name, and nothing of any tenant', () => {
    expect(plan.nodePools.map((p) => p.id)).toEqual(['General', 'Gpu']);
    expect(Object.keys(plan).sort()).toEqual(['addons', 'cluster', 'gitOps', 'governance', 'loadBalancer', 'nodePools']);
  });

  test('keeps the control-plane logs (the Kubernetes audit log) for the audit retention', () => {
    // The enterprise audit retention is 7 years: 2557 days, the first allowed value at or above it.
    expect(plan.cluster.logRetention).toBe(2557);
  });

  test('leaves Argo CD out when CloudFormation delivers the manifests (the tenant stacks apply them)', () => {
    const env = mutable(production);
    env.cluster.delivery = 'cdk';
    const cdk = clusterPlan(enterprise, env, 'us-east-1', 'aws');
    expect(cdk.gitOps).toBeUndefined();
    expect({ ...cdk, gitOps: plan.gitOps }).toEqual(plan);
  });

  test('holds only organization roles in the cluster\'s governance access', () => {
    expect(plan.governance).toEqual(governanceAccessRoles(enterprise, production, 'us-east-1', 'aws'));
  });

  test('passes a public endpoint\'s allow-list', () => {
    const env = mutable(production);
    env.cluster.endpointAccess = { public: true, allowList: ['198.51.100.0/24'] };
    expect(clusterPlan(enterprise, env as EnvironmentModel, 'us-east-1', 'aws').cluster.publicAccessCidrs).toEqual(['198.51.100.0/24']);
  });
});
