/** The Kubernetes API endpoint of each cluster: public only with an allow-list that does not open it to the internet. */
import { parseCidr } from '../cidr';
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import type { Report } from './report';

export function checkEndpointAccess(files: WorkspaceFiles, report: Report): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  workspace.data.environments.forEach((env, e) => {
    const base: YamlPath = ['environments', e, 'cluster', 'endpoint_access'];
    const access = env.cluster.endpoint_access;
    if (access.public && access.allow_list.length === 0) {
      report(source, [...base, 'allow_list'], CODES.missingKey, 'expected an allow-list for a public API endpoint, got none',
        'List the CIDRs that may reach the API, or set public: false.');
    }
    access.allow_list.forEach((c, i) => {
      const parsed = parseCidr(c);
      if (typeof parsed === 'string') {
        report(source, [...base, 'allow_list', i], CODES.invalidValue, `expected a valid CIDR, got "${c}" (${parsed})`, 'Write a network address like "203.0.113.0/24".');
      } else if (parsed.prefix === 0) {
        report(source, [...base, 'allow_list', i], CODES.invalidValue, `expected a restricted allow-list, got "${c}"`,
          'Allowing the whole internet is the same as no allow-list; list your corporate ranges.');
      }
    });
  });
}
