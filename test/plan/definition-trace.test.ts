/** Tracing a change to the definition: changed keys matched by name, removed keys, agents, layers and code. */
import { DefinitionIndex } from '../../lib/plan/definition-trace';

const workspace = `organization:
  name: acme
environments:
  - name: dev
    regions:
      - region: eu-west-1
    cluster:
      kubernetes_version: "1.33"
`;
const tenant = (agents: string) => `tenant_id: web
team: web
projects:
  - name: shop
    agents:
${agents}`;
const REVIEWER = '      - name: reviewer\n        image: r:1\n';
const SUMMARIZER = '      - name: summarizer\n        image: s:1\n';
const base = { 'workspace.yml': workspace, 'tenants/web.yml': tenant(REVIEWER + SUMMARIZER), 'context.yml': 'defaults: {}\n' };

describe('DefinitionIndex', () => {
  test('an added list item is one key, matched by name, not a shifted list', () => {
    const index = new DefinitionIndex({ ...base, 'tenants/web.yml': tenant('      - name: translator\n        image: t:1\n' + REVIEWER + SUMMARIZER) }, base);
    expect(index.changedRefs).toEqual([{ file: 'tenants/web.yml', path: 'projects[0].agents[0]', line: 6, column: 9 }]);
  });

  test('a removed key points at the base, marked removed', () => {
    const index = new DefinitionIndex({ ...base, 'tenants/web.yml': tenant(REVIEWER) }, base);
    expect(index.changedRefs).toEqual([{ file: 'tenants/web.yml', path: 'projects[0].agents[1]', line: 8, column: 9, removed: true }]);
  });

  test('an agent\'s change traces to its own keys; another agent\'s edit is not its cause', () => {
    const head = { ...base, 'tenants/web.yml': tenant(REVIEWER.replace('r:1', 'r:2') + SUMMARIZER) };
    const index = new DefinitionIndex(head, base);
    expect(index.trace({ kind: 'tenant', tenant: 'web', agent: 'reviewer' }, 'dev')).toEqual({
      basis: 'changed', refs: [{ file: 'tenants/web.yml', path: 'projects[0].agents[0].image', line: 7, column: 9 }],
    });
    expect(index.trace({ kind: 'tenant', tenant: 'web', agent: 'summarizer' }, 'dev').basis).toBe('owner');
    expect(index.trace({ kind: 'tenant', tenant: 'web' }, 'dev').refs.map((r) => r.path)).toEqual(['projects[0].agents[0].image']);
  });

  test('keys whose values show in the change\'s own values are its cause, wherever they are', () => {
    const head = { ...base, 'tenants/web.yml': tenant(REVIEWER.replace('r:1', 'r:2') + SUMMARIZER), 'context.yml': 'endpoints: { apis: { cidrs: [10.0.0.0/8] } }\n' };
    const index = new DefinitionIndex(head, { ...base, 'context.yml': 'endpoints: { apis: { cidrs: [10.0.0.0/16] } }\n' });
    const egress = index.trace({ kind: 'tenant', tenant: 'web', agent: 'reviewer' }, 'dev', [], ['10.0.0.0/16', '10.0.0.0/8', 'TCP']);
    expect(egress.refs.map((r) => `${r.file} ${r.path}`)).toEqual(['context.yml endpoints.apis.cidrs[0]']);
    const image = index.trace({ kind: 'tenant', tenant: 'web', agent: 'reviewer' }, 'dev', [], ['r:1', 'r:2']);
    expect(image.refs.map((r) => `${r.file} ${r.path}`)).toEqual(['tenants/web.yml projects[0].agents[0].image']);
    // Nothing shows: the nearest changed keys.
    expect(index.trace({ kind: 'tenant', tenant: 'web', agent: 'reviewer' }, 'dev', [], ['unrelated']).refs.map((r) => r.path)).toEqual(['projects[0].agents[0].image']);
  });

  test('a tenant\'s change with nothing changed in its files traces to the shared files', () => {
    const index = new DefinitionIndex({ ...base, 'context.yml': 'defaults: { agent: {} }\n' }, base);
    expect(index.trace({ kind: 'tenant', tenant: 'web', agent: 'reviewer' }, 'dev')).toEqual({ basis: 'changed', refs: [{ file: 'context.yml', path: 'defaults.agent', line: 1, column: 13 }] });
  });

  test('a platform change traces to its layer\'s keys in the environment\'s entry', () => {
    const head = { ...base, 'workspace.yml': workspace.replace('"1.33"', '"1.34"') };
    expect(new DefinitionIndex(head, base).trace({ kind: 'platform', layer: 'cluster' }, 'dev'))
      .toEqual({ basis: 'changed', refs: [{ file: 'workspace.yml', path: 'environments[0].cluster.kubernetes_version', line: 8, column: 7 }] });
    expect(new DefinitionIndex(head).trace({ kind: 'platform', layer: 'cluster' }, 'dev'))
      .toEqual({ basis: 'owner', refs: [{ file: 'workspace.yml', path: 'environments[0].cluster', line: 7, column: 5 }] });
  });

  test('with no key changed and code files that differ, the code is the cause', () => {
    expect(new DefinitionIndex(base, base).trace({ kind: 'platform', layer: 'cluster' }, 'dev', ['constructs/cluster/platform-cluster.ts']))
      .toMatchObject({ basis: 'code', codeFiles: ['constructs/cluster/platform-cluster.ts'] });
  });

  test('finds tenants and agents in tenant and project files', () => {
    const index = new DefinitionIndex({ ...base, 'tenants/web/checkout.yml': 'tenant_id: web\nproject:\n  name: checkout\n  agents:\n    - name: cart\n      image: c:1\n' });
    expect(index.tenantRef('web')).toEqual({ file: 'tenants/web.yml', path: 'tenant_id', line: 1, column: 1 });
    expect(index.agentPath('web', 'cart')?.ref).toEqual({ file: 'tenants/web/checkout.yml', path: 'project.agents[0]', line: 5, column: 7 });
    expect(index.tenantFiles('web')).toEqual(['tenants/web.yml', 'tenants/web/checkout.yml']);
  });
});
