import { Stack } from 'aws-cdk-lib';
import { exampleModel } from '../helpers/workspace';
import { buildPlatform, newApp } from '../../lib/platform/platform';

/** Stacks of a synthesized app with their templates. */
function synthesize(name: 'starter' | 'enterprise', environment?: string) {
  const app = newApp();
  buildPlatform(app, exampleModel(name), environment ? { environment } : {});
  const assembly = app.synth();
  return assembly.stacks.map((s) => ({ name: s.stackName, template: s.template as { Resources?: Record<string, { Type: string }>; Outputs?: object; Parameters?: object }, size: JSON.stringify(s.template).length, terminationProtection: s.terminationProtection }));
}

describe('the platform app', () => {
  test('names stacks by organization, environment, region and layer', () => {
    const app = newApp();
    buildPlatform(app, exampleModel('starter'));
    const names = app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName).sort();
    expect(names).toEqual([
      'starter-dev-budgets',
      'starter-dev-eu-west-1-access',
      'starter-dev-eu-west-1-audit',
      'starter-dev-eu-west-1-cluster',
      'starter-dev-eu-west-1-network',
      'starter-dev-eu-west-1-security',
      'starter-dev-guardrails',
    ]);
  });

  test('selects one environment', () => {
    const app = newApp();
    buildPlatform(app, exampleModel('enterprise'), { environment: 'staging' });
    const names = app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName);
    expect(names.length).toBe(2 + 3 * 5);
    expect(names.every((n) => n.startsWith('acme-staging-'))).toBe(true);
  });

  test('puts regional stacks in the environment account and region, guardrails in the management account', () => {
    const app = newApp();
    buildPlatform(app, exampleModel('enterprise'), { environment: 'production' });
    const stacks = app.node.children.filter((c): c is Stack => c instanceof Stack);
    const byName = new Map(stacks.map((s) => [s.stackName, s]));
    expect(byName.get('acme-production-guardrails')?.account).toBe('100000000000');
    expect(byName.get('acme-production-guardrails')?.region).toBe('us-east-1');
    expect(byName.get('acme-production-ap-southeast-1-cluster')?.account).toBe('300000000000');
    expect(byName.get('acme-production-ap-southeast-1-cluster')?.region).toBe('ap-southeast-1');
    expect(stacks.every((s) => s.terminationProtection)).toBe(true);
  });

  test('gives each region an access stack that takes its cluster from, and deploys after, the cluster stack', () => {
    const app = newApp();
    const stacks = buildPlatform(app, exampleModel('enterprise'), { environment: 'production' }).production!;
    const assembly = app.synth();
    for (const [region, { access, cluster }] of Object.entries(stacks.regions)) {
      expect(access.stackName).toBe(`acme-production-${region}-access`);
      expect(assembly.getStackByName(access.stackName).dependencies.map((d) => d.id)).toContain(cluster.artifactId);
      expect(access.account).toBe(cluster.account);
      expect(access.region).toBe(region);
      const entries = Object.values((assembly.getStackByName(access.stackName).template as { Resources: Record<string, { Type: string; Properties: { ClusterName: unknown } }> }).Resources)
        .filter((r) => r.Type === 'AWS::EKS::AccessEntry');
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry.Properties.ClusterName).toMatchObject({ 'Fn::GetStackOutput': { StackName: cluster.stackName, Region: region } });
    }
  });

  test('stays within 80% of CloudFormation limits for every stack of the default workspace', () => {
    for (const stack of synthesize('enterprise')) {
      const resources = Object.keys(stack.template.Resources ?? {}).length;
      expect({ stack: stack.name, withinResources: resources <= 400 }).toEqual({ stack: stack.name, withinResources: true });
      expect({ stack: stack.name, withinSize: stack.size <= 0.8 * 1024 * 1024 }).toEqual({ stack: stack.name, withinSize: true });
      expect(Object.keys(stack.template.Outputs ?? {}).length).toBeLessThanOrEqual(160);
      expect(Object.keys(stack.template.Parameters ?? {}).length).toBeLessThanOrEqual(160);
    }
  });

  test('synthesizes byte-identical templates twice', () => {
    const first = synthesize('starter');
    const second = synthesize('starter');
    expect(second.map((s) => JSON.stringify(s.template))).toEqual(first.map((s) => JSON.stringify(s.template)));
  });
});
