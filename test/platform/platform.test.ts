import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { generateWorkspace } from '../../scripts/bench/generate';
import { DEFAULT_SEED, GENERATED_PRESETS } from '../../scripts/bench/presets';
import { CLOUDFORMATION_QUOTAS, STACK_HEADROOM } from '../../lib/conventions/stack-limits';
import { loadWorkspaceTexts } from '../../lib/definition/loader';
import type { WorkspaceModel } from '../../lib/definition/model';
import { regionTenants } from '../../lib/mapping/cluster';
import { platformApp } from '../../lib/platform/cdk-app';
import { buildPlatform } from '../../lib/platform/platform';
import { AuditStack } from '../../lib/stacks/audit-stack';
import { exampleModel } from '../helpers/workspace';

type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>; Outputs?: object; Parameters?: object };

/** Stacks of a synthesized app with their templates. */
function synthesize(name: 'starter' | 'enterprise', environment?: string) {
  const app = platformApp();
  buildPlatform(app, exampleModel(name), environment ? { environment } : {});
  const assembly = app.synth();
  return assembly.stacks.map((s) => ({ name: s.stackName, template: s.template as Template, size: JSON.stringify(s.template).length, terminationProtection: s.terminationProtection }));
}

/** CloudFormation's limits per template, of which the platform keeps to STACK_HEADROOM. */
const LIMITS = {
  resources: CLOUDFORMATION_QUOTAS.resources, bytes: CLOUDFORMATION_QUOTAS.templateBytes, outputs: CLOUDFORMATION_QUOTAS.outputs, parameters: CLOUDFORMATION_QUOTAS.parameters,
} as const;

/** Every template the app writes, nested stacks' included, with its figures against CloudFormation's limits. */
function templateFigures(model: WorkspaceModel) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-limits-'));
  try {
    const app = platformApp({ outdir });
    buildPlatform(app, model);
    const assembly = app.synth();
    const files = fs.readdirSync(assembly.directory).filter((f) => f.endsWith('.template.json'));
    return files.map((file) => {
      const text = fs.readFileSync(path.join(assembly.directory, file));
      const template = JSON.parse(text.toString('utf8')) as Template;
      return {
        file,
        resources: Object.keys(template.Resources ?? {}).length,
        bytes: text.length,
        outputs: Object.keys(template.Outputs ?? {}).length,
        parameters: Object.keys(template.Parameters ?? {}).length,
      };
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The figures of a template that pass 80% of a CloudFormation limit. */
function overBudget(figures: ReturnType<typeof templateFigures>[number]) {
  const over = (Object.keys(LIMITS) as Array<keyof typeof LIMITS>).filter((limit) => figures[limit] > STACK_HEADROOM * LIMITS[limit]);
  return over.map((limit) => `${figures.file}: ${limit} ${figures[limit]} > ${STACK_HEADROOM * LIMITS[limit]}`);
}

type DeepMutable<T> = { -readonly [K in keyof T]: DeepMutable<T[K]> };
const mutable = <T>(value: T): DeepMutable<T> => structuredClone(value);

/** A copy of `model` whose environments deliver the manifests with CloudFormation. */
function withCdkDelivery(model: WorkspaceModel): WorkspaceModel {
  const copy = mutable(model);
  for (const environment of copy.environments) environment.cluster.delivery = 'cdk';
  return copy;
}

describe('the platform app', () => {
  test('names stacks by organization, environment, region and layer', () => {
    const app = platformApp();
    buildPlatform(app, exampleModel('starter'));
    const names = app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName).sort();
    expect(names).toEqual([
      'starter-dev-budgets',
      'starter-dev-eu-west-1-audit',
      'starter-dev-eu-west-1-cluster',
      'starter-dev-eu-west-1-network',
      'starter-dev-eu-west-1-security',
      'starter-dev-eu-west-1-tenant-data',
      'starter-dev-eu-west-1-tenant-web',
      'starter-dev-guardrails',
    ]);
  });

  test('selects one environment: its two environment stacks, four shared stacks per region and one stack per tenant of each region', () => {
    const app = platformApp();
    const model = exampleModel('enterprise');
    buildPlatform(app, model, { environment: 'staging' });
    const names = app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName);
    const staging = model.environments.find((e) => e.name === 'staging')!;
    const tenantStacks = staging.regions.flatMap((r) => regionTenants(staging, r.region).map((t) => `acme-staging-${r.region}-tenant-${t.id}`));
    expect(tenantStacks.length).toBeGreaterThan(staging.regions.length);
    expect(names.length).toBe(2 + 3 * 4 + tenantStacks.length);
    expect(names).toEqual(expect.arrayContaining(tenantStacks));
    expect(names.every((n) => n.startsWith('acme-staging-'))).toBe(true);
  });

  test('deploys the primary region\'s audit stack after its DR region\'s, which holds the replicas, in whatever order the regions are written', () => {
    const model = mutable(exampleModel('enterprise'));
    const production = model.environments.find((e) => e.name === 'production')!;
    for (const regions of [[...production.regions], [...production.regions].reverse()]) {
      production.regions = regions;
      const primary = regions[0]!;
      const stacks = buildPlatform(platformApp(), model, { environment: 'production' }).production!.regions;
      const audit = (region: string) => stacks[region]!.audit;
      expect(primary.drRegion).toBeDefined();
      expect(audit(primary.region).dependencies).toContain(audit(primary.drRegion!));
      for (const other of regions.slice(1)) expect(audit(other.region).dependencies.filter((s) => s instanceof AuditStack)).toEqual([]);
    }
  });

  test('gives a tenant limited to one region a stack in that region only', () => {
    const app = platformApp();
    buildPlatform(app, exampleModel('enterprise'), { environment: 'production' });
    const names = app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName);
    expect(names.filter((n) => n.endsWith('-tenant-eu-services'))).toEqual(['acme-production-eu-west-1-tenant-eu-services']);
  });

  test('puts regional stacks in the environment account and region, guardrails in the management account', () => {
    const app = platformApp();
    buildPlatform(app, exampleModel('enterprise'), { environment: 'production' });
    const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
    const byName = new Map(stacks.map((s) => [s.stackName, s]));
    expect(byName.get('acme-production-guardrails')?.account).toBe('100000000000');
    expect(byName.get('acme-production-guardrails')?.region).toBe('us-east-1');
    expect(byName.get('acme-production-ap-southeast-1-cluster')?.account).toBe('300000000000');
    expect(byName.get('acme-production-ap-southeast-1-cluster')?.region).toBe('ap-southeast-1');
    expect(stacks.every((s) => s.terminationProtection)).toBe(true);
  });

  test('gives each tenant of a region a stack that takes its cluster and data key from, and deploys after, the shared stacks of its region', () => {
    const app = platformApp();
    const stacks = buildPlatform(app, exampleModel('enterprise'), { environment: 'production' }).production!;
    const assembly = app.synth();
    for (const [region, { tenants, cluster, security }] of Object.entries(stacks.regions)) {
      expect(Object.keys(tenants).length).toBeGreaterThan(0);
      for (const [tenant, stack] of Object.entries(tenants)) {
        expect(stack.stackName).toBe(`acme-production-${region}-tenant-${tenant}`);
        const artifact = assembly.getStackByName(stack.stackName);
        expect(artifact.dependencies.map((d) => d.id)).toEqual(expect.arrayContaining([cluster.artifactId, security.artifactId]));
        expect(stack.account).toBe(cluster.account);
        expect(stack.region).toBe(region);
        expect(stack.terminationProtection).toBe(true);
        const resources = Object.values((artifact.template as Template).Resources ?? {});
        const clusterScoped = resources.filter((r) => r.Type === 'AWS::EKS::AccessEntry' || r.Type === 'AWS::EKS::PodIdentityAssociation');
        expect(clusterScoped.length).toBeGreaterThan(0);
        for (const r of clusterScoped) expect(r.Properties!.ClusterName).toMatchObject({ 'Fn::GetStackOutput': { StackName: cluster.stackName, Region: region } });
        const policy = JSON.stringify(resources.find((r) => r.Type === 'AWS::IAM::ManagedPolicy')!.Properties!.PolicyDocument);
        expect(policy).toContain(`"Fn::GetStackOutput":{"StackName":"${security.stackName}","Region":"${region}"`);
      }
    }
  });

  test('applies a tenant\'s manifests, with CloudFormation delivery, through the cluster stack\'s kubectl provider', () => {
    const app = platformApp();
    const stacks = buildPlatform(app, withCdkDelivery(exampleModel('starter'))).dev!;
    const assembly = app.synth();
    const { cluster, tenants } = stacks.regions['eu-west-1']!;
    for (const stack of Object.values(tenants)) {
      const nested = JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.manifests!.templateFile), 'utf8')) as Template;
      const manifests = Object.values(nested.Resources ?? {}).filter((r) => r.Type === 'Custom::AWSCDK-EKS-KubernetesResource');
      expect(manifests.length).toBeGreaterThan(0);
      for (const manifest of manifests) {
        expect(manifest.Properties!.ServiceToken).toMatchObject({ 'Fn::GetStackOutput': { StackName: cluster.stackName, OutputName: expect.stringMatching(/KubectlProvider/) } });
        expect(manifest.Properties!.ClusterName).toMatchObject({ 'Fn::GetStackOutput': { StackName: cluster.stackName } });
      }
    }
  });

  test('keeps the shared stacks\' outputs independent of the number of tenants: one per value the tenant stacks read', () => {
    const outputs = (model: WorkspaceModel) => {
      const app = platformApp();
      const stacks = buildPlatform(app, model).dev!.regions['eu-west-1']!;
      const assembly = app.synth();
      return [stacks.cluster, stacks.security].map((s) => Object.keys((assembly.getStackByName(s.stackName).template as Template).Outputs ?? {}).length);
    };
    const starter = exampleModel('starter');
    const more = mutable(starter);
    const web = more.environments[0]!.tenants.find((t) => t.id === 'web')!;
    for (let i = 0; i < 10; i += 1) {
      const id = `extra-${i}`;
      more.environments[0]!.tenants.push({ ...structuredClone(web), id, namespaces: [id], agents: web.agents.map((a) => ({ ...a, tenant: id, namespace: id })), projects: [] });
    }
    const counts = outputs(starter);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(outputs(more)).toEqual(counts);
  });

  test.each([
    ['the default workspace', false],
    ['the default workspace with CloudFormation delivery', true],
  ])('keeps every template of %s, nested ones included, within 80% of every CloudFormation limit', (_name, cdk) => {
    const figures = templateFigures(cdk ? withCdkDelivery(exampleModel('enterprise')) : exampleModel('enterprise'));
    const nested = figures.filter((f) => f.file.endsWith('.nested.template.json')).length;
    expect(nested).toBe(cdk ? figures.filter((f) => f.file.includes('-tenant-')).length : 0);
    expect(figures.flatMap(overBudget)).toEqual([]);
  });

  test('keeps every stack of the L preset (3 regions, 2 environments, 200 tenants, 1,000 agents) within 80% of every CloudFormation limit', () => {
    const loaded = loadWorkspaceTexts(generateWorkspace({ seed: DEFAULT_SEED, ...GENERATED_PRESETS.L }));
    expect(loaded.errorCount).toBe(0);
    const model = loaded.model!;
    // The old layout held every tenant of a region in one cluster stack and one access stack: far over 500 resources.
    const tenantStacks = model.environments.flatMap((e) => e.regions.flatMap((r) => regionTenants(e, r.region)));
    expect(tenantStacks.length).toBeGreaterThan(1000);
    const figures = templateFigures(model);
    expect(figures.length).toBe(2 * (2 + 3 * 4) + tenantStacks.length);
    expect(figures.flatMap(overBudget)).toEqual([]);
    const perRegion = new Map<string, number>();
    for (const f of figures.filter((f) => f.file.includes('-tenant-'))) {
      const region = f.file.replace(/-tenant-.*$/, '');
      perRegion.set(region, (perRegion.get(region) ?? 0) + f.resources);
    }
    expect(Math.min(...perRegion.values())).toBeGreaterThan(2 * LIMITS.resources);
  });

  test('synthesizes byte-identical templates twice', () => {
    const first = synthesize('starter');
    const second = synthesize('starter');
    expect(second.map((s) => JSON.stringify(s.template))).toEqual(first.map((s) => JSON.stringify(s.template)));
  });
});
