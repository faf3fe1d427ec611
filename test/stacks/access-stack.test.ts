import * as fs from 'fs';
import { App, Stack, aws_eks_v2 as eks } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentModel, TenantModel, WorkspaceModel } from '../../lib/definition/model';
import { tenantManifests } from '../../lib/k8s/render';
import { regionTenants, tenantGovernanceRoleName } from '../../lib/mapping/cluster';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { TAG_KEYS } from '../../lib/platform/naming';
import { AccessStack } from '../../lib/stacks/access-stack';
import { nagFindings } from '../helpers/nag';
import { canAssume } from '../helpers/trust';
import { exampleModel } from '../helpers/workspace';

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const mutable = <T>(value: T): DeepMutable<T> => structuredClone(value);

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** The access stack of `environment`/`region`, with the cluster imported by name from a support stack of the same env. */
function build(model: WorkspaceModel, environmentName?: string, regionName?: string) {
  const app = new App({ context: { ...FEATURE_FLAGS } });
  const environment = model.environments.find((e) => environmentName === undefined || e.name === environmentName)!;
  const region = environment.regions.find((r) => regionName === undefined || r.region === regionName)!;
  const env = { account: environment.account, region: region.region };
  const support = new Stack(app, 'Support', { env });
  const cluster = eks.Cluster.fromClusterAttributes(support, 'Cluster', { clusterName: `${model.organization.name}-${environment.name}-${region.region}` });
  const stack = new AccessStack(app, `${model.organization.name}-${environment.name}-${region.region}-access`, { model, environment, region, env, cluster });
  const template = Template.fromStack(stack);
  return { app, stack, template, environment, region: region.region, resources: template.toJSON().Resources as Resources };
}

const starter = exampleModel('starter');
const enterprise = exampleModel('enterprise');

/** The groups the tenant's RoleBindings bind, by namespace, from the chart the GitOps and CDK paths deliver. */
function roleBindingGroups(model: WorkspaceModel, environment: EnvironmentModel, region: string, tenant: TenantModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const object of tenantManifests(model, environment.name, region).get(tenant.id)!) {
    if (object.kind !== 'RoleBinding') continue;
    const groups = out.get(object.metadata.namespace!) ?? new Set<string>();
    for (const subject of object.subjects as Array<{ kind: string; name: string }>) if (subject.kind === 'Group') groups.add(subject.name);
    out.set(object.metadata.namespace!, groups);
  }
  return out;
}

/** Access entries and IAM roles of the template, by the tenant tag of their resources. */
function accessOf(resources: Resources) {
  const tenantOf = (r: Resources[string]) => (r.Properties.Tags as Array<{ Key: string; Value: string }>).find((t) => t.Key === TAG_KEYS.tenant)?.Value;
  const entries = Object.values(resources).filter((r) => r.Type === 'AWS::EKS::AccessEntry');
  const roles = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
  return { tenantOf, entries, roles };
}

describe('AccessStack (starter)', () => {
  const { template, resources, environment, region, app, stack } = build(starter);
  const tenants = regionTenants(environment, region);

  test('holds one IAM role and one access entry per tenant and tenant role with a permission set, nothing else', () => {
    const types = Object.values(resources).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::IAM::Role')).toHaveLength(tenants.length * 2);
    expect(types.filter((t) => t === 'AWS::EKS::AccessEntry')).toHaveLength(tenants.length * 2);
    expect(types).toHaveLength(tenants.length * 4);
    for (const tenant of tenants) {
      for (const role of ['tenant_administrator', 'agent_developer']) {
        template.hasResourceProperties('AWS::IAM::Role', { RoleName: `oaas-dev-eu-west-1-${tenant.id}-gov_${role}` });
      }
    }
  });

  test('gives each tenant\'s access entries exactly the groups its chart\'s RoleBindings bind, in every namespace of the tenant', () => {
    const { tenantOf, entries } = accessOf(resources);
    for (const tenant of tenants) {
      const groups = entries.filter((e) => tenantOf(e) === tenant.id).flatMap((e) => e.Properties.KubernetesGroups as string[]).sort();
      const bound = roleBindingGroups(starter, environment, region, tenant);
      expect([...bound.keys()].sort()).toEqual([...tenant.namespaces].sort());
      for (const namespaceGroups of bound.values()) expect([...namespaceGroups].sort()).toEqual(groups);
      for (const entry of entries.filter((e) => tenantOf(e) === tenant.id)) expect(entry.Properties.AccessPolicies).toEqual([]);
    }
  });

  test('uses the cluster it is given for every access entry', () => {
    for (const entry of accessOf(resources).entries) expect(entry.Properties.ClusterName).toBe('starter-dev-eu-west-1');
  });

  test('tags each tenant\'s roles and entries with the tenant\'s tags', () => {
    const { tenantOf, entries, roles } = accessOf(resources);
    expect(new Set([...entries, ...roles.map(([, r]) => r)].map(tenantOf))).toEqual(new Set(tenants.map((t) => t.id)));
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fresh = build(starter);
    expect(nagFindings(fresh.app, { scope: fresh.stack, levels: ['error', 'warning'] })).toEqual([]);
  });

  test('synthesizes offline', () => {
    expect(app.synth().manifest.missing ?? []).toEqual([]);
    expect(app.synth().getStackByName(stack.stackName).environment).toMatchObject({ account: '222222222222', region: 'eu-west-1' });
  });
});

describe('AccessStack (enterprise)', () => {
  test.each(['us-east-1', 'eu-west-1', 'ap-southeast-1'])('production %s: no tenant\'s role can be assumed with another tenant\'s tag', (regionName) => {
    const { resources, environment, region } = build(enterprise, 'production', regionName);
    const tenants = regionTenants(environment, region);
    const sso = (set: string) => `arn:aws:iam::300000000000:role/aws-reserved/sso.amazonaws.com/${region}/AWSReservedSSO_${set}_0a1b2c3d4e5f6a7b`;
    const { roles, tenantOf } = accessOf(resources);
    expect(roles).toHaveLength(tenants.length * 7);
    for (const [, role] of roles) {
      const owner = tenantOf(role)!;
      const roleId = Object.keys(enterprise.governance.roles).find((id) => tenantGovernanceRoleName(environment, region, owner, id) === role.Properties.RoleName)!;
      const caller = sso(enterprise.governance.roles[roleId]!.sso_permission_set!);
      const trust = role.Properties.AssumeRolePolicyDocument as Parameters<typeof canAssume>[0];
      expect(canAssume(trust, { account: '300000000000', arn: caller, tags: { [TAG_KEYS.tenant]: owner } })).toBe(true);
      for (const other of tenants.filter((t) => t.id !== owner)) {
        expect({ role: role.Properties.RoleName, tag: other.id, allowed: canAssume(trust, { account: '300000000000', arn: caller, tags: { [TAG_KEYS.tenant]: other.id } }) })
          .toEqual({ role: role.Properties.RoleName, tag: other.id, allowed: false });
      }
      expect(canAssume(trust, { account: '300000000000', arn: caller })).toBe(false);
    }
  });

  test('production us-east-1: every tenant\'s entries carry groups its RoleBindings bind in each of its namespaces, all but those of roles without a permission set', () => {
    const { resources, environment, region } = build(enterprise, 'production', 'us-east-1');
    const { tenantOf, entries } = accessOf(resources);
    const withoutPermissionSet = Object.entries(enterprise.governance.roles).filter(([, r]) => r.scope === 'tenant' && !r.sso_permission_set).map(([id]) => id);
    expect(withoutPermissionSet.length).toBeGreaterThan(0);
    for (const tenant of regionTenants(environment, region)) {
      const groups = entries.filter((e) => tenantOf(e) === tenant.id).flatMap((e) => e.Properties.KubernetesGroups as string[]).sort();
      expect(groups).toHaveLength(7);
      const bound = roleBindingGroups(enterprise, environment, region, tenant);
      expect(bound.size).toBe(tenant.namespaces.length);
      for (const namespaceGroups of bound.values()) {
        const unmapped = [...namespaceGroups].filter((g) => !groups.includes(g));
        expect(groups.every((g) => namespaceGroups.has(g))).toBe(true);
        expect(unmapped.sort()).toEqual(withoutPermissionSet.map((id) => `oaas:${tenant.id}:${id}`).sort());
      }
    }
  });

  test.each(['staging', 'production'])('%s: every region\'s access stack stays within 400 resources and 800 KiB', (environmentName) => {
    for (const { region } of enterprise.environments.find((e) => e.name === environmentName)!.regions) {
      const { app, stack, resources } = build(enterprise, environmentName, region);
      const bytes = fs.statSync(app.synth().getStackByName(stack.stackName).templateFullPath).size;
      expect({ region, resources: Object.keys(resources).length <= 400, bytes: bytes <= 800 * 1024 }).toEqual({ region, resources: true, bytes: true });
    }
  });

  test('adding a tenant adds its roles and entries and changes no other resource', () => {
    const before = build(enterprise, 'production', 'us-east-1').resources;
    const model = mutable(enterprise);
    const production = model.environments.find((e) => e.name === 'production')!;
    const copy = structuredClone(production.tenants.find((t) => t.id === 'web')!);
    production.tenants.push({ ...copy, id: 'aaa-new', namespaces: ['aaa-new'], agents: [], projects: [] });
    const after = build(model, 'production', 'us-east-1').resources;
    for (const [id, resource] of Object.entries(before)) expect(after[id]).toEqual(resource);
    const added = Object.entries(after).filter(([id]) => !(id in before));
    expect(added.map(([, r]) => r.Type).sort()).toEqual([...Array(7).fill('AWS::EKS::AccessEntry'), ...Array(7).fill('AWS::IAM::Role')]);
    expect(added.every(([id]) => id.startsWith('AaaNew'))).toBe(true);
  });

  test('refuses at synth a region whose tenant access would pass 400 resources', () => {
    const model = mutable(enterprise);
    const production = model.environments.find((e) => e.name === 'production')!;
    const web = production.tenants.find((t) => t.id === 'web')!;
    for (let i = 0; i < 20; i += 1) production.tenants.push({ ...structuredClone(web), id: `extra-${i}`, namespaces: [`extra-${i}`], agents: [], projects: [] });
    expect(() => build(model, 'production', 'us-east-1')).toThrow(/acme-production-us-east-1-access: expected at most 400 resources \(80% of CloudFormation's 500\), got 4\d\d; two per tenant/);
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fresh = build(enterprise, 'production', 'us-east-1');
    expect(nagFindings(fresh.app, { scope: fresh.stack, levels: ['error', 'warning'] })).toEqual([]);
  });
});
