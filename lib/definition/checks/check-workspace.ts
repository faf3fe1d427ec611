/**
 * Cross-file checks that run after every file passed its schema: references
 * resolve, names are unique and fit Kubernetes, zones and CIDRs are right,
 * residency, budgets, capacity and recovery objectives hold. Each check only
 * looks at the files that validated, so one broken file does not hide the
 * problems of the others; each lives in a file of its own in this folder.
 */
import type { Diagnostic } from '../diagnostics';
import { diagnosticAt } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import { checkAgentLimits } from './agent-limits';
import { collectAgents } from './agents';
import { checkApprovals } from './approvals';
import { checkBudgets } from './budgets';
import { checkCapacity } from './capacity';
import { checkEgress } from './egress';
import { checkEndpointAccess } from './endpoint-access';
import { checkEnvironments } from './environments';
import { checkNamespaces } from './namespaces';
import { checkNodePools } from './node-pools';
import { checkOrchestration } from './orchestration';
import { checkRegions } from './regions';
import type { Report } from './report';
import { checkRetention } from './retention';
import { checkRoles } from './roles';
import { checkTenantReferences } from './tenant-references';
import { checkVpcCidrs } from './vpc-cidrs';

export function checkWorkspace(files: WorkspaceFiles): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (source, path, code, message, hint, options = {}) =>
    out.push(diagnosticAt(source, path, { code, message, hint, severity: options.severity ?? 'error', pointAtKey: options.pointAtKey }));

  const agents = collectAgents(files, report);
  checkEnvironments(files, report);
  checkRegions(files, report);
  checkVpcCidrs(files, report);
  checkEndpointAccess(files, report);
  checkNodePools(files, report);
  checkBudgets(files, report);
  checkTenantReferences(files, report);
  checkNamespaces(files, report);
  checkAgentLimits(files, agents, report);
  checkEgress(files, agents, report);
  checkRoles(files, report);
  checkApprovals(files, report);
  checkRetention(files, report);
  checkOrchestration(files, agents, report);
  checkCapacity(files, agents, report);
  return out;
}
