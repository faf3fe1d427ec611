/**
 * Composes the stacks of a workspace: per environment, the organization
 * guardrails and the budgets; per region, security, network, cluster and
 * audit, whose sizes do not depend on tenants, and one stack per tenant that
 * runs there (`tenantStackPlans`). Stacks only wire constructs together; this
 * file only wires stacks.
 */
import { Tags } from 'aws-cdk-lib';
import type { App, Stack } from 'aws-cdk-lib';
import type { EnvironmentModel, WorkspaceModel } from '../definition/model';
import { tenantStackPlans } from '../mapping/tenant-stacks';
import { AuditStack } from '../stacks/audit-stack';
import { BudgetStack } from '../stacks/budget-stack';
import { ClusterStack } from '../stacks/cluster-stack';
import { GuardrailStack } from '../stacks/guardrail-stack';
import { NetworkStack } from '../stacks/network-stack';
import { SecurityStack } from '../stacks/security-stack';
import { TenantStack } from '../stacks/tenant-stack';
import { baseTags, environmentStackName, regionalStackName } from '../conventions/naming';

export interface PlatformOptions {
  /** Only this environment. Default: all environments. */
  readonly environment?: string;
}

/** The stacks of one region of an environment. */
export interface RegionStacks {
  readonly security: SecurityStack;
  readonly network: NetworkStack;
  readonly cluster: ClusterStack;
  readonly audit: AuditStack;
  /** The stack of each tenant that runs in the region, by tenant id. */
  readonly tenants: Readonly<Record<string, TenantStack>>;
}

/** The stacks of one environment, by layer and region. */
export interface EnvironmentStacks {
  readonly guardrails: GuardrailStack;
  readonly budgets: BudgetStack;
  readonly regions: Record<string, RegionStacks>;
}

function tag(stack: Stack, tags: Record<string, string>): void {
  for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
}

export function addEnvironment(app: App, model: WorkspaceModel, environment: EnvironmentModel): EnvironmentStacks {
  const org = model.organization;
  const common = { model, environment, terminationProtection: environment.production };
  const primary = environment.regions[0]!.region;
  const guardrails = new GuardrailStack(app, environmentStackName(org, environment, 'guardrails'), {
    ...common,
    env: { account: org.managementAccount, region: org.homeRegion },
    description: `OAAS ${org.name} ${environment.name}: organization guardrails (service control policies)`,
  });
  tag(guardrails, baseTags(org, environment));
  const budgets = new BudgetStack(app, environmentStackName(org, environment, 'budgets'), {
    ...common,
    env: { account: environment.account, region: primary },
    description: `OAAS ${org.name} ${environment.name}: budgets, alerts and automatic controls`,
  });
  tag(budgets, baseTags(org, environment));
  const regions: EnvironmentStacks['regions'] = {};
  for (const region of environment.regions) {
    const env = { account: environment.account, region: region.region };
    const regional = { ...common, region, env };
    const name = (layer: Parameters<typeof regionalStackName>[3]) => regionalStackName(org, environment, region.region, layer);
    const describe = (what: string) => `OAAS ${org.name} ${environment.name} ${region.region}: ${what}`;
    const security = new SecurityStack(app, name('security'), { ...regional, description: describe('KMS keys, GuardDuty, Security Hub, WAF') });
    const network = new NetworkStack(app, name('network'), { ...regional, logsKey: security.keys.logs, description: describe('VPC, subnets, NAT, flow logs, endpoints') });
    const cluster = new ClusterStack(app, name('cluster'), {
      ...regional, vpc: network.vpc, keys: security.keys, webAclArn: security.webAclArn, description: describe('EKS cluster, node groups, access entries, add-ons'),
    });
    const audit = new AuditStack(app, name('audit'), { ...regional, keys: security.keys, description: describe('CloudTrail, audit bucket, backups') });
    for (const stack of [security, network, cluster, audit]) tag(stack, baseTags(org, environment, region.region));
    const tenants: Record<string, TenantStack> = {};
    for (const plan of tenantStackPlans(model, environment, region.region)) {
      const tenant = new TenantStack(app, plan.stackName, {
        ...regional,
        cluster: cluster.cluster,
        dataKey: security.keys.data,
        tenant: plan.tenant,
        ...(plan.manifests ? { manifests: plan.manifests } : {}),
        description: describe(`tenant ${plan.tenant.id}: workload identity, people's access${plan.manifests ? ', Kubernetes objects' : ''}`),
      });
      tenant.addStackDependency(cluster, 'the tenant\'s access entries, Pod Identity associations and manifests belong to the cluster');
      tag(tenant, baseTags(org, environment, region.region));
      tenants[plan.tenant.id] = tenant;
    }
    regions[region.region] = { security, network, cluster, audit, tenants };
  }
  // A region's audit bucket that receives the primary's replicas must exist before the primary's replication rule.
  for (const [region, { audit }] of Object.entries(regions)) {
    const source = audit.replicationSourceRegion === undefined ? undefined : regions[audit.replicationSourceRegion];
    if (source) source.audit.addStackDependency(audit, `${region} holds the replication destination of ${audit.replicationSourceRegion}'s audit bucket`);
  }
  return { guardrails, budgets, regions };
}

/** Builds every stack of the workspace (or of one environment) into `app`. */
export function buildPlatform(app: App, model: WorkspaceModel, options: PlatformOptions = {}): Record<string, EnvironmentStacks> {
  const out: Record<string, EnvironmentStacks> = {};
  for (const environment of model.environments) {
    if (options.environment && environment.name !== options.environment) continue;
    out[environment.name] = addEnvironment(app, model, environment);
  }
  return out;
}
