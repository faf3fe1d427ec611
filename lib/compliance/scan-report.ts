/**
 * The report of `oaas security-scan` (lib/commands/security-scan.ts): its
 * sections, findings and gate, the acknowledgements recorded on the construct
 * tree, and the checks of its Kubernetes and IAM sections.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { CheckDefinition } from './check';
import { iamCrossTenantAccess } from './checks/iam-cross-tenant-access';
import { iamNoAdminWildcard } from './checks/iam-no-admin-wildcard';
import { k8sNamespaceDefaultDeny } from './checks/k8s-namespace-default-deny';
import { k8sNamespacePodSecurity } from './checks/k8s-namespace-pod-security';
import { k8sRbacSecretsAccess } from './checks/k8s-rbac-secrets-access';
import { k8sRbacTenantGroups } from './checks/k8s-rbac-tenant-groups';
import { k8sWorkloadRestricted } from './checks/k8s-workload-restricted';
import type { ValidationGateResult } from './gate';

export const KUBERNETES_SCAN_CHECKS: readonly CheckDefinition[] = [k8sNamespacePodSecurity, k8sWorkloadRestricted, k8sNamespaceDefaultDeny, k8sRbacSecretsAccess, k8sRbacTenantGroups];
export const IAM_SCAN_CHECKS: readonly CheckDefinition[] = [iamNoAdminWildcard, iamCrossTenantAccess];

export interface ScanFinding {
  readonly severity: 'error' | 'warning';
  /** cdk-nag pack, validation plugin, check id or review. */
  readonly source: string;
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
  readonly fix?: string;
}

export interface ScanSection {
  readonly name: string;
  readonly description: string;
  readonly findings: readonly ScanFinding[];
  /** Resources or rules that passed, for the record. */
  readonly passed: number;
}

export interface Acknowledgement {
  readonly constructPath: string;
  readonly id: string;
  readonly reason: string;
}

export interface SecurityScanReport {
  readonly generatedAt: string;
  readonly workspace: string;
  readonly environment?: string;
  readonly packs: readonly string[];
  readonly sections: readonly ScanSection[];
  readonly validation: ValidationGateResult;
  /** Every acknowledgement recorded on the construct tree (cdk-nag drops acknowledged findings before reporting). */
  readonly acknowledgements: readonly Acknowledgement[];
  readonly gate: { readonly passed: boolean; readonly reasons: readonly string[] };
}

/** Acknowledgements recorded with `Validations.of(scope).acknowledge()`, by construct path. */
export function collectAcknowledgements(root: IConstruct): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  const visit = (node: IConstruct): void => {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || typeof entry.data !== 'object' || entry.data === null) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        out.push({ constructPath: node.node.path, id: id.replace(/^annotation::/i, ''), reason: typeof reason === 'string' ? reason : JSON.stringify(reason) });
      }
    }
    for (const child of node.node.children) visit(child);
  };
  visit(root);
  return out.sort((a, b) => (a.constructPath < b.constructPath ? -1 : a.constructPath > b.constructPath ? 1 : a.id < b.id ? -1 : 1));
}
