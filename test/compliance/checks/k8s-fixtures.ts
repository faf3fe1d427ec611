/** Tenant namespace objects as the tenant chart renders them, for the Kubernetes check tests. */
import type { ManifestEvidence } from '../../../lib/compliance/evidence';
import { manifest } from '../helpers';

export function namespace(name: string, labels: Record<string, string> = { 'pod-security.kubernetes.io/enforce': 'restricted' }): ManifestEvidence {
  return manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

export function denyAll(ns: string, types = ['Ingress', 'Egress']): ManifestEvidence {
  return manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: ns }, spec: { podSelector: {}, policyTypes: types } });
}

export function quota(ns: string): ManifestEvidence {
  return manifest({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'tenant', namespace: ns }, spec: { hard: { pods: '50', 'requests.cpu': '10' } } });
}

export function limitRange(ns: string): ManifestEvidence {
  return manifest({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: ns }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } });
}

export const RESTRICTED_CONTAINER = {
  name: 'agent',
  image: 'ghcr.io/acme/agent:1.0.0',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
};

export function deployment(ns: string, podSpec: Record<string, unknown>): ManifestEvidence {
  return manifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'agent', namespace: ns }, spec: { template: { spec: podSpec } } });
}
