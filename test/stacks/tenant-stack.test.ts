import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, aws_eks_v2 as eks, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseAllDocuments } from 'yaml';
import type { EnvironmentModel, TenantModel, WorkspaceModel } from '../../lib/definition/model';
import { renderManifests, tenantManifests } from '../../lib/k8s/render';
import { tenantGovernanceRoleName } from '../../lib/conventions/role-names';
import { DELIVERY_BOUNDS, clusterName, regionTenants } from '../../lib/mapping/cluster';
import { tenantStackPlans } from '../../lib/mapping/tenant-stacks';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { TAG_KEYS } from '../../lib/conventions/naming';
import { TenantStack } from '../../lib/stacks/tenant-stack';
import { appliedObjects, MANIFEST_RESOURCE_TYPE } from '../helpers/kubectl';
import { nagFindings } from '../helpers/nag';
import { canAssume } from '../helpers/trust';
import { exampleModel } from '../helpers/workspace';

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const mutable = <T>(value: T): DeepMutable<T> => structuredClone(value);

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type Resources = Record<string, Resource>;

const KUBECTL_SERVICE_TOKEN = 'arn:aws:lambda:eu-west-1:222222222222:function:kubectl-provider';

interface Built {
  readonly stack: TenantStack;
  readonly resources: Resources;
  readonly bytes: number;
}

interface Region {
  readonly app: App;
  readonly environment: EnvironmentModel;
  readonly region: string;
  /** The stack of each tenant of the region, by tenant id. */
  readonly tenants: ReadonlyMap<string, Built>;
}

/**
 * The tenant stacks of `environment`/`region`, as the platform lays them out (`tenantStackPlans`),
 * with the cluster imported by name (and a kubectl provider by ARN) and the data key from a support stack of the same env.
 */
function buildRegion(model: WorkspaceModel, environmentName?: string, regionName?: string): Region {
  const app = new App({ context: { ...FEATURE_FLAGS } });
  const environment = model.environments.find((e) => environmentName === undefined || e.name === environmentName)!;
  const region = environment.regions.find((r) => regionName === undefined || r.region === regionName)!;
  const env = { account: environment.account, region: region.region };
  const support = new Stack(app, 'Support', { env });
  const dataKey = new kms.Key(support, 'Data', { enableKeyRotation: true });
  const cluster = eks.Cluster.fromClusterAttributes(support, 'Cluster', {
    clusterName: clusterName(model.organization, environment, region.region),
    kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(support, 'Kubectl', {
      serviceToken: KUBECTL_SERVICE_TOKEN,
      role: iam.Role.fromRoleArn(support, 'KubectlRole', `arn:aws:iam::${environment.account}:role/kubectl`),
    }),
  });
  const stacks = tenantStackPlans(model, environment, region.region).map((plan) => [plan.tenant.id, new TenantStack(app, plan.stackName, {
    model, environment, region, env, cluster, dataKey, tenant: plan.tenant, ...(plan.manifests ? { manifests: plan.manifests } : {}),
  })] as const);
  const assembly = app.synth();
  const tenants = new Map(stacks.map(([tenant, stack]) => {
    const artifact = assembly.getStackByName(stack.stackName);
    const built: Built = { stack, resources: (artifact.template as { Resources: Resources }).Resources, bytes: fs.statSync(artifact.templateFullPath).size };
    return [tenant, built] as const;
  }));
  return { app, environment, region: region.region, tenants };
}

const starter = exampleModel('starter');
const enterprise = exampleModel('enterprise');

const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const tenantOf = (r: Resource) => (r.Properties.Tags as Array<{ Key: string; Value: string }> | undefined)?.find((t) => t.Key === TAG_KEYS.tenant)?.Value;
const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

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

describe('TenantStack (starter)', () => {
  const { app, environment, region, tenants } = buildRegion(starter);
  const models = regionTenants(environment, region);

  test('is one stack per tenant of the region, named after the tenant', () => {
    expect([...tenants.keys()]).toEqual(models.map((t) => t.id));
    for (const [id, { stack }] of tenants) expect(stack.stackName).toBe(`starter-dev-eu-west-1-tenant-${id}`);
  });

  test('holds the tenant\'s workload role and policy, one Pod Identity association per agent, and one IAM role and access entry per tenant role; nothing else', () => {
    for (const tenant of models) {
      const types = Object.values(tenants.get(tenant.id)!.resources).map((r) => r.Type).sort();
      expect(types).toEqual([
        ...Array(2).fill('AWS::EKS::AccessEntry'),
        ...tenant.agents.map(() => 'AWS::EKS::PodIdentityAssociation'),
        'AWS::IAM::ManagedPolicy',
        ...Array(3).fill('AWS::IAM::Role'),
      ].sort());
      for (const role of ['tenant_administrator', 'agent_developer']) {
        expect(Object.values(tenants.get(tenant.id)!.resources).some((r) => r.Properties.RoleName === `oaas-dev-eu-west-1-${tenant.id}-gov_${role}`)).toBe(true);
      }
    }
  });

  test('associates each agent\'s service account with its tenant\'s workload role', () => {
    for (const tenant of models) {
      const { stack, resources } = tenants.get(tenant.id)!;
      const roleId = logicalId(stack, stack.identity.role);
      const associations = ofType(resources, 'AWS::EKS::PodIdentityAssociation').map(([, r]) => r.Properties);
      expect(associations.map((a) => `${a.Namespace as string}/${a.ServiceAccount as string}`).sort())
        .toEqual(tenant.agents.map((a) => `${a.namespace}/${a.name}`).sort());
      for (const association of associations) expect(association.RoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    }
  });

  test('gives each tenant\'s access entries exactly the groups its chart\'s RoleBindings bind, in every namespace of the tenant', () => {
    for (const tenant of models) {
      const entries = ofType(tenants.get(tenant.id)!.resources, 'AWS::EKS::AccessEntry').map(([, r]) => r);
      const groups = entries.flatMap((e) => e.Properties.KubernetesGroups as string[]).sort();
      const bound = roleBindingGroups(starter, environment, region, tenant);
      expect([...bound.keys()].sort()).toEqual([...tenant.namespaces].sort());
      for (const namespaceGroups of bound.values()) expect([...namespaceGroups].sort()).toEqual(groups);
      for (const entry of entries) expect(entry.Properties.AccessPolicies).toEqual([]);
    }
  });

  test('uses the cluster it is given for every access entry and association', () => {
    for (const { resources } of tenants.values()) {
      for (const [, r] of [...ofType(resources, 'AWS::EKS::AccessEntry'), ...ofType(resources, 'AWS::EKS::PodIdentityAssociation')]) {
        expect(r.Properties.ClusterName).toBe('starter-dev-eu-west-1');
      }
    }
  });

  test('tags every resource with its tenant\'s tags (managed policies take no tags)', () => {
    for (const tenant of models) {
      const resources = Object.values(tenants.get(tenant.id)!.resources).filter((r) => r.Type !== 'AWS::IAM::ManagedPolicy');
      expect(new Set(resources.map(tenantOf))).toEqual(new Set([tenant.id]));
      Template.fromJSON({ Resources: tenants.get(tenant.id)!.resources }).hasResourceProperties('AWS::IAM::Role', {
        RoleName: `oaas-dev-eu-west-1-${tenant.id}`,
        Tags: Match.arrayWith([{ Key: TAG_KEYS.team, Value: tenant.team }, { Key: TAG_KEYS.tenant, Value: tenant.id }]),
      });
    }
  });

  test('keys every logical id by the tenant\'s name', () => {
    for (const tenant of models) {
      const prefix = tenant.id[0]!.toUpperCase() + tenant.id.slice(1);
      expect(Object.keys(tenants.get(tenant.id)!.resources).every((id) => id.startsWith(prefix))).toBe(true);
    }
  });

  test('synthesizes offline, in the environment\'s account and region', () => {
    const assembly = app.synth();
    expect(assembly.manifest.missing ?? []).toEqual([]);
    for (const { stack } of tenants.values()) expect(assembly.getStackByName(stack.stackName).environment).toMatchObject({ account: '222222222222', region: 'eu-west-1' });
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fresh = buildRegion(starter);
    for (const { stack } of fresh.tenants.values()) expect(nagFindings(fresh.app, { scope: stack, levels: ['error', 'warning'] })).toEqual([]);
  });
});

describe('TenantStack (enterprise)', () => {
  const production = buildRegion(enterprise, 'production', 'us-east-1');

  test.each(['us-east-1', 'eu-west-1', 'ap-southeast-1'])('production %s: no tenant\'s role can be assumed with another tenant\'s tag', (regionName) => {
    const { tenants, environment, region } = regionName === 'us-east-1' ? production : buildRegion(enterprise, 'production', regionName);
    const ids = regionTenants(environment, region).map((t) => t.id);
    const sso = (set: string) => `arn:aws:iam::300000000000:role/aws-reserved/sso.amazonaws.com/${region}/AWSReservedSSO_${set}_0a1b2c3d4e5f6a7b`;
    for (const [owner, { resources }] of tenants) {
      const roles = ofType(resources, 'AWS::IAM::Role').filter(([, r]) => (r.Properties.RoleName as string).includes('-gov_'));
      expect(roles).toHaveLength(7);
      for (const [, role] of roles) {
        const roleId = Object.keys(enterprise.governance.roles).find((id) => tenantGovernanceRoleName(environment, region, owner, id) === role.Properties.RoleName)!;
        const caller = sso(enterprise.governance.roles[roleId]!.ssoPermissionSet!);
        const trust = role.Properties.AssumeRolePolicyDocument as Parameters<typeof canAssume>[0];
        expect(canAssume(trust, { account: '300000000000', arn: caller, tags: { [TAG_KEYS.tenant]: owner } })).toBe(true);
        for (const other of ids.filter((id) => id !== owner)) {
          expect({ role: role.Properties.RoleName, tag: other, allowed: canAssume(trust, { account: '300000000000', arn: caller, tags: { [TAG_KEYS.tenant]: other } }) })
            .toEqual({ role: role.Properties.RoleName, tag: other, allowed: false });
        }
        expect(canAssume(trust, { account: '300000000000', arn: caller })).toBe(false);
      }
    }
  });

  test('production us-east-1: every tenant\'s entries carry groups its RoleBindings bind in each of its namespaces, all but those of roles without a permission set', () => {
    const { tenants, environment, region } = production;
    const withoutPermissionSet = Object.entries(enterprise.governance.roles).filter(([, r]) => r.scope === 'tenant' && !r.ssoPermissionSet).map(([id]) => id);
    expect(withoutPermissionSet.length).toBeGreaterThan(0);
    for (const tenant of regionTenants(environment, region)) {
      const groups = ofType(tenants.get(tenant.id)!.resources, 'AWS::EKS::AccessEntry').flatMap(([, e]) => e.Properties.KubernetesGroups as string[]).sort();
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

  test('production us-east-1: associates every agent of the region\'s tenants, and no other, each in its own tenant\'s stack', () => {
    const { tenants, environment, region } = production;
    const models = regionTenants(environment, region);
    expect([...tenants.keys()]).toEqual(models.map((t) => t.id));
    expect(models.map((t) => t.id)).not.toContain('eu-services');
    for (const tenant of models) {
      const associations = ofType(tenants.get(tenant.id)!.resources, 'AWS::EKS::PodIdentityAssociation')
        .map(([, r]) => `${r.Properties.Namespace as string}/${r.Properties.ServiceAccount as string}`);
      expect(associations.sort()).toEqual(tenant.agents.map((a) => `${a.namespace}/${a.name}`).sort());
    }
  });

  test('production us-east-1: scopes each tenant role to its own prefix and encryption context, never to another tenant\'s', () => {
    for (const [tenant, { stack, resources }] of production.tenants) {
      const policies = ofType(resources, 'AWS::IAM::ManagedPolicy');
      expect(policies).toHaveLength(1);
      const [, policy] = policies[0]!;
      expect(policy.Properties.Roles).toEqual([{ Ref: logicalId(stack, stack.identity.role) }]);
      const text = JSON.stringify(policy.Properties.PolicyDocument);
      expect(new Set(text.match(/tenants\/[a-z0-9-]+\//g))).toEqual(new Set([`tenants/${tenant}/`]));
      expect(text).toContain(`"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::acme-production-us-east-1-tenant-data-300000000000/tenants/${tenant}/*"`);
    }
  });

  test.each(['staging', 'production'])('%s: every tenant stack of every region stays within 400 resources and 800 KiB', (environmentName) => {
    for (const { region } of enterprise.environments.find((e) => e.name === environmentName)!.regions) {
      const { tenants } = environmentName === 'production' && region === 'us-east-1' ? production : buildRegion(enterprise, environmentName, region);
      for (const [tenant, { resources, bytes }] of tenants) {
        expect({ region, tenant, resources: Object.keys(resources).length <= 400, bytes: bytes <= 800 * 1024 }).toEqual({ region, tenant, resources: true, bytes: true });
      }
    }
  });

  test('refuses at synth a tenant whose stack would pass 400 resources, naming the stack and the way out', () => {
    const model = mutable(enterprise);
    const production = model.environments.find((e) => e.name === 'production')!;
    const web = production.tenants.find((t) => t.id === 'web')!;
    const template = web.agents[0]!;
    for (let i = 0; i < 390; i += 1) web.agents.push({ ...structuredClone(template), name: `extra-${i}` });
    expect(() => buildRegion(model, 'production', 'us-east-1'))
      .toThrow(/acme-production-us-east-1-tenant-web: expected at most 400 resources \(80% of CloudFormation's 500\), got 4\d\d; a tenant's stack holds one resource per agent/);
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fresh = buildRegion(enterprise, 'production', 'us-east-1');
    for (const { stack } of fresh.tenants.values()) expect(nagFindings(fresh.app, { scope: stack, levels: ['error', 'warning'] })).toEqual([]);
  });
});

describe('TenantStack (logical ids are keyed by names)', () => {
  const before = buildRegion(enterprise, 'production', 'us-east-1').tenants;

  test('adding an agent adds its Pod Identity association to its tenant\'s stack and changes no other resource of any stack', () => {
    const model = mutable(enterprise);
    const payments = model.environments.find((e) => e.name === 'production')!.tenants.find((t) => t.id === 'payments')!;
    payments.agents.push({ ...structuredClone(payments.agents[0]!), name: 'aaa-first-by-name' });
    const after = buildRegion(model, 'production', 'us-east-1').tenants;
    for (const [tenant, { resources }] of before) {
      for (const [id, resource] of Object.entries(resources)) expect(after.get(tenant)!.resources[id]).toEqual(resource);
    }
    const added = Object.entries(after.get('payments')!.resources).filter(([id]) => !(id in before.get('payments')!.resources));
    expect(added).toHaveLength(1);
    expect(added[0]![1]).toMatchObject({ Type: 'AWS::EKS::PodIdentityAssociation', Properties: { ServiceAccount: 'aaa-first-by-name' } });
    for (const tenant of [...before.keys()].filter((t) => t !== 'payments')) expect(after.get(tenant)!.resources).toEqual(before.get(tenant)!.resources);
  });

  test('adding a tenant adds its own stack and leaves every other tenant\'s stack as it was', () => {
    const model = mutable(enterprise);
    const production = model.environments.find((e) => e.name === 'production')!;
    const copy = structuredClone(production.tenants.find((t) => t.id === 'web')!);
    const agents = copy.agents.map((a) => ({ ...a, tenant: 'aaa-new', namespace: 'aaa-new' }));
    production.tenants.push({ ...copy, id: 'aaa-new', namespaces: ['aaa-new'], agents, projects: [] });
    const after = buildRegion(model, 'production', 'us-east-1').tenants;
    expect([...after.keys()].filter((t) => !before.has(t))).toEqual(['aaa-new']);
    for (const [tenant, { resources }] of before) expect(after.get(tenant)!.resources).toEqual(resources);
    const added = Object.values(after.get('aaa-new')!.resources);
    expect(added.map((r) => r.Type).sort()).toEqual([
      ...Array(7).fill('AWS::EKS::AccessEntry'), ...agents.map(() => 'AWS::EKS::PodIdentityAssociation'), 'AWS::IAM::ManagedPolicy', ...Array(8).fill('AWS::IAM::Role'),
    ].sort());
  });
});

/** A copy of `model` whose environments deliver the manifests with CloudFormation. */
function withCdkDelivery(model: WorkspaceModel): WorkspaceModel {
  const copy = mutable(model);
  for (const environment of copy.environments) environment.cluster.delivery = 'cdk';
  return copy;
}

/** `Kind namespace/name`: objects of one cluster are unique by it. */
const keyOf = (object: unknown) => {
  const { kind, metadata } = object as { kind: string; metadata: { name: string; namespace?: string } };
  return `${kind} ${metadata.namespace ?? ''}/${metadata.name}`;
};
const byKey = (objects: readonly unknown[]) => [...objects].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

/** The manifest resources of each tenant's nested stack, with their objects as given (prune label removed) and their template's size. */
function deliveredManifests(built: Region) {
  const assembly = built.app.synth();
  return [...built.tenants].map(([tenant, { stack, resources: parent }]) => {
    const nested = stack.manifests!;
    const template = Template.fromStack(nested).toJSON() as { Resources: Resources };
    const resources = ofType(template.Resources, MANIFEST_RESOURCE_TYPE);
    return {
      tenant,
      parent,
      nestedId: stack.getLogicalId(nested.nestedStackResource!),
      resources: Object.keys(template.Resources).length,
      bytes: fs.statSync(path.join(assembly.directory, nested.templateFile)).size,
      manifests: resources.map(([id, r]) => ({ id, bytes: Buffer.byteLength(JSON.stringify(r.Properties.Manifest)), dependsOn: r.DependsOn, objects: appliedObjects(r) })),
    };
  });
}

describe('TenantStack (cdk delivery, starter)', () => {
  const model = withCdkDelivery(starter);
  const built = buildRegion(model);
  const delivered = deliveredManifests(built);
  const expected = tenantManifests(model, 'dev', 'eu-west-1');

  test('applies each tenant\'s manifests from a nested stack of its own stack, after the tenant\'s Pod Identity associations', () => {
    expect(delivered.map((d) => d.tenant)).toEqual([...expected.keys()]);
    for (const { parent, nestedId } of delivered) {
      const nestedStacks = ofType(parent, 'AWS::CloudFormation::Stack');
      expect(nestedStacks.map(([id]) => id)).toEqual([nestedId]);
      const associations = ofType(parent, 'AWS::EKS::PodIdentityAssociation').map(([id]) => id);
      expect(associations.length).toBeGreaterThan(0);
      expect(nestedStacks[0]![1].DependsOn).toEqual(expect.arrayContaining(associations));
    }
  });

  test('embeds, object for object, what tenantManifests returns, each manifest in its order', () => {
    for (const { tenant, manifests } of delivered) {
      const objects = expected.get(tenant)!;
      expect(byKey(manifests.flatMap((m) => m.objects))).toEqual(byKey(objects));
      for (const manifest of manifests) {
        const positions = manifest.objects.map((o) => objects.findIndex((e) => keyOf(e) === keyOf(o)));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
    }
  });

  test('embeds the same objects as the GitOps files of oaas render', () => {
    const files = renderManifests(model, { environments: ['dev'] });
    for (const { tenant, manifests } of delivered) {
      const rendered = [...files.entries()]
        .filter(([file]) => file.startsWith(`dev/eu-west-1/${tenant}/`) && !file.endsWith('/kustomization.yaml'))
        .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS() as unknown));
      expect(rendered.length).toBeGreaterThan(0);
      expect(byKey(manifests.flatMap((m) => m.objects))).toEqual(byKey(rendered));
    }
  });

  test('applies a namespace\'s workloads after the namespace', () => {
    for (const { manifests } of delivered) {
      const [first, ...agents] = manifests;
      expect(first!.objects[0]).toMatchObject({ kind: 'Namespace' });
      for (const agent of agents) expect(agent.dependsOn).toEqual([first!.id]);
    }
  });

  test('applies through the cluster\'s kubectl provider, on the cluster it is given', () => {
    const [{ tenant }] = delivered as [typeof delivered[number]];
    const nested = Template.fromStack(built.tenants.get(tenant)!.stack.manifests!);
    nested.allResourcesProperties(MANIFEST_RESOURCE_TYPE, { ServiceToken: KUBECTL_SERVICE_TOKEN, ClusterName: 'starter-dev-eu-west-1' });
  });

  test('keeps every manifest and template under its bound', () => {
    for (const { manifests, bytes, resources } of delivered) {
      expect(bytes).toBeLessThanOrEqual(DELIVERY_BOUNDS.maxTemplateBytes);
      expect(resources).toBeLessThanOrEqual(DELIVERY_BOUNDS.maxResources);
      for (const manifest of manifests) expect(manifest.bytes).toBeLessThanOrEqual(DELIVERY_BOUNDS.maxManifestBytes);
    }
  });

  test('adding a tenant adds its stack and changes no other tenant\'s stack or manifests', () => {
    const bigger = mutable(model);
    const dev = bigger.environments[0]!;
    const copy = structuredClone(dev.tenants.find((t) => t.id === 'web')!);
    const agents = copy.agents.map((a) => ({ ...a, tenant: 'aaa-new', namespace: 'aaa-new' }));
    dev.tenants.push({ ...copy, id: 'aaa-new', namespaces: ['aaa-new'], agents, projects: [] });
    const after = buildRegion(bigger);
    expect([...after.tenants.keys()]).toEqual(['aaa-new', ...built.tenants.keys()]);
    for (const [tenant, { stack, resources }] of built.tenants) {
      expect(after.tenants.get(tenant)!.resources).toEqual(resources);
      expect(Template.fromStack(after.tenants.get(tenant)!.stack.manifests!).toJSON()).toEqual(Template.fromStack(stack.manifests!).toJSON());
    }
  });

  test('refuses the manifests of another tenant', () => {
    const app = new App({ context: { ...FEATURE_FLAGS } });
    const environment = model.environments[0]!;
    const region = environment.regions[0]!;
    const env = { account: environment.account, region: region.region };
    const support = new Stack(app, 'Support', { env });
    const cluster = eks.Cluster.fromClusterAttributes(support, 'Cluster', { clusterName: 'starter-dev-eu-west-1' });
    const [data, web] = tenantStackPlans(model, environment, region.region) as [ReturnType<typeof tenantStackPlans>[number], ReturnType<typeof tenantStackPlans>[number]];
    expect(() => new TenantStack(app, data.stackName, {
      model, environment, region, env, cluster, dataKey: new kms.Key(support, 'Data'), tenant: data.tenant, manifests: web.manifests!,
    })).toThrow(/starter-dev-eu-west-1-tenant-data: expected the manifests of tenant "data", got those of "web"/);
  });

  test('leaves no unacknowledged cdk-nag errors or warnings', () => {
    const fresh = buildRegion(model);
    for (const { stack } of fresh.tenants.values()) expect(nagFindings(fresh.app, { scope: stack, levels: ['error', 'warning'] })).toEqual([]);
  });
});

describe('TenantStack (cdk delivery, enterprise, production, us-east-1)', () => {
  const model = withCdkDelivery(enterprise);
  const built = buildRegion(model, 'production', 'us-east-1');
  const delivered = deliveredManifests(built);

  test('embeds every tenant\'s objects, object for object, each tenant in its own stack', () => {
    const expected = tenantManifests(model, 'production', 'us-east-1');
    expect(delivered.map((d) => d.tenant)).toEqual([...expected.keys()]);
    for (const { tenant, manifests } of delivered) expect(byKey(manifests.flatMap((m) => m.objects))).toEqual(byKey(expected.get(tenant)!));
  });

  test('keeps every manifest under 100 KiB, every nested template under 800 KiB and 400 resources, within the packing estimate', () => {
    const largest = Math.max(...delivered.map((d) => d.bytes));
    expect(largest).toBeGreaterThan(300_000); // payments: six namespaces, the largest tenant
    const estimates = tenantStackPlans(model, built.environment, 'us-east-1');
    for (const { tenant, manifests, bytes, resources } of delivered) {
      expect(bytes).toBeLessThanOrEqual(800 * 1024);
      expect(resources).toBeLessThanOrEqual(400);
      for (const manifest of manifests) expect(manifest.bytes).toBeLessThanOrEqual(100 * 1024);
      expect(estimates.find((e) => e.tenant.id === tenant)!.manifests!.templateBytes).toBeGreaterThanOrEqual(bytes);
    }
    for (const { resources, bytes } of built.tenants.values()) {
      expect(Object.keys(resources).length).toBeLessThanOrEqual(400);
      expect(bytes).toBeLessThanOrEqual(800 * 1024);
    }
  });
});
