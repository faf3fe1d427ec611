/** orchestration-rules.yml → OrchestrationModel: references resolved to agents, targets to projects. */
import type { OrchestrationModel, OrchestrationPatternModel } from '../../lib/definition/model';
import { resolveOrchestration } from '../../lib/definition/resolve-orchestration';
import { exampleModel, exampleTexts, loadTexts } from '../helpers/workspace';

const enterprise = exampleModel('enterprise');

function pattern<K extends OrchestrationPatternModel['kind']>(model: OrchestrationModel, kind: K, name: string): Extract<OrchestrationPatternModel, { kind: K }> {
  const found = model.patterns.find((p) => p.name === name);
  if (found?.kind !== kind) throw new Error(`no ${kind} pattern ${name}`);
  return found as Extract<OrchestrationPatternModel, { kind: K }>;
}

test('every pattern of the file, sorted by name, told apart by kind', () => {
  const names = enterprise.orchestration.patterns.map((p) => p.name);
  expect(names).toEqual([...names].sort());
  expect(enterprise.orchestration.patterns.map((p) => p.kind).sort()).toEqual(['circuit_breaker', 'fanout', 'mapreduce', 'parallel', 'pipeline', 'sequential']);
});

test('a step\'s agent reference resolves to the agent\'s tenant, project and namespace; timeouts are seconds', () => {
  const review = pattern(enterprise.orchestration, 'sequential', 'enterprise_code_review');
  expect(review.description).toBe('Code review pipeline with security validation');
  const analyzer = enterprise.tenants.find((t) => t.id === 'payments')!.agents.find((a) => a.name === 'static-analyzer')!;
  expect(review.steps[0]).toEqual({
    name: 'Static analysis',
    agent: { ref: 'payments/static-analyzer', tenant: 'payments', agent: 'static-analyzer', project: analyzer.project, namespace: analyzer.namespace },
    timeoutSeconds: 30,
  });
  expect(review.steps.map((s) => s.agent.ref)).toEqual([
    'payments/static-analyzer', 'security/security-scanner', 'governance/compliance-checker', 'governance/report-generator',
  ]);
});

test('parallel groups, pipeline checkpoints, map-reduce and circuit breaker fields in the model\'s units', () => {
  const parallel = pattern(enterprise.orchestration, 'parallel', 'multi_team_validation');
  expect(parallel.groups.map((g) => [g.name, g.agents.length])).toEqual([['Applications', 3], ['Infrastructure', 3]]);
  expect(parallel).toMatchObject({ maxParallel: 10, timeoutSeconds: 600 });
  const training = pattern(enterprise.orchestration, 'pipeline', 'ml_training');
  expect(training.stages.map((s) => [s.name, s.timeoutSeconds, s.checkpoint])).toEqual([
    ['Prepare data', 7200, false], ['Train', 86400, true], ['Evaluate', 3600, true], ['Bias audit', 3600, false], ['Publish', 900, false],
  ]);
  const analysis = pattern(enterprise.orchestration, 'mapreduce', 'large_scale_analysis');
  expect([analysis.mapper.ref, analysis.reducer.ref, analysis.partitions, analysis.maxParallel, analysis.timeoutSeconds])
    .toEqual(['analytics/shard-mapper', 'analytics/result-reducer', 64, 16, 6 * 3600]);
  const breaker = pattern(enterprise.orchestration, 'circuit_breaker', 'external_api_calls');
  expect(breaker).toMatchObject({ failureThreshold: 5, resetTimeoutSeconds: 30, halfOpenMaxCalls: 3 });
  expect(breaker).not.toHaveProperty('fallback');
});

describe('fan-out targets', () => {
  test('all_production_projects reaches every production project, by tenant then project', () => {
    const audit = pattern(enterprise.orchestration, 'fanout', 'security_audit');
    const expected = enterprise.tenants.flatMap((t) => t.projects.filter((p) => p.production).map((p) => ({ tenant: t.id, project: p.name, namespace: p.namespace })));
    expect(audit.target).toEqual({ kind: 'all_production_projects' });
    expect(audit.projects).toEqual(expected);
    expect(audit).toMatchObject({ collectResults: true, aggregation: 'security-dashboard', maxParallel: 20 });
  });

  test.each(['all_projects', '{ tenants: [web] }'])('%s reaches every project of the tenants it names', (target) => {
    const texts = exampleTexts('starter');
    texts['orchestration-rules.yml'] += `  fanout:\n    - { name: sweep, target: ${target}, agent: web/reviewer }\n`;
    const model = loadTexts(texts).model!;
    const sweep = pattern(model.orchestration, 'fanout', 'sweep');
    const tenants = target === 'all_projects' ? model.tenants : model.tenants.filter((t) => t.id === 'web');
    expect(sweep.projects.map((p) => `${p.tenant}/${p.project}`)).toEqual(tenants.flatMap((t) => t.projects.map((p) => `${t.id}/${p.name}`)));
    expect(sweep.projects.length).toBeGreaterThan(0);
  });
});

test('a bare agent name resolves to the one tenant that has it', () => {
  const texts = exampleTexts('starter');
  texts['orchestration-rules.yml'] = texts['orchestration-rules.yml']!.replace('agent: data/analyst', 'agent: analyst\n      fallback: web/summarizer');
  const breaker = pattern(loadTexts(texts).model!.orchestration, 'circuit_breaker', 'external_model_api');
  expect(breaker.agent).toMatchObject({ ref: 'data/analyst', tenant: 'data', agent: 'analyst' });
  expect(breaker.fallback?.ref).toBe('web/summarizer');
});

test.each([
  ['an unknown agent', 'nobody', /pattern "x": expected "nobody" to name an agent of a tenant, got none/],
  ['an agent of another tenant', 'web/analyst', /pattern "x": expected "web\/analyst" to name an agent of a tenant, got none/],
  ['a bare name two tenants use', 'twin', /pattern "x": expected "twin" to name one agent; qualify it as tenant\/agent, got data\/twin, web\/twin/],
])('a model built in code with %s fails, naming the pattern and the reference', (_what, ref, message) => {
  const starter = exampleModel('starter');
  const twin = (tenant: (typeof starter.tenants)[number]) => ({ ...tenant, agents: [...tenant.agents, { ...tenant.agents[0]!, name: 'twin' }] });
  const file = { orchestration_patterns: { sequential: [], parallel: [], fanout: [], pipeline: [], mapreduce: [], circuit_breaker: [
    { name: 'x', agent: ref, failure_threshold: 1, reset_timeout: 1, half_open_max_calls: 1 },
  ] } };
  expect(() => resolveOrchestration(file, starter.tenants.map(twin))).toThrow(message);
});
