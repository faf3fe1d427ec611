/** Loading the example workspaces in tests. */
import * as path from 'path';
import { loadWorkspace, readWorkspaceFolder, loadWorkspaceTexts } from '../../lib/definition/loader';
import type { LoadResult } from '../../lib/definition/loader';
import type { WorkspaceModel } from '../../lib/definition/model';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

const cache = new Map<string, WorkspaceModel>();

/** The resolved model of `examples/<name>`; fails the test if it does not load. */
export function exampleModel(name: 'starter' | 'enterprise'): WorkspaceModel {
  const cached = cache.get(name);
  if (cached) return cached;
  const result = loadWorkspace(path.join(EXAMPLES, name));
  if (!result.model) throw new Error(`examples/${name} does not load: ${JSON.stringify(result.diagnostics, null, 2)}`);
  cache.set(name, result.model);
  return result.model;
}

/** The texts of `examples/<name>` (relative path → YAML), to mutate in tests. */
export function exampleTexts(name: 'starter' | 'enterprise'): Record<string, string> {
  return readWorkspaceFolder(path.join(EXAMPLES, name)).texts;
}

/** Loads in-memory texts, as the loader would load a folder. */
export function loadTexts(texts: Record<string, string>): LoadResult {
  return loadWorkspaceTexts(texts);
}

/** A small tenant file to add to the starter workspace: tenant `ops` with one agent. */
export const OPS_TENANT = `tenant_id: ops
team: web
projects:
  - name: runbooks
    agents:
      - name: runbook-writer
        image: ghcr.io/starter/runbook-writer:1.0.0
`;
