import { agentsOfTenant, generateWorkspace, REGION_CATALOG } from '../../../scripts/bench/generate';
import { ENTERPRISE_EXAMPLE, GENERATED_PRESETS, presetTexts } from '../../../scripts/bench/presets';
import { loadWorkspaceTexts, readWorkspaceFolder } from '../../../lib/definition/loader';

const S = { seed: 1, ...GENERATED_PRESETS.S };

function loadClean(texts: Record<string, string>) {
  const result = loadWorkspaceTexts(texts);
  if (result.diagnostics.length > 0) throw new Error(JSON.stringify(result.diagnostics.slice(0, 5), null, 2));
  return result;
}

describe('generateWorkspace', () => {
  test('the S preset loads with no errors and no warnings', () => {
    const texts = generateWorkspace(S);
    expect(Object.keys(texts).filter((f) => f.startsWith('tenants/'))).toHaveLength(5);
    const result = loadClean(texts);
    expect(result.errorCount).toBe(0);
    expect(result.warningCount).toBe(0);
    const model = result.model!;
    expect(model.environments).toHaveLength(1);
    expect(model.environments[0]!.regions).toHaveLength(1);
    expect(model.tenants.reduce((sum, t) => sum + t.agents.length, 0)).toBe(10);
  });

  test('is deterministic for a seed, and another seed gives another workspace', () => {
    expect(generateWorkspace(S)).toEqual(generateWorkspace(S));
    expect(generateWorkspace({ ...S, seed: 2 })).not.toEqual(generateWorkspace(S));
  });

  test.each([
    ['S', S],
    ['2 environments × 3 regions', { seed: 9, regions: 3, environments: 2, tenants: 8, agents: 40 }],
  ])('one more tenant (at the same agents per tenant) adds exactly one file and changes no other: %s', (_name, options) => {
    const before = generateWorkspace(options);
    const after = generateWorkspace({ ...options, tenants: options.tenants + 1, agents: options.agents + options.agents / options.tenants });
    const added = Object.keys(after).filter((f) => !(f in before));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^tenants\/[a-z0-9-]+\.yml$/);
    expect(Object.keys(before).filter((f) => !(f in after))).toEqual([]);
    for (const file of Object.keys(before)) expect({ file, text: after[file] }).toEqual({ file, text: before[file] });
    expect(loadClean(after).model!.tenants).toHaveLength(options.tenants + 1);
  });

  test('spreads agents evenly, the first tenants taking the remainder', () => {
    const options = { tenants: 4, agents: 10 };
    expect([0, 1, 2, 3].map((i) => agentsOfTenant(options, i))).toEqual([3, 3, 2, 2]);
    const model = loadClean(generateWorkspace({ ...S, ...options })).model!;
    expect(model.tenants.map((t) => t.agents.length).sort()).toEqual([2, 2, 3, 3]);
  });

  test('gives every region its zones and every environment and region its own /16', () => {
    const model = loadClean(generateWorkspace({ seed: 3, regions: 4, environments: 3, tenants: 6, agents: 18 })).model!;
    const cidrs = model.environments.flatMap((e) => e.regions.map((r) => r.vpcCidr));
    expect(cidrs).toHaveLength(12);
    expect(new Set(cidrs).size).toBe(12);
    for (const region of model.environments.flatMap((e) => e.regions)) {
      expect(region.vpcCidr).toMatch(/\/16$/);
      expect(region.availabilityZones).toEqual(REGION_CATALOG.find((r) => r.region === region.region)!.zones);
    }
    expect(model.environments.map((e) => e.name)).toEqual(['production', 'staging', 'development']);
  });

  test('raises max_agents for a tenant with more agents than the default allows', () => {
    const model = loadClean(generateWorkspace({ seed: 1, regions: 1, environments: 1, tenants: 2, agents: 70 })).model!;
    for (const tenant of model.tenants) {
      expect(tenant.agents).toHaveLength(35);
      expect(tenant.resourceLimits.maxAgents).toBeGreaterThanOrEqual(35);
    }
  });

  test('refuses options out of range', () => {
    expect(() => generateWorkspace({ ...S, regions: 0 })).toThrow(/regions/);
    expect(() => generateWorkspace({ ...S, regions: REGION_CATALOG.length + 1 })).toThrow(/regions/);
    expect(() => generateWorkspace({ ...S, tenants: 1.5 })).toThrow(/tenants/);
  });

  test('the L preset has 200 tenants and 1000 agents and loads without errors or warnings', () => {
    const texts = presetTexts('L', 1);
    const result = loadWorkspaceTexts(texts);
    expect(result.errorCount).toBe(0);
    expect(result.warningCount).toBe(0);
    const model = result.model!;
    expect(model.tenants).toHaveLength(200);
    expect(model.tenants.reduce((sum, t) => sum + t.agents.length, 0)).toBe(1000);
    expect(model.environments).toHaveLength(2);
    expect(model.environments.every((e) => e.regions.length === 3)).toBe(true);
  });

  test('the M preset is the enterprise example as it is', () => {
    expect(presetTexts('M')).toEqual(readWorkspaceFolder(ENTERPRISE_EXAMPLE).texts);
  });
});
