import {
  averageCpuMillis, cpuQuantity, formatComputeQuota, largestMaxReplicas, limitRangeDefaults, namespaceQuotas, quotaHard,
} from '../../lib/k8s/quota';
import { agentDefaults } from '../../lib/k8s/render';
import { exampleModel } from '../helpers/workspace';

const starter = exampleModel('starter');
const enterprise = exampleModel('enterprise');
const tenant = (model: typeof starter, id: string) => model.tenants.find((t) => t.id === id)!;

describe('averageCpuMillis', () => {
  test.each([
    [{ cpuHours: 1000, per: 'month' }, 1370], // 1000 / 730 h = 1.3699 vCPU, rounded up
    [{ cpuHours: 200, per: 'month' }, 274],
    [{ cpuHours: 24, per: 'day' }, 1000],
    [{ cpuHours: 8760, per: 'year' }, 1000],
  ])('%j is %i millicores on average', (quota, millis) => {
    expect(averageCpuMillis(quota)).toBe(millis);
  });

  test('an unknown period is refused with the known ones', () => {
    expect(() => averageCpuMillis({ cpuHours: 1, per: 'fortnight' })).toThrow(/"fortnight" is not one of second, minute, hour, day, week, month, year/);
  });
});

test('the compute quota is written back as the definition writes it', () => {
  expect(formatComputeQuota({ cpuHours: 1000, per: 'month' })).toBe('1000 CPU hours/month');
});

test('CPU quantities are whole cores when exact, else millicores', () => {
  expect([cpuQuantity(2000), cpuQuantity(1370), cpuQuantity(250)]).toEqual(['2', '1370m', '250m']);
});

describe('namespaceQuotas of a tenant with one namespace (starter data)', () => {
  // data: max_agents 5, one agent "analyst" (500m / 1000m limit / 1Gi, replicas 2..4), 200Gi storage, 200 CPU hours/month.
  const defaults = agentDefaults(starter);
  const [quota] = namespaceQuotas(tenant(starter, 'data'), defaults);

  test('deployments are max_agents and pods max_agents × the largest max replicas', () => {
    expect(largestMaxReplicas(tenant(starter, 'data'), defaults)).toBe(4);
    expect(quota).toMatchObject({ namespace: 'data', share: '1/1', deployments: 5, pods: 20 });
  });

  test('CPU and memory fit the declared agent at full scale plus the unused slots at default size', () => {
    // analyst: 4 × 500m; 4 spare slots × 4 replicas × 250m (default) = 4000m; the 274m average is smaller.
    expect(quota!.requestsCpuMillis).toBe(4 * 500 + 4 * 4 * 250);
    expect(quota!.limitsCpuMillis).toBe(4 * 1000 + 4 * 4 * 500);
    expect(quota!.memoryBytes).toBe(4 * 2 ** 30 + 4 * 4 * 512 * 2 ** 20);
  });

  test('storage is the whole storage quota, and the hard limits are Kubernetes quantities', () => {
    expect(quotaHard(quota!)).toEqual({
      'count/deployments.apps': '5',
      'limits.cpu': '12',
      'limits.memory': '12Gi',
      pods: '20',
      'requests.cpu': '6',
      'requests.memory': '12Gi',
      'requests.storage': '200Gi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
  });
});

describe('namespaceQuotas of a tenant with a namespace per project (enterprise payments)', () => {
  const payments = tenant(enterprise, 'payments');
  const defaults = agentDefaults(enterprise);
  const quotas = namespaceQuotas(payments, defaults);

  test('every namespace gets a 1/n share', () => {
    expect(quotas.map((q) => q.namespace)).toEqual(payments.namespaces);
    expect(new Set(quotas.map((q) => q.share))).toEqual(new Set(['1/6']));
  });

  test('the namespaces together stay within the tenant limits', () => {
    const total = (pick: (q: (typeof quotas)[number]) => number) => quotas.reduce((sum, q) => sum + pick(q), 0);
    expect(total((q) => q.deployments)).toBeLessThanOrEqual(payments.resourceLimits.maxAgents);
    expect(total((q) => q.pods)).toBeLessThanOrEqual(payments.resourceLimits.maxAgents * largestMaxReplicas(payments, defaults));
    expect(total((q) => q.storageBytes)).toBeLessThanOrEqual(payments.resourceLimits.storageQuotaBytes);
  });

  test('every namespace fits its own agents at their maximum replicas', () => {
    for (const q of quotas) {
      const agents = payments.agents.filter((a) => a.namespace === q.namespace);
      expect(q.deployments).toBeGreaterThanOrEqual(agents.length);
      expect(q.pods).toBeGreaterThanOrEqual(agents.reduce((s, a) => s + a.replicas.max, 0));
      expect(q.requestsCpuMillis).toBeGreaterThanOrEqual(agents.reduce((s, a) => s + a.replicas.max * a.cpuMillis, 0));
      expect(q.limitsCpuMillis).toBeGreaterThanOrEqual(agents.reduce((s, a) => s + a.replicas.max * a.cpuLimitMillis, 0));
      expect(q.memoryBytes).toBeGreaterThanOrEqual(agents.reduce((s, a) => s + a.replicas.max * a.memoryBytes, 0));
    }
  });

  test('payments-fraud: 2 agents + 1 spare slot, 8 replicas each at most', () => {
    // 14 agents of 20: 6 spare slots over 6 namespaces = 1 each; fraud-screener scales to 8, so R = 8.
    const fraud = quotas.find((q) => q.namespace === 'payments-fraud')!;
    expect(fraud).toMatchObject({ deployments: 3, pods: 24, requestsCpuMillis: 8 * 250 + 4 * 250 + 8 * 250, storageBytes: Math.floor(500 * 1024 / 6) * 2 ** 20 });
    expect(quotaHard(fraud)['requests.storage']).toBe('85333Mi');
  });
});

test('the compute quota sets the floor when it is larger than what the agents need', () => {
  const idle = { ...tenant(starter, 'web'), agents: [], projects: [], resourceLimits: { ...tenant(starter, 'web').resourceLimits, maxAgents: 1, computeQuota: { cpuHours: 7300, per: 'month' } } };
  const [quota] = namespaceQuotas(idle, { cpuMillis: 100, cpuLimitMillis: 200, memoryBytes: 2 ** 28, maxReplicas: 1 });
  // 7300 / 730 = 10 vCPU on average; one spare slot at default size needs only 100m.
  expect(quota).toMatchObject({ requestsCpuMillis: 10000, limitsCpuMillis: 20000, memoryBytes: 40 * 2 ** 30, pods: 1, deployments: 1 });
});

test('the LimitRange defaults are the context agent defaults, memory limit equal to the request', () => {
  expect(limitRangeDefaults(agentDefaults(enterprise))).toEqual({
    defaultRequest: { cpu: '250m', memory: '512Mi' },
    default: { cpu: '500m', memory: '512Mi' },
  });
});
