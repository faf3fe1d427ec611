import { Stack, Tags } from 'aws-cdk-lib';
import type { aws_eks_v2 as eks } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TenantAccess } from '../../constructs/cluster/tenant-access';
import { accessPlan } from '../mapping/cluster';
import { tenantTags } from '../platform/naming';
import { limitResources } from './private/resource-budget';
import type { RegionalStackProps } from './stack-props';

export interface AccessStackProps extends RegionalStackProps {
  /** The cluster of the region, from the cluster stack. */
  readonly cluster: eks.ICluster;
}

/**
 * People's access to the tenants of one region's cluster: per tenant, the IAM
 * roles and access entries of its tenant-scoped governance roles
 * (`TenantAccess`), tagged with the tenant. They sit beside the cluster stack
 * because they grow with tenants × roles (the enterprise workspace has about
 * 90 pairs per region), which would push the cluster stack past its resource budget.
 */
export class AccessStack extends Stack {
  /** The access of each tenant of the region that has one, by tenant id. */
  public readonly tenants: Readonly<Record<string, TenantAccess>>;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    limitResources(this, 'two per tenant and tenant-scoped role with a permission set: give fewer tenant roles an sso_permission_set, '
      + 'or run fewer tenants in the region');
    const plan = accessPlan(props.model, props.environment, props.region.region, this.partition);
    const tenants: Record<string, TenantAccess> = {};
    for (const tenant of plan.tenants) {
      const access = new TenantAccess(this, tenant.id, { ...tenant.props, cluster: props.cluster });
      for (const [key, value] of Object.entries(tenantTags(tenant.tenant))) Tags.of(access).add(key, value);
      tenants[tenant.tenant.id] = access;
    }
    this.tenants = tenants;
  }
}
