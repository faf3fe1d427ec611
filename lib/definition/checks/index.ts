/** Cross-file checks of a workspace; see check-workspace.ts. */
export { checkWorkspace } from './check-workspace';
