/** workspace.yml's security and monitoring, context.yml and node pools → the model's names and units. */
import { exampleModel, exampleTexts, loadTexts } from '../helpers/workspace';

const enterprise = exampleModel('enterprise');
const DAY = 86_400;

test('security: every setting in the model\'s names, defaults applied', () => {
  expect(enterprise.security).toEqual({
    authentication: { providers: ['okta', 'azure-ad'], mfaRequired: true, ssoRolePrefix: 'AWSReservedSSO_' },
    authorization: { rbac: true, abac: true, zeroTrust: true },
    encryption: { atRest: 'AES-256-GCM', inTransit: 'TLS 1.3' },
    waf: { rateLimit: 2000, managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'] },
    securityHub: { standards: ['aws-foundational', 'nist-800-53', 'cis-3.0'] },
    guardDuty: { eksRuntimeMonitoring: true, malwareProtection: true, s3Protection: true },
  });
});

test('monitoring: thresholds in seconds and ratios, money in cents, alerts keyed by name and sorted', () => {
  const { monitoring } = enterprise;
  expect(monitoring.metrics).toEqual({
    orchestrationLatencyP95: { operator: '<', value: 5 },
    errorRate: { operator: '<', value: 0.005 },
    costPerOperationCents: 2,
    complianceScore: { operator: '>', value: 0.95 },
  });
  expect(Object.keys(monitoring.criticalAlerts)).toEqual(['budget_exceeded', 'compliance_violation', 'orchestration_failure', 'security_breach']);
  expect(monitoring.criticalAlerts.security_breach).toEqual({ name: 'security_breach', channel: 'pagerduty', severity: 'critical', escalateTo: ['security_manager'] });
  expect(monitoring.dashboards).toEqual(['executive', 'operations', 'security', 'compliance']);
  expect(monitoring.logRetentionSeconds).toBe(365 * DAY);
  expect(monitoring).not.toHaveProperty('targetAvailability');
});

test('monitoring left out of workspace.yml: its defaults, and no metric targets', () => {
  const monitoring = exampleModel('starter').monitoring;
  expect(monitoring).toEqual({ metrics: {}, criticalAlerts: {}, dashboards: [], logRetentionSeconds: 365 * DAY });
});

describe('context', () => {
  const { context } = enterprise;

  test('agent defaults in millicores, bytes and seconds; the CPU limit defaults to twice the request', () => {
    expect(context.defaults.agent).toEqual({
      cpuMillis: 250, cpuLimitMillis: 500, memoryBytes: 512 * 2 ** 20,
      replicas: { min: 2, max: 4 }, port: 8080,
      livenessProbe: { path: '/healthz', initialDelaySeconds: 10, periodSeconds: 10 },
      readinessProbe: { path: '/ready', initialDelaySeconds: 5, periodSeconds: 10 },
      egress: ['model-apis', 'orchestrator'],
    });
  });

  test('tenant defaults as the tenants get them, framework names mapped to ids', () => {
    expect(context.defaults.tenant.resourceLimits).toEqual({
      maxAgents: 20, maxConcurrentOperations: 50, storageQuotaBytes: 500 * 2 ** 30, computeQuota: { cpuHours: 1000, per: 'month' },
    });
    expect(context.defaults.tenant.securityPolicies).toEqual({ encryptionRequired: true, mfaRequired: true, auditLogging: 'comprehensive', dataRetention: 7 * 365 * DAY });
    expect(context.defaults.tenant.complianceRequirements).toEqual(['iso_27001']);
  });

  test('endpoints keyed by name and sorted, each an address range or pods of a namespace', () => {
    expect(Object.keys(context.endpoints)).toEqual(['model-apis', 'observability', 'orchestrator']);
    expect(context.endpoints['model-apis']).toEqual({ name: 'model-apis', kind: 'cidr', cidrs: ['10.20.0.0/14'], ports: [443] });
    expect(context.endpoints.orchestrator).toEqual({
      name: 'orchestrator', kind: 'namespace', namespace: 'platform', podLabels: { 'app.kubernetes.io/name': 'workflow-router' }, ports: [8080],
    });
  });

  test('optimization settings, request batching a boolean', () => {
    expect(context.optimization).toEqual({ tokenCaching: 'aggressive', modelSelection: 'cost-aware', requestBatching: true, responseStreaming: 'early_termination' });
  });
});

test('node pools: sizes in bytes, camelCase names, sorted by name', () => {
  const pools = enterprise.environments.find((e) => e.name === 'production')!.cluster.nodePools;
  expect(pools.map((p) => p.name)).toEqual([...pools.map((p) => p.name)].sort());
  for (const pool of pools) {
    expect(Object.keys(pool)).not.toContain('instance_types');
    expect(pool.diskSizeBytes % 2 ** 30).toBe(0);
    expect(pool.memoryPerNodeBytes).toBeGreaterThan(0);
  }
  const texts = exampleTexts('starter');
  texts['workspace.yml'] = texts['workspace.yml']!.replace(/(node_pools:\n\s+- name: \S+\n)/, '$1          capacity_type: spot\n          desired_size: 3\n          disk_size: 200Gi\n');
  const [pool] = loadTexts(texts).model!.environments[0]!.cluster.nodePools;
  expect(pool).toMatchObject({ capacityType: 'spot', desiredSize: 3, diskSizeBytes: 200 * 2 ** 30 });
});
