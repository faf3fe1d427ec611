import type { WorkspaceModel } from '../../lib/definition/model';
import { tenantManifests } from '../../lib/k8s/render';
import { packTenantManifests, regionTenants, tenantAccessPlan, tenantPlan } from '../../lib/mapping/cluster';
import { tenantResourcesPlan, tenantStackPlans } from '../../lib/mapping/tenant-stacks';
import { tenantStackName } from '../../lib/conventions/naming';
import { exampleModel } from '../helpers/workspace';

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const mutable = <T>(value: T): DeepMutable<T> => structuredClone(value);

const enterprise = exampleModel('enterprise');
const starter = exampleModel('starter');
const production = enterprise.environments.find((e) => e.name === 'production')!;

/** `model` with one more production tenant, `id`, a copy of web. */
function withTenant(model: WorkspaceModel, id: string): WorkspaceModel {
  const copy = mutable(model);
  const env = copy.environments.find((e) => e.name === 'production')!;
  const web = structuredClone(env.tenants.find((t) => t.id === 'web')!);
  env.tenants.push({ ...web, id, namespaces: [id], agents: web.agents.map((a) => ({ ...a, tenant: id, namespace: id })), projects: [] });
  return copy;
}

/** `model` whose environments deliver the manifests with CloudFormation. */
function withCdkDelivery(model: WorkspaceModel): WorkspaceModel {
  const copy = mutable(model);
  for (const env of copy.environments) env.cluster.delivery = 'cdk';
  return copy;
}

describe('tenantStackName', () => {
  test('names organization, environment, region and tenant', () => {
    expect(tenantStackName(enterprise.organization, production, 'eu-west-1', 'payments')).toBe('acme-production-eu-west-1-tenant-payments');
  });

  test('refuses a name CloudFormation would refuse, saying what to shorten', () => {
    const tenant = 'a'.repeat(63);
    const org = { ...enterprise.organization, name: 'b'.repeat(40) };
    expect(() => tenantStackName(org, production, 'ap-southeast-1', tenant)).toThrow(/has 137 characters, CloudFormation allows 128; shorten the tenant id/);
  });
});

describe('tenantStackPlans', () => {
  const plans = tenantStackPlans(enterprise, production, 'us-east-1');

  test('plans one stack per tenant of the region, by tenant id, named after the tenant', () => {
    expect(plans.map((p) => p.tenant.id)).toEqual(regionTenants(production, 'us-east-1').map((t) => t.id));
    for (const plan of plans) expect(plan.stackName).toBe(`acme-production-us-east-1-tenant-${plan.tenant.id}`);
    expect(plans.map((p) => p.tenant.id)).not.toContain('eu-services');
    expect(tenantStackPlans(enterprise, production, 'eu-west-1').map((p) => p.tenant.id)).toContain('eu-services');
  });

  test('gives no manifests with GitOps delivery', () => {
    expect(plans.every((p) => p.manifests === undefined)).toBe(true);
  });

  test('gives each tenant its own packed manifests with CloudFormation delivery', () => {
    const model = withCdkDelivery(enterprise);
    const env = model.environments.find((e) => e.name === 'production')!;
    const packed = packTenantManifests(tenantManifests(model, 'production', 'us-east-1'));
    const cdk = tenantStackPlans(model, env, 'us-east-1');
    expect(cdk.map((p) => p.manifests)).toEqual(packed);
    for (const plan of cdk) expect(plan.manifests!.tenantId).toBe(plan.tenant.id);
  });

  test('adding a tenant adds its plan and leaves every other plan as it was, whatever the name sorts before', () => {
    for (const delivery of ['gitops', 'cdk'] as const) {
      const base = delivery === 'cdk' ? withCdkDelivery(enterprise) : enterprise;
      const before = tenantStackPlans(base, base.environments.find((e) => e.name === 'production')!, 'us-east-1');
      const bigger = withTenant(base, 'aaa-new');
      const after = tenantStackPlans(bigger, bigger.environments.find((e) => e.name === 'production')!, 'us-east-1');
      expect(after.map((p) => p.stackName).filter((n) => !before.some((b) => b.stackName === n))).toEqual(['acme-production-us-east-1-tenant-aaa-new']);
      for (const plan of before) {
        const same = after.find((p) => p.stackName === plan.stackName)!;
        expect({ stackName: same.stackName, tenant: same.tenant.id, manifests: same.manifests }).toEqual({ stackName: plan.stackName, tenant: plan.tenant.id, manifests: plan.manifests });
      }
    }
  });
});

describe('tenantResourcesPlan', () => {
  const payments = production.tenants.find((t) => t.id === 'payments')!;
  const plan = tenantResourcesPlan(enterprise, production, 'us-east-1', 'aws', payments);

  test('keys everything of the tenant by its id', () => {
    expect(plan.id).toBe('Payments');
    expect(tenantResourcesPlan(enterprise, production, 'us-east-1', 'aws', production.tenants.find((t) => t.id === 'customer-support')!).id).toBe('CustomerSupport');
  });

  test('holds the tenant\'s workload identity and the access of its people, as the cluster mapping plans them', () => {
    expect(plan.identity).toEqual(tenantPlan(enterprise.organization, production, 'us-east-1', payments).props);
    expect(plan.access).toEqual(tenantAccessPlan(enterprise, production, 'us-east-1', 'aws', payments)!.props);
    expect(plan.access!.roles).toHaveLength(7);
  });

  test('leaves the access out when no tenant role with a permission set applies to the tenant', () => {
    const model = mutable(starter);
    for (const role of Object.values(model.governance.roles)) delete role.ssoPermissionSet;
    const dev = model.environments[0]!;
    const alone = tenantResourcesPlan(model, dev, 'eu-west-1', 'aws', dev.tenants[0]!);
    expect(alone.access).toBeUndefined();
    expect(alone.identity.serviceAccounts).toHaveLength(dev.tenants[0]!.agents.length);
  });
});
