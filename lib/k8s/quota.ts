/**
 * Resource quota and limit-range values of a tenant's namespaces: pure
 * functions of the tenant model and the context defaults.
 *
 * A ResourceQuota caps what a namespace holds at one time; it cannot meter
 * CPU-hours over a month. So the monthly compute quota becomes its average
 * rate, and the quota is never smaller than what the tenant's declared agents
 * need at full scale (a quota below that would keep approved agents pending).
 * The monthly figure itself travels as the `oaas.io/compute-quota` annotation
 * for metering and budgets.
 *
 * With n = the tenant's namespaces (1, or one per project), A = its agents,
 * A_ns = those in the namespace, spare = floor((max_agents − |A|) / n) unused
 * agent slots of the namespace, R = the largest max replicas of any agent of the
 * tenant (at least the context default) and avg = ceil(1000 × cpu_hours /
 * hours_per_period) millicores (1000 CPU hours/month = 1370m):
 *
 *   count/deployments.apps = |A_ns| + spare
 *   pods                   = (|A_ns| + spare) × R            (n = 1: max_agents × R)
 *   requests.cpu           = max(floor(avg / n),      Σ_{A_ns} max × cpu       + spare × R × default cpu)
 *   limits.cpu             = max(floor(2 × avg / n),  Σ_{A_ns} max × cpu limit + spare × R × default cpu limit)
 *   requests.memory        = limits.memory
 *                          = max(avg × 4 GiB per vCPU / n, Σ_{A_ns} max × memory + spare × R × default memory)
 *   requests.storage       = storage_quota / n            (rounded down to whole MiB when n > 1)
 *   services.loadbalancers = services.nodeports = 0      (tenants never expose nodes or load balancers)
 *
 * Splitting by n keeps the sum over a tenant's namespaces within the tenant's
 * limits; every namespace still fits its own declared agents.
 */
import type { AgentModel, ResourceLimitsModel, TenantModel } from '../definition/model';
import type { Rate } from '../definition/units';
import { HOURS_PER, toQuantity } from '../definition/units';

const MIB = 2 ** 20;

/** Memory granted per vCPU of the average compute quota: the ratio of general-purpose instances (m7i: 4 GiB per vCPU). */
export const MEMORY_PER_VCPU_BYTES = 4 * 2 ** 30;

/** CPU limit per CPU request granted from the average compute quota; the same ratio as an agent's default `cpu_limit`. */
export const CPU_LIMIT_RATIO = 2;

/** What an agent gets when it sets nothing: the context defaults, used for unused agent slots and the LimitRange. */
export interface AgentDefaults {
  readonly cpuMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryBytes: number;
  readonly maxReplicas: number;
}

/** Hard limits of one namespace, in base units (millicores, bytes, counts). */
export interface NamespaceQuota {
  readonly namespace: string;
  /** How the namespace shares the tenant quota: `1/1`, or `1/<n>` with a namespace per project. */
  readonly share: string;
  readonly deployments: number;
  readonly pods: number;
  readonly requestsCpuMillis: number;
  readonly limitsCpuMillis: number;
  readonly memoryBytes: number;
  readonly storageBytes: number;
  /** The tenant's compute quota as written: `1000 CPU hours/month`. */
  readonly computeQuota: string;
}

/** The average rate a compute quota pays for, in millicores: 1000 CPU hours a month (730 h) is 1370m. */
export function averageCpuMillis(quota: ResourceLimitsModel['computeQuota']): number {
  const hours = HOURS_PER[quota.per as Rate['per']];
  if (hours === undefined) throw new Error(`compute quota period "${quota.per}" is not one of ${Object.keys(HOURS_PER).join(', ')}`);
  return Math.ceil((1000 * quota.cpuHours) / hours);
}

/** `1000 CPU hours/month`, as the definition writes it. */
export function formatComputeQuota(quota: ResourceLimitsModel['computeQuota']): string {
  return `${quota.cpuHours} CPU hours/${quota.per}`;
}

/** R of the formulas: the largest max replicas of the tenant's agents, at least the default. */
export function largestMaxReplicas(tenant: TenantModel, defaults: AgentDefaults): number {
  return tenant.agents.reduce((max, a) => Math.max(max, a.replicas.max), defaults.maxReplicas);
}

const sum = (agents: readonly AgentModel[], value: (a: AgentModel) => number) => agents.reduce((total, a) => total + a.replicas.max * value(a), 0);

/** The quota of each of the tenant's namespaces, in namespace order. */
export function namespaceQuotas(tenant: TenantModel, defaults: AgentDefaults): NamespaceQuota[] {
  const limits = tenant.resourceLimits;
  const n = tenant.namespaces.length;
  const spare = Math.floor(Math.max(0, limits.maxAgents - tenant.agents.length) / n);
  const r = largestMaxReplicas(tenant, defaults);
  const avg = averageCpuMillis(limits.computeQuota);
  const avgMemory = Math.ceil((avg * MEMORY_PER_VCPU_BYTES) / 1000 / MIB) * MIB;
  const split = (bytes: number) => (n === 1 ? bytes : Math.floor(bytes / n / MIB) * MIB);
  return tenant.namespaces.map((namespace) => {
    const agents = tenant.agents.filter((a) => a.namespace === namespace);
    const slots = agents.length + spare;
    return {
      namespace,
      share: `1/${n}`,
      deployments: slots,
      pods: slots * r,
      requestsCpuMillis: Math.max(Math.floor(avg / n), sum(agents, (a) => a.cpuMillis) + spare * r * defaults.cpuMillis),
      limitsCpuMillis: Math.max(Math.floor((CPU_LIMIT_RATIO * avg) / n), sum(agents, (a) => a.cpuLimitMillis) + spare * r * defaults.cpuLimitMillis),
      memoryBytes: Math.max(split(avgMemory), sum(agents, (a) => a.memoryBytes) + spare * r * defaults.memoryBytes),
      storageBytes: split(limits.storageQuotaBytes),
      computeQuota: formatComputeQuota(limits.computeQuota),
    };
  });
}

/** CPU as Kubernetes writes it: whole cores (`2`) when exact, else millicores (`1370m`). */
export function cpuQuantity(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** The `spec.hard` of a namespace's ResourceQuota. */
export function quotaHard(quota: NamespaceQuota): Record<string, string> {
  return {
    'count/deployments.apps': String(quota.deployments),
    'limits.cpu': cpuQuantity(quota.limitsCpuMillis),
    'limits.memory': toQuantity(quota.memoryBytes),
    pods: String(quota.pods),
    'requests.cpu': cpuQuantity(quota.requestsCpuMillis),
    'requests.memory': toQuantity(quota.memoryBytes),
    'requests.storage': toQuantity(quota.storageBytes),
    'services.loadbalancers': '0',
    'services.nodeports': '0',
  };
}

/**
 * Container defaults of a namespace's LimitRange: a container that sets nothing gets
 * the context's agent defaults, with a memory limit equal to the request, so no
 * container runs unbounded and every pod counts against the quota.
 */
export function limitRangeDefaults(defaults: AgentDefaults): { defaultRequest: Record<string, string>; default: Record<string, string> } {
  return {
    defaultRequest: { cpu: cpuQuantity(defaults.cpuMillis), memory: toQuantity(defaults.memoryBytes) },
    default: { cpu: cpuQuantity(defaults.cpuLimitMillis), memory: toQuantity(defaults.memoryBytes) },
  };
}
