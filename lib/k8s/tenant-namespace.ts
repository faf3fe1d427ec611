/**
 * One namespace of a tenant with its guard rails: the Namespace (tenant,
 * compliance and Pod Security Admission labels), its ResourceQuota and
 * LimitRange, the baseline NetworkPolicies and the tenant's RBAC Roles and
 * RoleBindings. Agents are added next to it by the tenant chart.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { AgentDefaults, NamespaceQuota } from './quota';
import { limitRangeDefaults, quotaHard } from './quota';
import { ANNOTATIONS } from './labels';
import type { InboundEndpoint } from './namespace-network-policies';
import { NamespaceNetworkPolicies } from './namespace-network-policies';
import type { TenantRole } from './rbac';

/** Name of the ResourceQuota and LimitRange of every tenant namespace. */
export const GUARDRAIL_NAME = 'tenant-limits';

export interface TenantNamespaceProps {
  readonly namespace: string;
  /** Labels of the Namespace object (tenant, team, environment, classification, compliance, Pod Security). */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /** Annotations of the Namespace object. @default - none */
  readonly namespaceAnnotations?: Readonly<Record<string, string>>;
  /** Labels of every other object (managed-by, tenant). */
  readonly labels: Readonly<Record<string, string>>;
  readonly quota: NamespaceQuota;
  /** What a container that sets no resources gets. */
  readonly containerDefaults: AgentDefaults;
  /** The tenant's roles, each bound to its groups in this namespace. */
  readonly roles: readonly TenantRole[];
  /** Shared endpoints served from this namespace. @default - none */
  readonly inboundEndpoints?: readonly InboundEndpoint[];
}

/** A tenant namespace and its guard rails. */
export class TenantNamespace extends Construct {
  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id);
    const { namespace } = props;
    const metadata = (name: string, annotations?: Record<string, string>) => ({
      name, namespace, labels: { ...props.labels }, ...(annotations ? { annotations } : {}),
    });

    new kplus.Namespace(this, 'Namespace', {
      metadata: {
        name: namespace,
        labels: { ...props.labels, ...props.namespaceLabels },
        ...(props.namespaceAnnotations ? { annotations: { ...props.namespaceAnnotations } } : {}),
      },
    });

    new kplus.k8s.KubeResourceQuota(this, 'Quota', {
      metadata: metadata(GUARDRAIL_NAME, {
        [ANNOTATIONS.computeQuota]: props.quota.computeQuota,
        [ANNOTATIONS.quotaShare]: props.quota.share,
      }),
      spec: {
        hard: Object.fromEntries(Object.entries(quotaHard(props.quota)).map(([key, value]) => [key, kplus.k8s.Quantity.fromString(value)])),
      },
    });

    const defaults = limitRangeDefaults(props.containerDefaults);
    const quantities = (values: Record<string, string>) =>
      Object.fromEntries(Object.entries(values).map(([key, value]) => [key, kplus.k8s.Quantity.fromString(value)]));
    new kplus.k8s.KubeLimitRange(this, 'LimitRange', {
      metadata: metadata(GUARDRAIL_NAME),
      spec: { limits: [{ type: 'Container', default: quantities(defaults.default), defaultRequest: quantities(defaults.defaultRequest) }] },
    });

    new NamespaceNetworkPolicies(this, 'NetworkPolicies', {
      namespace,
      labels: props.labels,
      ...(props.inboundEndpoints ? { inboundEndpoints: props.inboundEndpoints } : {}),
    });

    for (const role of props.roles) {
      const annotations = {
        [ANNOTATIONS.roleTitle]: role.title,
        ...(role.reportsTo !== undefined ? { [ANNOTATIONS.reportsTo]: role.reportsTo } : {}),
      };
      const k8sRole = new kplus.Role(this, `Role-${role.role}`, { metadata: metadata(role.name, annotations) });
      for (const rule of role.rules) {
        k8sRole.allow([...rule.verbs], ...rule.resources.flatMap((resource) =>
          rule.apiGroups.map((apiGroup) => kplus.ApiResource.custom({ apiGroup, resourceType: resource }))));
      }
      const binding = new kplus.RoleBinding(this, `RoleBinding-${role.role}`, { metadata: metadata(role.name, annotations), role: k8sRole });
      for (const group of role.groups) binding.addSubjects(kplus.Group.fromName(this, `Group-${role.role}-${group}`, group));
    }
  }
}
