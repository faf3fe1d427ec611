/**
 * What the plan reads from the governance: change types, the approval matrix,
 * approval workflows and their stages, the roles' titles and scopes, and the
 * implementation requirements. This is the only file of lib/plan that reads
 * the workspace model's governance, so a change to how the model holds it
 * is made here.
 */
import type { WorkspaceModel } from '../definition/model';
import type { ChangeType, Risk } from './types';

export interface ApprovalStagePolicy {
  readonly stage: string;
  readonly approvers: readonly string[];
  readonly criteria: readonly string[];
  /** Seconds. */
  readonly timeoutSeconds: number;
  readonly escalateTo?: string;
}

export interface ApprovalWorkflowPolicy {
  readonly id: string;
  readonly appliesTo: readonly ChangeType[];
  readonly parallel: boolean;
  readonly stages: readonly ApprovalStagePolicy[];
  /** Present when an emergency bypass is allowed. */
  readonly emergencyBypass?: { readonly approvers: readonly string[]; readonly reviewWithinSeconds: number };
}

export interface ApprovalPolicy {
  /** `change_management.change_types`. */
  readonly changeTypes: readonly ChangeType[];
  /** `change_management.approval_matrix`, by risk. */
  readonly matrix: Readonly<Record<Risk, readonly string[]>>;
  /** `approval_workflows`, sorted by id. */
  readonly workflows: readonly ApprovalWorkflowPolicy[];
  /** Every role of the hierarchy: its title and whether it acts per tenant or across the organization. */
  readonly roles: Readonly<Record<string, { readonly title: string; readonly scope: 'organization' | 'tenant' }>>;
  /** `change_management.implementation`, by key. */
  readonly implementation: Readonly<Record<string, boolean>>;
}

/** The approval policy of a workspace. */
export function approvalPolicyOf(model: Pick<WorkspaceModel, 'governance'>): ApprovalPolicy {
  const g = model.governance;
  const cm = g.changeManagement;
  return {
    changeTypes: [...cm.changeTypes],
    matrix: { low: [...cm.approvers.lowRisk], medium: [...cm.approvers.mediumRisk], high: [...cm.approvers.highRisk] },
    workflows: Object.keys(g.approvalWorkflows).sort().map((id) => {
      const w = g.approvalWorkflows[id]!;
      return {
        id,
        appliesTo: [...w.appliesTo],
        parallel: w.parallel,
        stages: w.stages.map((s) => ({
          stage: s.name, approvers: [...s.approvers], criteria: [...s.criteria], timeoutSeconds: s.timeoutSeconds,
          ...(s.escalateTo !== undefined ? { escalateTo: s.escalateTo } : {}),
        })),
        ...(w.emergencyBypass.allowed ? { emergencyBypass: { approvers: [...w.emergencyBypass.approvers], reviewWithinSeconds: w.emergencyBypass.postDeploymentReviewSeconds } } : {}),
      };
    }),
    roles: Object.fromEntries(Object.keys(g.roles).sort().map((id) => [id, { title: g.roles[id]!.title, scope: g.roles[id]!.scope }])),
    // Keyed as governance.yml writes them: the outputs name them so.
    implementation: {
      testing_required: cm.testingRequired,
      rollback_plan_required: cm.rollbackPlanRequired,
      communication_required: cm.communicationRequired,
      post_implementation_review: cm.postImplementationReview,
    },
  };
}
