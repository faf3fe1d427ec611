/**
 * Cross-file checks that run after every file passed its schema: references
 * resolve, names are unique and fit Kubernetes, zones and CIDRs are right,
 * residency, budgets, capacity and recovery objectives hold. Each check only
 * looks at the files that validated, so one broken file does not hide the
 * problems of the others; each lives in a file of its own in this folder.
 */
import type { Diagnostic, SuggestionBudget } from '../diagnostics';
import { diagnosticAt, suggestion, suggestionBudget } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import { checkAgentLimits } from './agent-limits';
import { collectAgents } from './agents';
import { checkApprovals } from './approvals';
import { checkBudgets } from './budgets';
import { checkDerivedNames } from './derived-names';
import { checkCapacity } from './capacity';
import { checkEgress } from './egress';
import { checkEndpointAccess } from './endpoint-access';
import { checkEnvironments } from './environments';
import { checkNamespaces } from './namespaces';
import { checkNodePools } from './node-pools';
import { checkOrchestration } from './orchestration';
import { checkRegions } from './regions';
import type { CheckContext } from './report';
import { checkRetention } from './retention';
import { checkRoles } from './roles';
import { checkTenantReferences } from './tenant-references';
import { checkVpcCidrs } from './vpc-cidrs';

/** The diagnostics of every cross-file check; `budget` bounds the work spent on "did you mean" hints. */
export function checkWorkspace(files: WorkspaceFiles, budget: SuggestionBudget = suggestionBudget()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const context: CheckContext = {
    report: (source, path, code, message, hint, options = {}) =>
      out.push(diagnosticAt(source, path, { code, message, hint, severity: options.severity ?? 'error', pointAtKey: options.pointAtKey })),
    suggest: (word, candidates, noun) => suggestion(word, candidates, noun, budget),
  };

  const agents = collectAgents(files, context);
  checkEnvironments(files, context);
  checkRegions(files, context);
  checkVpcCidrs(files, context);
  checkEndpointAccess(files, context);
  checkNodePools(files, context);
  checkBudgets(files, context);
  checkTenantReferences(files, context);
  checkNamespaces(files, context);
  checkAgentLimits(files, agents, context);
  checkEgress(files, agents, context);
  checkRoles(files, context);
  checkApprovals(files, context);
  checkRetention(files, context);
  checkOrchestration(files, agents, context);
  checkCapacity(files, agents, context);
  checkDerivedNames(files, context);
  return out;
}
