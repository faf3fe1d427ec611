import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { isSeq, parseDocument } from 'yaml';
import { loadWorkspace } from '../../lib/definition/loader';
import type { AgentModel, TenantModel, WorkspaceModel } from '../../lib/definition/model';
import { tenantRegions } from '../../lib/definition/model';
import { FRAMEWORK_IDS } from '../../lib/definition/schema/governance';
import { EXAMPLES, exampleModel, exampleTexts, loadTexts } from '../helpers/workspace';

const DAY = 86_400;
const YEAR = 365 * DAY;
const GiB = 2 ** 30;

function tenant(model: WorkspaceModel, id: string): TenantModel {
  const found = model.tenants.find((t) => t.id === id);
  if (!found) throw new Error(`no tenant ${id}`);
  return found;
}

function agent(model: WorkspaceModel, tenantId: string, name: string): AgentModel {
  const found = tenant(model, tenantId).agents.find((a) => a.name === name);
  if (!found) throw new Error(`no agent ${tenantId}/${name}`);
  return found;
}

/** Loads texts and fails the test with the diagnostics when there is no model. */
function modelOf(texts: Record<string, string>): WorkspaceModel {
  const result = loadTexts(texts);
  if (!result.model) throw new Error(`expected a model, got ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.model;
}

describe('the enterprise example', () => {
  const model = exampleModel('enterprise');

  test('has 50+ projects and about 125 agents in 13 tenants', () => {
    const projects = model.tenants.flatMap((t) => t.projects);
    const agents = model.tenants.flatMap((t) => t.agents);
    expect(model.tenants).toHaveLength(13);
    expect(projects.length).toBeGreaterThanOrEqual(50);
    expect(agents.length).toBeGreaterThanOrEqual(120);
    expect(agents.length).toBeLessThanOrEqual(130);
  });

  test('has staging and production, each in the same 3 regions with the first one primary', () => {
    expect(model.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    for (const env of model.environments) {
      expect(env.regions.map((r) => r.region)).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-1']);
      expect(env.tenants).toHaveLength(13);
    }
  });

  test('enables all 7 compliance frameworks, in catalogue order', () => {
    expect(model.frameworks).toEqual([...FRAMEWORK_IDS]);
    expect(model.frameworks).toHaveLength(7);
  });

  test('loads the same from its folder as from its texts in memory', () => {
    const fromFolder = loadWorkspace(path.join(EXAMPLES, 'enterprise')).model;
    expect({ ...modelOf(exampleTexts('enterprise')), source: 'x' }).toEqual({ ...fromFolder, source: 'x' });
  });
});

describe('reading a folder', () => {
  test('accepts .yaml as well as .yml and reads tenant files in sub-folders', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-loader-'));
    try {
      fs.cpSync(path.join(EXAMPLES, 'starter'), dir, { recursive: true });
      fs.renameSync(path.join(dir, 'context.yml'), path.join(dir, 'context.yaml'));
      fs.mkdirSync(path.join(dir, 'tenants', 'web'));
      fs.writeFileSync(path.join(dir, 'tenants', 'web', 'checkout.yaml'), 'tenant_id: web\nproject:\n  name: checkout\n');
      fs.writeFileSync(path.join(dir, 'tenants', 'notes.txt'), 'not a tenant');
      const result = loadWorkspace(dir);
      expect(result.diagnostics).toEqual([]);
      expect(tenant(result.model!, 'web').projects.map((p) => p.name)).toEqual(['checkout', 'storefront']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('defaults: context, then tenant, then agent', () => {
  const model = exampleModel('enterprise');

  test('a tenant keeps the resource limits it sets and inherits the others from context.yml', () => {
    expect(tenant(model, 'healthcare').resourceLimits).toEqual({
      maxAgents: 10, // tenant
      maxConcurrentOperations: 50, // context
      storageQuotaBytes: 2e12, // tenant, "2TB"
      computeQuota: { cpuHours: 1000, per: 'month' }, // context, "1000 CPU hours/month"
    });
    expect(tenant(model, 'platform').resourceLimits).toEqual({
      maxAgents: 20, maxConcurrentOperations: 50, storageQuotaBytes: 500 * GiB, computeQuota: { cpuHours: 1000, per: 'month' },
    });
  });

  test('security policies merge field by field', () => {
    expect(tenant(model, 'healthcare').securityPolicies).toEqual({
      encryptionRequired: true, mfaRequired: true, auditLogging: 'comprehensive', dataRetention: 7 * YEAR,
    });
  });

  test('compliance requirements add the context ones to the tenant\'s, as framework ids in catalogue order', () => {
    expect(tenant(model, 'payments').complianceRequirements).toEqual(['sox', 'gdpr', 'iso_27001']);
    expect(tenant(model, 'mobile').complianceRequirements).toEqual(['iso_27001']);
  });

  test('cost center and data classification fall back to the organization', () => {
    const starter = exampleModel('starter');
    expect(tenant(starter, 'web')).toMatchObject({ costCenter: 'CC-100', dataClassification: 'confidential' });
    expect(tenant(starter, 'data')).toMatchObject({ costCenter: 'CC-100', dataClassification: 'restricted' });
  });

  test('an agent without settings gets the context defaults, units parsed', () => {
    expect(agent(model, 'platform', 'task-scheduler')).toMatchObject({
      cpuMillis: 250,
      cpuLimitMillis: 500,
      memoryBytes: 512 * 2 ** 20,
      replicas: { min: 2, max: 4 },
      port: 8080,
      listens: false,
      livenessProbe: { path: '/healthz', initialDelaySeconds: 10, periodSeconds: 10 },
      readinessProbe: { path: '/ready', initialDelaySeconds: 5, periodSeconds: 10 },
    });
    expect(agent(model, 'platform', 'task-scheduler').egress.map((e) => e.name)).toEqual(['model-apis', 'orchestrator']);
  });

  test('an agent\'s own settings win over the defaults', () => {
    expect(agent(model, 'ml-research', 'model-trainer')).toMatchObject({
      cpuMillis: 2000, cpuLimitMillis: 4000, memoryBytes: 8 * GiB, replicas: { min: 1, max: 2 },
    });
    expect(agent(model, 'platform', 'result-aggregator').egress).toEqual([
      { name: 'model-apis', kind: 'cidr', cidrs: ['10.20.0.0/14'], ports: [443] },
      { name: 'observability', kind: 'namespace', namespace: 'observability', podLabels: {}, ports: [4317, 4318] },
    ]);
  });

  test('each level overrides the one before it in an edited starter', () => {
    const texts = exampleTexts('starter');
    texts['context.yml'] = texts['context.yml']!.replace('    port: 8080\n', '    port: 8080\n    model: claude-default\n');
    texts['tenants/data.yml'] = texts['tenants/data.yml']!.replace('        replicas: { min: 2, max: 4 }', '        replicas: { min: 2, max: 4 }\n        port: 9090\n        model: analyst-large');
    const model = modelOf(texts);
    expect(tenant(model, 'data').resourceLimits.maxAgents).toBe(5);
    expect(tenant(model, 'web').resourceLimits.maxAgents).toBe(10);
    expect(agent(model, 'data', 'analyst')).toMatchObject({ port: 9090, model: 'analyst-large', cpuMillis: 500, cpuLimitMillis: 1000 });
    expect(agent(model, 'web', 'reviewer')).toMatchObject({ port: 8080, model: 'claude-default', cpuMillis: 250 });
    expect(agent(model, 'web', 'summarizer')).toMatchObject({ port: 8080, model: 'claude-default', cpuMillis: 100, memoryBytes: 256 * 2 ** 20 });
  });
});

describe('units and environments', () => {
  const model = exampleModel('enterprise');

  test('recovery objectives from both forms are seconds', () => {
    const [staging, production] = model.environments;
    expect(staging?.disasterRecovery).toEqual({ rto: 12 * 3600, rpo: 4 * 3600, backupFrequency: 4 * 3600, backupRetention: 14 * DAY });
    // The string form "4h RTO, 1h RPO": backups every RPO, kept 35 days by default.
    expect(production?.disasterRecovery).toEqual({ rto: 4 * 3600, rpo: 3600, backupFrequency: 3600, backupRetention: 35 * DAY });
  });

  test('budgets are cents, environment overrides first, thresholds ratios', () => {
    const [staging, production] = model.environments;
    expect(staging?.budgets).toMatchObject({ dailyCents: 30_000, monthlyCents: 900_000, alertThresholds: [0.5, 0.8, 1] });
    expect(production?.budgets).toMatchObject({
      dailyCents: 100_000,
      monthlyCents: 3_000_000,
      perTeamCents: { 'data-science': 1_200_000, engineering: 1_200_000, operations: 300_000, security: 300_000 },
    });
  });

  test('data residency lists the allowed regions sorted', () => {
    expect(model.environments[0]?.dataResidency).toEqual({ mode: 'enforced', allowedRegions: ['ap-southeast-1', 'eu-west-1', 'us-east-1'] });
  });

  test('audit retention is in seconds', () => {
    expect(model.auditRetention).toBe(7 * YEAR);
  });
});

describe('tenants, projects and namespaces', () => {
  const model = exampleModel('enterprise');

  test('a tenant with namespace_per_project gets one namespace per project, including project files', () => {
    const payments = tenant(model, 'payments');
    expect(payments.namespaces).toEqual([
      'payments-checkout', 'payments-fraud', 'payments-invoicing', 'payments-ledger', 'payments-refunds', 'payments-subscriptions',
    ]);
    expect(payments.projects.map((p) => [p.name, p.namespace])).toContainEqual(['subscriptions', 'payments-subscriptions']);
    expect(agent(model, 'payments', 'renewal-planner')).toMatchObject({ project: 'subscriptions', namespace: 'payments-subscriptions' });
  });

  test('other tenants run every project in one namespace named after the tenant', () => {
    const platform = tenant(model, 'platform');
    expect(platform.namespaces).toEqual(['platform']);
    expect(new Set(platform.agents.map((a) => a.namespace))).toEqual(new Set(['platform']));
  });

  test('project files are merged into their tenant, which keeps its own source file', () => {
    expect(tenant(model, 'payments').projects.map((p) => p.name)).toContain('subscriptions');
    expect(tenant(model, 'commerce').projects.map((p) => p.name)).toContain('marketplace');
    expect(tenant(model, 'customer-support').projects.map((p) => p.name)).toContain('voice');
    expect(tenant(model, 'customer-support').sourceFile).toBe('tenants/customer-support.yml');
    expect(agent(model, 'customer-support', 'call-transcriber')).toMatchObject({ cpuMillis: 1000, memoryBytes: 2 * GiB, tenant: 'customer-support' });
  });

  test('a tenant pinned to regions runs only there; others run in every region of the environment', () => {
    const [staging] = model.environments;
    expect(tenant(model, 'eu-services').regions).toEqual(['eu-west-1']);
    expect(tenantRegions(staging!, tenant(model, 'eu-services'))).toEqual(['eu-west-1']);
    expect(tenantRegions(staging!, tenant(model, 'healthcare'))).toEqual(['us-east-1']);
    expect(tenant(model, 'platform').regions).toBeUndefined();
    expect(tenantRegions(staging!, tenant(model, 'platform'))).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-1']);
  });

  test('a dedicated node pool is carried to the tenant', () => {
    expect(tenant(model, 'ml-research').dedicatedNodePool).toBe('gpu');
    expect(tenant(model, 'platform').dedicatedNodePool).toBeUndefined();
  });

  test('tenants, projects and agents are sorted by name', () => {
    const sorted = (names: string[]) => [...names].sort();
    expect(model.tenants.map((t) => t.id)).toEqual(sorted(model.tenants.map((t) => t.id)));
    for (const t of model.tenants) {
      expect(t.projects.map((p) => p.name)).toEqual(sorted(t.projects.map((p) => p.name)));
      expect(t.agents.map((a) => a.name)).toEqual(sorted(t.agents.map((a) => a.name)));
      for (const p of t.projects) expect(p.agents.map((a) => a.name)).toEqual(sorted(p.agents.map((a) => a.name)));
    }
  });
});

describe('the order of files and entries does not change the model', () => {
  const original = exampleTexts('enterprise');
  const expected = modelOf(original);

  /** A deterministic permutation from a seed (mulberry32). */
  function shuffle<T>(items: T[], seed: number): T[] {
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** Shuffles the projects of each tenant file and the agents of each project with the yaml Document API. */
  function reorder(texts: Record<string, string>, seed: number): Record<string, string> {
    const out: Record<string, string> = {};
    const files = shuffle(Object.keys(texts), seed);
    files.forEach((file, f) => {
      const text = texts[file]!;
      if (!file.startsWith('tenants/')) {
        out[file] = text;
        return;
      }
      const doc = parseDocument(text);
      const projects = doc.get('projects');
      const single = doc.get('project');
      const projectNodes = isSeq(projects) ? projects.items : single ? [single] : [];
      if (isSeq(projects)) projects.items = shuffle(projects.items, seed + f);
      projectNodes.forEach((project, p) => {
        const agents = (project as { get?: (key: string) => unknown }).get?.('agents');
        if (isSeq(agents)) agents.items = shuffle(agents.items, seed * 31 + f * 7 + p);
      });
      out[file] = doc.toString();
    });
    return out;
  }

  test('shuffling tenant files, projects and agents gives a deep-equal model', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const shuffled = reorder(original, seed);
      expect(modelOf(shuffled)).toEqual(expected);
    }), { seed: 2024, numRuns: 8 });
  });

  test('the shuffle really reorders the YAML', () => {
    const shuffled = reorder(original, 99);
    const changed = Object.keys(original).filter((f) => shuffled[f] !== original[f]);
    expect(changed.length).toBeGreaterThan(5);
  });

  test('moving a project out of its tenant file into a project file gives the same model', () => {
    const texts = { ...original };
    const doc = parseDocument(texts['tenants/payments.yml']!);
    const projects = doc.get('projects');
    if (!isSeq(projects)) throw new Error('payments has no projects');
    const index = projects.items.findIndex((p) => (p as { get: (k: string) => unknown }).get('name') === 'refunds');
    const [refunds] = projects.items.splice(index, 1);
    texts['tenants/payments.yml'] = doc.toString();
    const projectFile = parseDocument('tenant_id: payments\n');
    projectFile.set('project', refunds);
    texts['tenants/payments/refunds.yml'] = projectFile.toString();
    expect(texts['tenants/payments.yml']).not.toContain('refund-processor');
    expect(modelOf(texts)).toEqual(expected);
  });
});
