import { Stack, Tags } from 'aws-cdk-lib';
import type { aws_eks_v2 as eks, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TenantAccess } from '../../constructs/cluster/tenant-access';
import { TenantManifests } from '../../constructs/cluster/tenant-manifests';
import { TenantWorkloadIdentity } from '../../constructs/cluster/tenant-workload-identity';
import type { TenantModel } from '../definition/model';
import type { TenantManifestPlan } from '../mapping/cluster';
import { tenantResourcesPlan } from '../mapping/tenant-stacks';
import { tenantTags } from '../conventions/naming';
import { withinStackLimits } from './private/resource-budget';
import type { RegionalStackProps } from './stack-props';

/** What to change when the stack passes its resource or template limit. */
const LIMITS_FIX = 'a tenant\'s stack holds one resource per agent (its Pod Identity association), two per tenant role with a permission set, '
  + 'two for its workload role and one for its manifests; split the tenant\'s agents over two tenants';

export interface TenantStackProps extends RegionalStackProps {
  /** The cluster of the region, from the cluster stack of the same environment and region. */
  readonly cluster: eks.ICluster;
  /** Key of the region's tenant-data bucket, from the security stack. */
  readonly dataKey: kms.IKey;
  /** The tenant whose resources the stack holds. */
  readonly tenant: TenantModel;
  /**
   * With `cluster.delivery: cdk`, the tenant's manifests as `packTenantManifests` lays them out.
   * @default - none: Argo CD delivers them
   */
  readonly manifests?: TenantManifestPlan;
}

/**
 * Everything one tenant has on the cluster of a region, and nothing else
 * (`<org>-<env>-<region>-tenant-<tenant>`, see lib/mapping/tenant-stacks.ts):
 * its workload identity (`TenantWorkloadIdentity`), the access of its people
 * (`TenantAccess`) and, with `delivery: cdk`, its manifests in a nested stack
 * (`TenantManifests`), applied after its Pod Identity associations so that
 * agents start with their credentials. All of it sits under one construct
 * named after the tenant and tagged with its tags, so logical ids are keyed
 * by names. The cluster comes from the cluster stack of the same account
 * and region, after which this stack deploys.
 */
export class TenantStack extends Stack {
  public readonly identity: TenantWorkloadIdentity;
  /** Undefined when no tenant role with a permission set applies to the tenant. */
  public readonly access?: TenantAccess;
  /** With `delivery: cdk`, the nested stack of the tenant's manifests. */
  public readonly manifests?: TenantManifests;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, withinStackLimits(props, LIMITS_FIX));
    const plan = tenantResourcesPlan(props.model, props.environment, props.region.region, this.partition, props.tenant);
    if (props.manifests && props.manifests.tenantId !== props.tenant.id) {
      throw new Error(`TenantStack ${id}: expected the manifests of tenant "${props.tenant.id}", got those of "${props.manifests.tenantId}"`);
    }
    const tenant = new Construct(this, plan.id);
    for (const [key, value] of Object.entries(tenantTags(props.tenant))) Tags.of(tenant).add(key, value);

    this.identity = new TenantWorkloadIdentity(tenant, 'Workload', { ...plan.identity, cluster: props.cluster, dataKey: props.dataKey });
    if (plan.access) this.access = new TenantAccess(tenant, 'Access', { ...plan.access, cluster: props.cluster });
    if (props.manifests) {
      this.manifests = new TenantManifests(tenant, 'Manifests', { cluster: props.cluster, tenantId: props.tenant.id, groups: props.manifests.groups });
      this.manifests.node.addDependency(this.identity);
    }
  }
}
