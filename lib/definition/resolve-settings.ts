/**
 * The workspace-wide settings → model: `workspace.yml`'s `security` and
 * `monitoring`, and `context.yml` (its defaults and named endpoints).
 */
import type {
  AlertRouteModel, ContextModel, EgressEndpointModel, FrameworkId, MonitoringModel, ProbeModel, ResourceLimitsModel, SecurityModel,
  SecurityPoliciesModel,
} from './model';
import type { ContextFile } from './schema/context';
import type { WorkspaceFile } from './schema/workspace';

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

export function resolveSecurity(s: WorkspaceFile['security']): SecurityModel {
  return {
    authentication: {
      providers: [...s.authentication.providers],
      mfaRequired: s.authentication.mfa_required,
      ssoRolePrefix: s.authentication.sso_role_prefix,
    },
    authorization: { rbac: s.authorization.rbac, abac: s.authorization.abac, zeroTrust: s.authorization.zero_trust },
    encryption: { atRest: s.encryption.at_rest, inTransit: s.encryption.in_transit },
    waf: { rateLimit: s.waf.rate_limit, managedRuleGroups: [...s.waf.managed_rule_groups] },
    securityHub: { standards: [...s.security_hub.standards] },
    guardDuty: {
      eksRuntimeMonitoring: s.guardduty.eks_runtime_monitoring,
      malwareProtection: s.guardduty.malware_protection,
      s3Protection: s.guardduty.s3_protection,
    },
  };
}

export function resolveMonitoring(m: WorkspaceFile['monitoring']): MonitoringModel {
  const { metrics } = m;
  return {
    metrics: {
      ...(metrics.orchestration_latency_p95 !== undefined ? { orchestrationLatencyP95: metrics.orchestration_latency_p95 } : {}),
      ...(metrics.error_rate !== undefined ? { errorRate: metrics.error_rate } : {}),
      ...(metrics.cost_per_operation !== undefined ? { costPerOperationCents: metrics.cost_per_operation.cents } : {}),
      ...(metrics.compliance_score !== undefined ? { complianceScore: metrics.compliance_score } : {}),
    },
    criticalAlerts: Object.fromEntries(Object.entries(m.critical_alerts).sort(byKey).map(([name, a]): [string, AlertRouteModel] => [
      name, { name, channel: a.channel, severity: a.severity, escalateTo: [...a.escalate_to] },
    ])),
    dashboards: [...m.dashboards],
    logRetentionSeconds: m.log_retention,
    ...(m.target_availability !== undefined ? { targetAvailability: m.target_availability } : {}),
  };
}

export function probeModel(p: { path: string; initial_delay: number; period: number }): ProbeModel {
  return { path: p.path, initialDelaySeconds: p.initial_delay, periodSeconds: p.period };
}

export function endpointModel(name: string, e: ContextFile['endpoints'][string]): EgressEndpointModel {
  return 'cidrs' in e
    ? { name, kind: 'cidr', cidrs: e.cidrs, ports: e.ports }
    : { name, kind: 'namespace', namespace: e.namespace, podLabels: e.pod_labels, ports: e.ports };
}

export function resourceLimitsModel(limits: ContextFile['defaults']['tenant']['resource_limits']): ResourceLimitsModel {
  return {
    maxAgents: limits.max_agents,
    maxConcurrentOperations: limits.max_concurrent_operations,
    storageQuotaBytes: limits.storage_quota,
    computeQuota: { cpuHours: limits.compute_quota.amount, per: limits.compute_quota.per },
  };
}

export function securityPoliciesModel(policies: ContextFile['defaults']['tenant']['security_policies']): SecurityPoliciesModel {
  return {
    encryptionRequired: policies.encryption_required,
    mfaRequired: policies.mfa_required,
    auditLogging: policies.audit_logging,
    dataRetention: policies.data_retention,
  };
}

/** `context.yml`; `complianceRequirements` are its tenant defaults' framework names, already mapped to ids. */
export function resolveContext(c: ContextFile, complianceRequirements: readonly FrameworkId[]): ContextModel {
  const agent = c.defaults.agent;
  return {
    defaults: {
      tenant: {
        resourceLimits: resourceLimitsModel(c.defaults.tenant.resource_limits),
        securityPolicies: securityPoliciesModel(c.defaults.tenant.security_policies),
        complianceRequirements: [...complianceRequirements],
      },
      agent: {
        cpuMillis: agent.resources.cpu,
        cpuLimitMillis: agent.resources.cpu_limit ?? agent.resources.cpu * 2,
        memoryBytes: agent.resources.memory,
        replicas: { min: agent.replicas.min, max: agent.replicas.max },
        port: agent.port,
        livenessProbe: probeModel(agent.liveness_probe),
        readinessProbe: probeModel(agent.readiness_probe),
        egress: [...new Set(agent.egress)].sort(),
        ...(agent.model !== undefined ? { model: agent.model } : {}),
      },
    },
    endpoints: Object.fromEntries(Object.entries(c.endpoints).sort(byKey).map(([name, e]) => [name, endpointModel(name, e)])),
    optimization: {
      tokenCaching: c.optimization.token_caching,
      modelSelection: c.optimization.model_selection,
      requestBatching: c.optimization.request_batching === 'enabled',
      responseStreaming: c.optimization.response_streaming,
    },
  };
}
