/**
 * Model → props of the cluster constructs of one region of one environment:
 * the EKS cluster, its node pools, add-ons, organization governance access
 * entries, load balancer controller and Argo CD (`clusterPlan`); and, per
 * tenant, its workload identity (`tenantPlan`), the access of its people
 * (`tenantAccessPlan`) and, with `delivery: cdk`, its manifests packed into
 * manifest resources (`packTenantManifests`), which `tenant-stacks.ts`
 * assigns to the tenant's stack. Pure functions of the resolved model; the
 * stacks add what only exists at synth (VPC, keys, cluster). Every pinned
 * version of the cluster layer is in this file.
 */
import { createHash } from 'crypto';
import { Size, aws_ec2 as ec2, aws_eks_v2 as eks } from 'aws-cdk-lib';
import type {
  ClusterModel, EnvironmentModel, NodePoolModel, OrganizationModel, TenantModel, WorkspaceModel,
} from '../definition/model';
import { instanceKind } from '../definition/instance-types';
import { tenantRegions } from '../definition/model';
import type { RoleDefinition } from '../definition/schema/governance';
import type { KubernetesVersion } from '../definition/kubernetes-versions';
import { LABELS, NODE_POOL_LABEL, TENANT_TAINT_KEY } from '../k8s/labels';
import type { KubeObject } from '../k8s/manifest';
import { describeObject } from '../k8s/manifest';
import { tenantRoleGroup, tenantRoles } from '../k8s/rbac';
import { idFrom, TAG_KEYS } from '../platform/naming';
import { retentionDaysAtLeast } from './security';
import type { CoreAddonsProps, CoreAddonVersions } from '../../constructs/cluster/core-addons';
import type { GitOpsControllerProps } from '../../constructs/cluster/gitops-controller';
import type { GovernanceRoleAccess } from '../../constructs/cluster/governance-access';
import type { LoadBalancerControllerProps } from '../../constructs/cluster/load-balancer-controller';
import { TLS13_SSL_POLICY } from '../../constructs/cluster/load-balancer-controller';
import type { ManagedNodePoolProps } from '../../constructs/cluster/managed-node-pool';
import type { PlatformClusterProps } from '../../constructs/cluster/platform-cluster';
import type { TenantAccessProps } from '../../constructs/cluster/tenant-access';
import type { ManifestGroup } from '../../constructs/cluster/tenant-manifests';
import { MAX_MANIFEST_PAYLOAD } from '../../constructs/cluster/tenant-manifests';
import type { TenantWorkloadIdentityProps } from '../../constructs/cluster/tenant-workload-identity';

// ---------------------------------------------------------------- pinned versions

/**
 * EKS managed add-on versions, per Kubernetes minor. Check a row with
 * `aws eks describe-addon-versions --kubernetes-version <minor> --addon-name <name>`
 * before adding it; a cluster version without a row fails the synth.
 */
export const ADDON_VERSIONS: Readonly<Record<KubernetesVersion, CoreAddonVersions>> = {
  '1.33': {
    vpcCni: 'v1.20.2-eksbuild.1',
    coreDns: 'v1.12.4-eksbuild.1',
    kubeProxy: 'v1.33.3-eksbuild.6',
    podIdentityAgent: 'v1.3.8-eksbuild.2',
    ebsCsiDriver: 'v1.50.1-eksbuild.1',
  },
};

/** `argo-cd` chart of https://argoproj.github.io/argo-helm (Argo CD v3.2). */
export const ARGO_CD_CHART_VERSION = '9.2.2';

/** AWS Load Balancer Controller; v2.14+ reads `wafv2AclArn` from IngressClassParams. */
export const ALB_CONTROLLER_VERSION = eks.AlbControllerVersion.V3_2_2;

/** Listener SSL policy of every ALB of the platform's ingress class. */
export const INGRESS_SSL_POLICY = TLS13_SSL_POLICY;

// ---------------------------------------------------------------- names

/** Node label naming the pool of a node: the key the charts' node selectors use (`lib/k8s/labels.ts`). */
export { NODE_POOL_LABEL };
/** Node label and taint key of a pool reserved for one tenant: the key the charts' tolerations use. */
export const TENANT_NODE_KEY = TENANT_TAINT_KEY;
/** Governance permission that makes an organization role cluster admin. */
export const SYSTEM_ADMIN_PERMISSION = 'system_admin';

const IAM_ROLE_NAME_MAX = 64;
const S3_BUCKET_NAME_MAX = 63;

/** `acme-production-eu-west-1`: the EKS cluster of a region. */
export function clusterName(org: OrganizationModel, env: EnvironmentModel, region: string): string {
  return `${org.name}-${env.name}-${region}`;
}

/**
 * `acme-production-eu-west-1-tenant-data-300000000000`: the bucket of tenant
 * data of a region. Whoever creates the bucket uses this function, so the
 * tenant roles and the bucket agree on the name.
 */
export function tenantDataBucketName(org: OrganizationModel, env: EnvironmentModel, region: string): string {
  const name = `${org.name}-${env.name}-${region}-tenant-data-${env.account}`;
  if (name.length > S3_BUCKET_NAME_MAX) {
    throw new Error(`tenantDataBucketName: "${name}" has ${name.length} characters, S3 allows ${S3_BUCKET_NAME_MAX}; `
      + `shorten organization.name ("${org.name}") or the environment name ("${env.name}")`);
  }
  return name;
}

/** `tenants/payments/`: a tenant's key prefix in the tenant-data bucket. */
export function tenantDataPrefix(tenantId: string): string {
  return `tenants/${tenantId}/`;
}

/**
 * An IAM role name from its parts, joined with `-`. Names longer than IAM's 64
 * characters keep their first 55 and end in 8 hex digits of their SHA-256,
 * so they stay unique and deterministic.
 */
export function iamRoleName(...parts: string[]): string {
  const name = parts.join('-');
  if (name.length <= IAM_ROLE_NAME_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, IAM_ROLE_NAME_MAX - hash.length - 1)}-${hash}`;
}

/**
 * `oaas-production-eu-west-1-gov_tenant_administrator`: the role SSO users of a
 * governance role assume on a region's cluster. The `gov_` marker cannot occur
 * in a tenant id, so it never collides with a tenant role.
 */
export function governanceRoleName(env: EnvironmentModel, region: string, roleId: string): string {
  return iamRoleName('oaas', env.name, region, `gov_${roleId}`);
}

/**
 * `oaas-production-eu-west-1-payments-gov_agent_developer`: the role SSO users
 * of a tenant-scoped governance role assume to act in one tenant on a region's
 * cluster. Tenant ids have no `_`, so `-gov_` tells it from every tenant's
 * workload role and from the organization roles of `governanceRoleName`.
 */
export function tenantGovernanceRoleName(env: EnvironmentModel, region: string, tenantId: string, roleId: string): string {
  return iamRoleName('oaas', env.name, region, tenantId, `gov_${roleId}`);
}

/** `oaas-production-eu-west-1-payments`: the role of a tenant's workloads in a region. */
export function tenantRoleName(env: EnvironmentModel, region: string, tenantId: string): string {
  return iamRoleName('oaas', env.name, region, tenantId);
}

/**
 * ARN patterns of the IAM Identity Center roles of a permission set in an
 * account: `…:role/aws-reserved/sso.amazonaws.com/[<region>/]<prefix><set>_<suffix>`.
 * The random suffix is why access entries cannot name these roles directly.
 */
export function ssoRoleArnPatterns(partition: string, account: string, rolePrefix: string, permissionSet: string): string[] {
  const base = `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com`;
  return [`${base}/${rolePrefix}${permissionSet}_*`, `${base}/*/${rolePrefix}${permissionSet}_*`];
}

// ---------------------------------------------------------------- cluster

/**
 * CIDRs of a public API endpoint: undefined (private endpoint only) unless the
 * definition asks for a public endpoint, which must come with its allow-list.
 */
export function publicAccessCidrs(cluster: ClusterModel): string[] | undefined {
  if (!cluster.endpointAccess.public) return undefined;
  if (cluster.endpointAccess.allowList.length === 0) {
    throw new Error('publicAccessCidrs: cluster.endpoint_access.public is true but allow_list is empty; '
      + 'list the CIDRs that may reach the Kubernetes API, or set public: false');
  }
  return [...cluster.endpointAccess.allowList];
}

/** The pinned add-on versions of a Kubernetes minor. */
export function addonVersions(kubernetesVersion: string): CoreAddonVersions {
  const versions = Object.hasOwn(ADDON_VERSIONS, kubernetesVersion) ? ADDON_VERSIONS[kubernetesVersion as KubernetesVersion] : undefined;
  if (!versions) {
    throw new Error(`addonVersions: no pinned EKS add-on versions for Kubernetes ${kubernetesVersion} (pinned: ${Object.keys(ADDON_VERSIONS).join(', ')}); `
      + 'add a row to ADDON_VERSIONS in lib/mapping/cluster.ts or use a pinned version in cluster.kubernetes_version');
  }
  return versions;
}

// ---------------------------------------------------------------- node pools

type AmiKind = 'x86' | 'arm' | 'nvidia-x86' | 'nvidia-arm' | 'neuron';

const AMI_TYPES: Readonly<Record<AmiKind, eks.NodegroupAmiType>> = {
  'x86': eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
  'arm': eks.NodegroupAmiType.AL2023_ARM_64_STANDARD,
  'nvidia-x86': eks.NodegroupAmiType.AL2023_X86_64_NVIDIA,
  'nvidia-arm': eks.NodegroupAmiType.AL2023_ARM_64_NVIDIA,
  'neuron': eks.NodegroupAmiType.AL2023_X86_64_NEURON,
};

function amiKind(instanceType: string): AmiKind {
  const kind = instanceKind(instanceType);
  if (kind === 'amd-gpu') throw new Error(`amiTypeFor: ${instanceType} has AMD GPUs, which no EKS-optimized AL2023 AMI supports; use an NVIDIA family (g5, g6, p5…)`);
  return kind;
}

/** The AL2023 AMI type of a pool's instance types (standard, ARM, NVIDIA or Neuron). */
export function amiTypeFor(instanceTypes: readonly string[]): eks.NodegroupAmiType {
  const kinds = [...new Set(instanceTypes.map(amiKind))];
  if (kinds.length !== 1) {
    throw new Error(`amiTypeFor: expected instance types that share one AMI type, got ${instanceTypes.join(', ')} (${kinds.join(', ')}); split them into pools`);
  }
  return AMI_TYPES[kinds[0]!];
}

const TAINT_EFFECTS: Readonly<Record<NodePoolModel['taints'][number]['effect'], eks.TaintEffect>> = {
  NoSchedule: eks.TaintEffect.NO_SCHEDULE,
  PreferNoSchedule: eks.TaintEffect.PREFER_NO_SCHEDULE,
  NoExecute: eks.TaintEffect.NO_EXECUTE,
};

/**
 * Props of one node pool. Its nodes carry `NODE_POOL_LABEL=<pool name>`, the
 * label the charts' node selectors of dedicated pools use. A pool a tenant
 * reserves (`isolation.dedicated_node_pool`) also gets the `oaas.io/tenant=<tenant>`
 * label and a NoSchedule taint, unless the definition already taints it with
 * that key and value.
 */
export function nodePoolProps(pool: NodePoolModel, env: EnvironmentModel): Omit<ManagedNodePoolProps, 'cluster' | 'volumeKey'> {
  const owners = env.tenants.filter((t) => t.dedicatedNodePool === pool.name).map((t) => t.id);
  if (owners.length > 1) {
    throw new Error(`nodePoolProps: node pool "${pool.name}" of environment "${env.name}" is reserved by several tenants (${owners.join(', ')}); `
      + 'a dedicated pool serves one tenant');
  }
  const owner = owners[0];
  const poolLabel = pool.labels[NODE_POOL_LABEL];
  if (poolLabel !== undefined && poolLabel !== pool.name) {
    throw new Error(`nodePoolProps: node pool "${pool.name}" labels its nodes ${NODE_POOL_LABEL}=${poolLabel}, but the charts select a pool's nodes by `
      + `${NODE_POOL_LABEL}=<pool name>, which the platform sets; remove the label`);
  }
  const taints: Array<{ key: string; value: string; effect: eks.TaintEffect }> = pool.taints.map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECTS[t.effect] }));
  if (owner !== undefined) {
    const existing = taints.find((t) => t.key === TENANT_NODE_KEY);
    if (existing && existing.value !== owner) {
      throw new Error(`nodePoolProps: node pool "${pool.name}" is reserved by tenant "${owner}" but tainted ${TENANT_NODE_KEY}=${existing.value}; `
        + 'remove the taint or reserve the pool for that tenant');
    }
    if (!existing) taints.push({ key: TENANT_NODE_KEY, value: owner, effect: eks.TaintEffect.NO_SCHEDULE });
  }
  return {
    nodegroupName: pool.name,
    instanceTypes: pool.instance_types.map((t) => new ec2.InstanceType(t)),
    amiType: amiTypeFor(pool.instance_types),
    capacityType: pool.capacity_type === 'spot' ? eks.CapacityType.SPOT : eks.CapacityType.ON_DEMAND,
    minSize: pool.min_size,
    maxSize: pool.max_size,
    ...(pool.desired_size !== undefined ? { desiredSize: pool.desired_size } : {}),
    diskSize: Size.gibibytes(Math.ceil(pool.disk_size / 2 ** 30)),
    labels: { ...pool.labels, [NODE_POOL_LABEL]: pool.name, ...(owner !== undefined ? { [TENANT_NODE_KEY]: owner } : {}) },
    taints,
    httpPutResponseHopLimit: 1,
  };
}

// ---------------------------------------------------------------- governance

/** Kubernetes group of a governance role: its `kubernetes_group`, else `oaas:<role>`. */
export function kubernetesGroupOf(roleId: string, role: RoleDefinition): string {
  return role.kubernetes_group ?? `oaas:${roleId}`;
}

/**
 * EKS access policies of a governance role: organization roles with
 * `system_admin` are cluster admins, other organization roles view the whole
 * cluster; tenant roles get none (their group is bound per namespace by the
 * tenant charts).
 */
export function accessPoliciesOf(role: RoleDefinition): eks.IAccessPolicy[] {
  if (role.scope !== 'organization') return [];
  const policy = role.permissions.includes(SYSTEM_ADMIN_PERMISSION) ? 'AmazonEKSClusterAdminPolicy' : 'AmazonEKSViewPolicy';
  return [eks.AccessPolicy.fromAccessPolicyName(policy, { accessScopeType: eks.AccessScopeType.CLUSTER })];
}

type SsoRole = RoleDefinition & { sso_permission_set: string };
const hasPermissionSet = (role: RoleDefinition | undefined): role is SsoRole => role?.sso_permission_set !== undefined;

/**
 * One access entry (through one IAM role) per organization-scoped governance
 * role with an SSO permission set, by role id: these act across tenants, with
 * a cluster-wide access policy. Tenant-scoped roles are mapped per tenant by
 * `tenantAccessPlan`, never cluster-wide.
 */
export function governanceAccessRoles(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string): GovernanceRoleAccess[] {
  const prefix = model.security.authentication.sso_role_prefix;
  return Object.entries(model.governance.roles)
    .filter((entry): entry is [string, SsoRole] => hasPermissionSet(entry[1]) && entry[1].scope === 'organization')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([roleId, role]) => ({
      id: idFrom(roleId),
      roleName: governanceRoleName(env, region, roleId),
      description: `${role.title} (governance role ${roleId}, ${role.scope} scope) on ${clusterName(model.organization, env, region)}; `
        + `assumed from IAM Identity Center permission set ${role.sso_permission_set}`,
      trustedPrincipalArns: ssoRoleArnPatterns(partition, env.account, prefix, role.sso_permission_set),
      accessPolicies: accessPoliciesOf(role),
      kubernetesGroups: [kubernetesGroupOf(roleId, role)],
    }));
}

// ---------------------------------------------------------------- tenants

/** Tenants of the environment that run in `region`, by id. */
export function regionTenants(env: EnvironmentModel, region: string): TenantModel[] {
  return env.tenants.filter((t) => tenantRegions(env, t).includes(region)).sort((a, b) => a.id.localeCompare(b.id));
}

export interface TenantPlan {
  /** Construct id, from the tenant id. */
  readonly id: string;
  readonly tenant: TenantModel;
  readonly props: Omit<TenantWorkloadIdentityProps, 'cluster' | 'dataKey'>;
}

/** The workload identity of a tenant in a region: its role and one Pod Identity association per agent. */
export function tenantPlan(org: OrganizationModel, env: EnvironmentModel, region: string, tenant: TenantModel): TenantPlan {
  return {
    id: idFrom(tenant.id),
    tenant,
    props: {
      tenantId: tenant.id,
      roleName: tenantRoleName(env, region, tenant.id),
      namespaces: [...tenant.namespaces],
      serviceAccounts: [...tenant.agents]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((agent) => ({ id: idFrom(agent.name), namespace: agent.namespace, serviceAccount: agent.name })),
      dataBucketName: tenantDataBucketName(org, env, region),
      dataPrefix: tenantDataPrefix(tenant.id),
    },
  };
}

/** The people's access to one tenant on one cluster. */
export interface TenantAccessPlan {
  /** Construct id, from the tenant id. */
  readonly id: string;
  readonly tenant: TenantModel;
  readonly props: Omit<TenantAccessProps, 'cluster'>;
}

/**
 * The people's access to `tenant` on the cluster of `region`: one IAM role and
 * access entry per tenant-scoped governance role that has an SSO permission
 * set and that the tenant's chart binds (`tenantRoles`: roles with Kubernetes
 * rules). The access entry's only group is `tenantRoleGroup(tenant, role)`,
 * the subject of that role's RoleBindings in the tenant's namespaces; the role
 * trusts the permission set's SSO roles only in sessions tagged
 * `oaas:tenant=<tenant>`. Undefined when the tenant has no such role.
 */
export function tenantAccessPlan(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string, tenant: TenantModel): TenantAccessPlan | undefined {
  const prefix = model.security.authentication.sso_role_prefix;
  const cluster = clusterName(model.organization, env, region);
  const roles = tenantRoles(model.governance, tenant).flatMap(({ role: roleId }) => {
    const role = model.governance.roles[roleId];
    if (!hasPermissionSet(role) || role.scope !== 'tenant') return [];
    return [{
      id: idFrom(roleId),
      roleName: tenantGovernanceRoleName(env, region, tenant.id, roleId),
      description: `${role.title} (governance role ${roleId}) of tenant ${tenant.id} on ${cluster}; assumed from IAM Identity Center `
        + `permission set ${role.sso_permission_set} by sessions tagged ${TAG_KEYS.tenant}=${tenant.id}`,
      trustedPrincipalArns: ssoRoleArnPatterns(partition, env.account, prefix, role.sso_permission_set),
      kubernetesGroups: [tenantRoleGroup(tenant.id, roleId, role)],
    }];
  });
  if (roles.length === 0) return undefined;
  return { id: idFrom(tenant.id), tenant, props: { tenantId: tenant.id, tenantTagKey: TAG_KEYS.tenant, roles } };
}

/** `tenantAccessPlan` of every tenant of the region that has one, by tenant id. */
export function tenantAccessPlans(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string): TenantAccessPlan[] {
  return regionTenants(env, region).flatMap((tenant) => tenantAccessPlan(model, env, region, partition, tenant) ?? []);
}

// ---------------------------------------------------------------- cdk delivery

/** Bounds the packing of tenant manifests keeps; see `packTenantManifests`. */
export interface DeliveryBounds {
  /** Most bytes of one manifest custom resource's `Manifest` property, as it appears in the template and the event. */
  readonly maxManifestBytes: number;
  /** Most bytes of one tenant's nested stack template. */
  readonly maxTemplateBytes: number;
  /** Most resources of one tenant's nested stack. */
  readonly maxResources: number;
}

/**
 * `maxManifestBytes`: 100 KiB. CloudFormation invokes the kubectl provider
 * asynchronously, and Lambda caps an asynchronous event at 256 KiB; an update
 * event carries the old and the new properties, so two manifests of 100 KiB
 * and the rest of the event (response URL, ids, about 2 KiB) stay below it.
 * `maxTemplateBytes` and `maxResources`: 80% of CloudFormation's 1 MB template
 * (the embedded manifests count against it) and of its 500 resources.
 */
export const DELIVERY_BOUNDS: DeliveryBounds = {
  maxManifestBytes: MAX_MANIFEST_PAYLOAD.toBytes(),
  maxTemplateBytes: 800 * 1024,
  maxResources: 400,
};

/**
 * Template bytes of a manifest resource besides its manifest (type, service
 * token, cluster name, prune label, dependencies, metadata) and of a nested
 * stack besides its resources (parameters), rounded up; the label the kubectl
 * provider injects into each object for pruning (`aws.cdk.eks/prune-<42 hex>`).
 */
const MANIFEST_RESOURCE_OVERHEAD = 1024;
const NESTED_STACK_OVERHEAD = 8 * 1024;
const PRUNE_LABEL_BYTES = 96;

/** Bytes of objects as the `Manifest` property of a template: JSON in a JSON string, prune labels included. */
export function manifestBytes(objects: readonly KubeObject[]): number {
  return Buffer.byteLength(JSON.stringify(JSON.stringify(objects)), 'utf8') + PRUNE_LABEL_BYTES * objects.length;
}

/** One manifest resource of a tenant's nested stack. */
export interface ManifestGroupPlan extends ManifestGroup {
  readonly namespace: string;
  /** The agent whose objects it holds; undefined for the namespace's own objects. */
  readonly agent?: string;
  /** `manifestBytes` of its objects. */
  readonly bytes: number;
}

/** The nested stack of one tenant's manifests, in the tenant's stack. */
export interface TenantManifestPlan {
  /** Construct id of the tenant, from the tenant id: the prefix of the nested stack's logical id. */
  readonly id: string;
  readonly tenantId: string;
  readonly groups: readonly ManifestGroupPlan[];
  /** Upper estimate of the nested stack's template bytes. */
  readonly templateBytes: number;
}

/** The namespace a tenant object belongs to: its own name for a Namespace. */
function namespaceOf(object: KubeObject, tenantId: string): string {
  const namespace = object.kind === 'Namespace' ? object.metadata.name : object.metadata.namespace;
  if (namespace === undefined) {
    throw new Error(`packTenantManifests: ${describeObject(object)} of tenant "${tenantId}" has no namespace; tenant charts render namespaced objects only`);
  }
  return namespace;
}

/**
 * Packs the manifests of a cluster's tenants (`tenantManifests`) into nested
 * stacks and manifest resources, keyed by names only so that adding, removing
 * or growing one tenant, namespace or agent changes no other's resources:
 *
 * - one nested stack per tenant (`idFrom(tenant)`);
 * - in it, per namespace, one resource with the namespace's own objects
 *   (Namespace, quota, limit range, network policies, RBAC; id `idFrom(namespace)`)
 *   and one resource per agent (objects labelled `app.kubernetes.io/component: agent`,
 *   id `idFrom(namespace)` + `idFrom(agent)`), applied after the namespace's.
 *
 * An object never moves between resources as others come and go: with pruning
 * on, a move would let the old resource delete the object before the new one
 * applies it. Objects keep the order `tenantManifests` gives. Throws, naming
 * the tenant and what to do, when a resource would pass `maxManifestBytes` or
 * a tenant's stack `maxTemplateBytes` or `maxResources`.
 */
export function packTenantManifests(manifests: ReadonlyMap<string, readonly KubeObject[]>, bounds: DeliveryBounds = DELIVERY_BOUNDS): TenantManifestPlan[] {
  const plans: TenantManifestPlan[] = [];
  for (const tenantId of [...manifests.keys()].sort()) {
    const groups = new Map<string, { id: string; namespace: string; agent?: string; objects: KubeObject[] }>();
    for (const object of manifests.get(tenantId)!) {
      const namespace = namespaceOf(object, tenantId);
      const labels = object.metadata.labels ?? {};
      const agent = object.kind !== 'Namespace' && labels[LABELS.component] === 'agent' ? labels[LABELS.name] : undefined;
      const key = agent === undefined ? namespace : `${namespace}/${agent}`;
      const group = groups.get(key) ?? { id: idFrom(namespace) + (agent === undefined ? '' : idFrom(agent)), namespace, ...(agent !== undefined ? { agent } : {}), objects: [] };
      group.objects.push(object);
      groups.set(key, group);
    }
    const ids = new Map<string, string>();
    const out: ManifestGroupPlan[] = [];
    for (const [key, group] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const clash = ids.get(group.id);
      if (clash !== undefined) {
        throw new Error(`packTenantManifests: tenant "${tenantId}": "${clash}" and "${key}" map to the same construct id ${group.id}; rename a namespace or agent`);
      }
      ids.set(group.id, key);
      if (group.agent !== undefined && !groups.has(group.namespace)) {
        throw new Error(`packTenantManifests: tenant "${tenantId}": agent "${group.agent}" is in namespace "${group.namespace}", which the tenant's manifests do not create`);
      }
      const bytes = manifestBytes(group.objects);
      if (bytes > bounds.maxManifestBytes) {
        throw new Error(`packTenantManifests: tenant "${tenantId}": the objects of ${group.agent !== undefined ? `agent ${key}` : `namespace ${key}`} take ${bytes} bytes, `
          + `above the ${bounds.maxManifestBytes} bytes one manifest resource may carry; use cluster.delivery: gitops for this workspace`);
      }
      const after = group.agent !== undefined ? [groups.get(group.namespace)!.id] : [];
      out.push({ id: group.id, namespace: group.namespace, ...(group.agent !== undefined ? { agent: group.agent } : {}), objects: group.objects, after, bytes });
    }
    const templateBytes = NESTED_STACK_OVERHEAD + out.reduce((sum, g) => sum + g.bytes + MANIFEST_RESOURCE_OVERHEAD, 0);
    if (templateBytes > bounds.maxTemplateBytes || out.length > bounds.maxResources) {
      throw new Error(`packTenantManifests: tenant "${tenantId}" needs ${out.length} manifest resources and about ${templateBytes} template bytes, above the `
        + `${bounds.maxResources} resources and ${bounds.maxTemplateBytes} bytes of one nested stack; use cluster.delivery: gitops for this workspace`);
    }
    plans.push({ id: idFrom(tenantId), tenantId, groups: out, templateBytes });
  }
  return plans;
}

// ---------------------------------------------------------------- the whole cluster

export interface NodePoolPlan {
  /** Construct id, from the pool name. */
  readonly id: string;
  readonly props: Omit<ManagedNodePoolProps, 'cluster' | 'volumeKey'>;
}

/**
 * Everything the cluster stack builds, except what needs the VPC, the keys or
 * the cluster. Nothing in it grows with tenants or agents: their resources are
 * in the tenant stacks (`tenant-stacks.ts`).
 */
export interface ClusterPlan {
  readonly cluster: Omit<PlatformClusterProps, 'vpc' | 'secretsKey' | 'logsKey' | 'kubectlLayer'>;
  readonly nodePools: readonly NodePoolPlan[];
  readonly addons: Omit<CoreAddonsProps, 'cluster'>;
  readonly governance: readonly GovernanceRoleAccess[];
  readonly loadBalancer: Omit<LoadBalancerControllerProps, 'cluster' | 'webAclArn'>;
  /** Argo CD, when manifests are delivered by GitOps; undefined with `delivery: cdk` (the tenant stacks apply them). */
  readonly gitOps?: Omit<GitOpsControllerProps, 'cluster'>;
}

export function clusterPlan(model: WorkspaceModel, env: EnvironmentModel, region: string, partition: string): ClusterPlan {
  const cluster = env.cluster;
  return {
    cluster: {
      clusterName: clusterName(model.organization, env, region),
      version: eks.KubernetesVersion.of(cluster.kubernetesVersion),
      ...(cluster.endpointAccess.public ? { publicAccessCidrs: publicAccessCidrs(cluster) } : {}),
      // The control-plane log group holds the Kubernetes audit log, so it keeps records for the audit retention.
      logRetention: retentionDaysAtLeast(Math.max(model.monitoring.log_retention, model.auditRetention)),
    },
    nodePools: cluster.nodePools.map((pool) => ({ id: idFrom(pool.name), props: nodePoolProps(pool, env) })),
    addons: { versions: addonVersions(cluster.kubernetesVersion), networkPolicy: true },
    governance: governanceAccessRoles(model, env, region, partition),
    loadBalancer: { version: ALB_CONTROLLER_VERSION, sslPolicy: INGRESS_SSL_POLICY, ingressClassName: 'alb', defaultIngressClass: true },
    ...(cluster.delivery === 'gitops' ? { gitOps: { version: ARGO_CD_CHART_VERSION, namespace: 'argocd' } } : {}),
  };
}
