/**
 * `context.yml`, resolved: the defaults every tenant and agent inherits and
 * the named egress endpoints. The tenants and agents of the model already have
 * these applied; read them here only for what is not per tenant or agent
 * (namespace-wide defaults, endpoints served inside the cluster).
 */
import type { EgressEndpointModel, ProbeModel, ResourceLimitsModel, SecurityPoliciesModel } from './tenant';
import type { FrameworkId } from './values';

/** What an agent gets when it does not set the field itself. */
export interface AgentDefaultsModel {
  /** CPU request per replica, millicores. */
  readonly cpuMillis: number;
  /** CPU limit per replica, millicores (default: twice the request). */
  readonly cpuLimitMillis: number;
  /** Memory request and limit per replica, bytes. */
  readonly memoryBytes: number;
  readonly replicas: { readonly min: number; readonly max: number };
  readonly port: number;
  readonly livenessProbe: ProbeModel;
  readonly readinessProbe: ProbeModel;
  /** Names of the egress endpoints an agent may reach, sorted. */
  readonly egress: readonly string[];
  /** The AI model, when the context names one. */
  readonly model?: string;
}

/** `context.yml`, resolved. */
export interface ContextModel {
  readonly defaults: {
    readonly tenant: {
      readonly resourceLimits: ResourceLimitsModel;
      readonly securityPolicies: SecurityPoliciesModel;
      /** Frameworks every tenant must meet, in catalogue order (names no framework matches are left out). */
      readonly complianceRequirements: readonly FrameworkId[];
    };
    readonly agent: AgentDefaultsModel;
  };
  /** The shared egress endpoints, by name (tenants may add their own). */
  readonly endpoints: Readonly<Record<string, EgressEndpointModel>>;
  /** Settings of the agents' runtime, as written. */
  readonly optimization: {
    readonly tokenCaching: 'off' | 'conservative' | 'aggressive';
    readonly modelSelection: 'fixed' | 'cost-aware' | 'latency-aware';
    readonly requestBatching: boolean;
    readonly responseStreaming: 'disabled' | 'enabled' | 'early_termination';
  };
}
