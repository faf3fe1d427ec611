/**
 * The chart of one tenant on one cluster: each of its namespaces with guard
 * rails (`TenantNamespace`) and each of its agents (`AgentWorkload`). Both
 * delivery paths synthesize this chart: Argo CD folders and the cluster stack.
 */
import type { ChartProps } from 'cdk8s';
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { TenantModel } from '../definition/model';
import type { ZoneSpread } from './agent-workload';
import { AgentWorkload } from './agent-workload';
import { ANNOTATIONS, namespaceLabels, tenantObjectLabels } from './labels';
import type { InboundEndpoint } from './namespace-network-policies';
import type { AgentDefaults } from './quota';
import { namespaceQuotas } from './quota';
import type { TenantRole } from './rbac';
import { TenantNamespace } from './tenant-namespace';

export interface TenantChartProps extends ChartProps {
  readonly tenant: TenantModel;
  /** Environment name, written as a namespace label. */
  readonly environment: string;
  /** Kubernetes minor version of the cluster (`1.33`), which pins the Pod Security Admission version. */
  readonly kubernetesVersion: string;
  /** The tenant's roles (see `tenantRoles`). */
  readonly roles: readonly TenantRole[];
  /** The context's agent defaults: LimitRange defaults and the quota of unused agent slots. */
  readonly agentDefaults: AgentDefaults;
  /**
   * Shared endpoints, by the namespace that serves them.
   * @default - none
   */
  readonly inboundEndpoints?: ReadonlyMap<string, readonly InboundEndpoint[]>;
  /**
   * How strictly agent replicas spread across zones.
   * @default 'ScheduleAnyway'
   */
  readonly zoneSpread?: ZoneSpread;
}

/** One tenant's namespaces, guard rails and agents. Construct ids come from names, never positions. */
export class TenantChart extends Chart {
  constructor(scope: Construct, id: string, props: TenantChartProps) {
    super(scope, id, props);
    const { tenant } = props;
    const labels = tenantObjectLabels(tenant);
    const quotas = new Map(namespaceQuotas(tenant, props.agentDefaults).map((q) => [q.namespace, q]));
    const projectOf = new Map(tenant.namespacePerProject ? tenant.projects.map((p) => [p.namespace, p.name]) : []);

    for (const namespace of tenant.namespaces) {
      const inbound = props.inboundEndpoints?.get(namespace);
      new TenantNamespace(this, `namespace-${namespace}`, {
        namespace,
        namespaceLabels: namespaceLabels(tenant, props.environment, props.kubernetesVersion, projectOf.get(namespace)),
        namespaceAnnotations: { [ANNOTATIONS.displayName]: tenant.displayName, [ANNOTATIONS.costCenter]: tenant.costCenter },
        labels,
        quota: quotas.get(namespace)!,
        containerDefaults: props.agentDefaults,
        roles: props.roles,
        ...(inbound && inbound.length > 0 ? { inboundEndpoints: inbound } : {}),
      });
    }

    for (const agent of tenant.agents) {
      new AgentWorkload(this, `agent-${agent.name}`, {
        agent,
        labels,
        ...(tenant.dedicatedNodePool !== undefined ? { dedicatedNodePool: tenant.dedicatedNodePool } : {}),
        ...(props.zoneSpread ? { zoneSpread: props.zoneSpread } : {}),
      });
    }
  }
}
