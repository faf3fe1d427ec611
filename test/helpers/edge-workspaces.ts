/**
 * Workspaces at the edges of what the schema takes: the starter with a few
 * "knobs" turned, each setting one group of values to something long, short,
 * shared, mixed or reserved. test/definition/fuzz-synth.test.ts synthesizes
 * the ones validate accepts.
 */
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Random } from './hostile';
import { exampleTexts } from './workspace';

type Docs = Record<string, Document>;
type Knob = (docs: Docs, random: Random) => string;

const name = (random: Random, length: number, first = 'abcdefghijklmnopqrstuvwxyz0123456789') => {
  const middle = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  let out = random.pick([...first]);
  for (let i = 1; i < length; i++) out += random.pick([...(i === length - 1 ? 'abcdefghijklmnopqrstuvwxyz0123456789' : middle)]);
  return out.replace(/-+/g, '-');
};
const text = (random: Random, length: number, alphabet = 'abcXYZ 019_-.:/=+@éÜ') => Array.from({ length }, () => random.pick([...alphabet])).join('');
const ws = (d: Docs) => d['workspace.yml']!;
const gov = (d: Docs) => d['governance.yml']!;
const ctx = (d: Docs) => d['context.yml']!;
const web = (d: Docs) => d['tenants/web.yml']!;
const data = (d: Docs) => d['tenants/data.yml']!;

/** Each knob sets one group of values to something at an edge of what the schema takes. */
const KNOBS: Readonly<Record<string, Knob>> = {
  organizationName: (d, r) => { const v = name(r, 1 + r.int(40)); ws(d).setIn(['organization', 'name'], v); return v; },
  displayName: (d, r) => { const v = text(r, 1 + r.int(100)); ws(d).setIn(['organization', 'display_name'], v); return `${v.length} characters`; },
  costCenter: (d, r) => { const v = text(r, 1 + r.int(255)); ws(d).setIn(['organization', 'cost_center'], v); web(d).setIn(['cost_center'], text(r, 1 + r.int(255))); return `${v.length} characters`; },
  environmentName: (d, r) => { const v = name(r, 1 + r.int(30)); ws(d).setIn(['environments', 0, 'name'], v); return v; },
  region: (d, r) => {
    const v = r.pick(['eu-west-1', 'ap-southeast-5', 'us-gov-west-1', 'eusc-de-east-1', 'us-isob-east-1', 'cn-north-1', 'eu-west-9', 'mx-central-1']);
    ws(d).setIn(['environments', 0, 'regions', 0, 'region'], v);
    ws(d).setIn(['environments', 0, 'regions', 0, 'availability_zones'], [`${v}a`, `${v}b`]);
    ws(d).setIn(['environments', 0, 'data_residency', 'allowed_regions'], [v]);
    ws(d).setIn(['organization', 'home_region'], v);
    return v;
  },
  secondRegion: (d, r) => {
    ws(d).setIn(['environments', 0, 'regions', 1], { region: 'eu-central-1', availability_zones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'], vpc_cidr: r.pick(['10.1.0.0/16', '10.1.0.0/24', '10.0.128.0/17']), dr_region: 'eu-west-1' });
    ws(d).setIn(['environments', 0, 'data_residency', 'allowed_regions'], ['eu-west-1', 'eu-central-1']);
    ws(d).setIn(['environments', 0, 'failover'], r.pick(['automatic', 'manual']));
    ws(d).setIn(['environments', 0, 'high_availability'], r.int(2) === 0);
    ws(d).setIn(['environments', 0, 'production'], r.int(2) === 0);
    return 'two regions';
  },
  kubernetesVersion: (d, r) => { const v = `1.${28 + r.int(12)}`; ws(d).setIn(['environments', 0, 'cluster', 'kubernetes_version'], v); return v; },
  recovery: (d, r) => {
    const pick = () => r.pick(['1s', '59m', '1h', '1d', '3653d', '100y', '101y']);
    const v = r.int(2) === 0 ? `${pick()} RTO, ${pick()} RPO` : { rto: pick(), rpo: pick(), backup_frequency: pick(), backup_retention: r.pick(['1d', '23h', '100y', '35 days']) };
    ws(d).setIn(['environments', 0, 'disaster_recovery'], v);
    return JSON.stringify(v);
  },
  retention: (d, r) => {
    ws(d).setIn(['monitoring', 'log_retention'], r.pick(['1d', '23h', '3653d', '3654d', '10y']));
    gov(d).setIn(['audit', 'retention'], r.pick(['1d', '3653d', '3654d', '100y']));
    ctx(d).setIn(['defaults', 'tenant', 'security_policies', 'data_retention'], r.pick(['1d', '100y']));
    return 'retentions';
  },
  budgets: (d, r) => {
    gov(d).setIn(['budgets', 'alert_thresholds'], Array.from({ length: 1 + r.int(6) }, () => r.pick(['0.1%', '0.05%', '1%', '100%', '99.99%', '50%'])));
    gov(d).setIn(['budgets', 'forecast_alerts'], r.int(2) === 0);
    gov(d).setIn(['budgets', 'automatic_controls', 'deny_deployments_when_exceeded'], r.int(2) === 0);
    gov(d).setIn(['budgets', 'cost_allocation_tag'], r.pick(['oaas:team', 't'.repeat(128), 'cost center']));
    return 'budgets';
  },
  teamName: (d, r) => {
    const v = name(r, 1 + r.int(63));
    web(d).setIn(['team'], v);
    gov(d).setIn(['budgets', 'per_team'], { [v]: '$800', data: '$600' });
    return v;
  },
  instanceTypes: (d, r) => {
    const v = r.pick([['m7i.large'], ['g4ad.xlarge'], ['m7i.large', 'g5.xlarge'], ['m7g.large', 'c7g.large'], ['inf2.xlarge'], ['g5g.xlarge'], ['t3.micro', 'm7g.large']]);
    ws(d).setIn(['environments', 0, 'cluster', 'node_pools', 0, 'instance_types'], v);
    return v.join(',');
  },
  poolLabels: (d, r) => {
    ws(d).setIn(['environments', 0, 'cluster', 'node_pools', 0, 'labels'], { [r.pick(['oaas.io/node-pool', 'oaas.io/tenant', 'example.com/tier', 'team'])]: r.pick(['general', 'web', 'x']) });
    ws(d).setIn(['environments', 0, 'cluster', 'node_pools', 0, 'taints'], r.int(2) === 0 ? [] : [{ key: r.pick(['oaas.io/tenant', 'oaas.io/other', 'dedicated']), value: r.pick(['web', 'data']), effect: 'NoSchedule' }]);
    return 'labels and taints';
  },
  dedicatedPool: (d, r) => {
    web(d).setIn(['isolation', 'dedicated_node_pool'], 'general');
    if (r.int(2) === 0) data(d).setIn(['isolation', 'dedicated_node_pool'], 'general');
    return 'dedicated pool';
  },
  nodePoolSizes: (d, r) => {
    ws(d).setIn(['environments', 0, 'cluster', 'node_pools', 0, 'max_size'], r.pick([1, 1000]));
    ws(d).setIn(['environments', 0, 'cluster', 'node_pools', 0, 'min_size'], r.pick([0, 1]));
    ws(d).setIn(['environments', 0, 'cluster', 'node_pools', 0, 'disk_size'], r.pick(['1Gi', '16Ti', '1GB', '20Gi']));
    return 'pool sizes';
  },
  tenantId: (d, r) => {
    const v = name(r, 1 + r.int(63));
    web(d).setIn(['tenant_id'], v);
    const ref = (agent: string) => ({ name: agent, agent: `${v}/${agent}`, timeout: '1s' });
    d['orchestration-rules.yml']!.setIn(['orchestration_patterns', 'sequential', 0, 'steps'], [ref('reviewer'), ref('summarizer')]);
    return v;
  },
  namespacePerProject: (d, r) => { web(d).setIn(['isolation', 'namespace_per_project'], true); web(d).setIn(['projects', 0, 'name'], name(r, 1 + r.int(60))); return 'per project'; },
  agentName: (d, r) => {
    const v = name(r, 1 + r.int(63), 'abc0123');
    web(d).setIn(['projects', 0, 'agents', 0, 'name'], v);
    d['orchestration-rules.yml']!.setIn(['orchestration_patterns', 'sequential', 0, 'steps', 0, 'agent'], `web/${v}`);
    return v;
  },
  roleGroups: (d, r) => {
    web(d).setIn(['roles'], { tenant_administrator: [r.pick(['oaas:web:leads', 'system:authenticated', 'oaas:data:admins', 'web-admins', 'oaas:web:'])] });
    return 'role groups';
  },
  roleTitle: (d, r) => { gov(d).setIn(['roles', 'tenant_administrator', 'title'], text(r, 1 + r.int(128), 'abcÜé 日')); return 'title'; },
  ssoPrefix: (d, r) => { ws(d).setIn(['security', 'authentication', 'sso_role_prefix'], r.pick(['AWSReservedSSO_', 'P'.repeat(32), '*', 'a/b'])); return 'prefix'; },
  endpoints: (d, r) => {
    const namespace = r.pick(['data', 'web', 'platform']);
    web(d).setIn(['endpoints'], { shared: { namespace, ports: [8080] } });
    web(d).setIn(['projects', 0, 'agents', 0, 'egress'], ['model-apis', 'shared']);
    if (r.int(2) === 0) ctx(d).setIn(['endpoints', 'data-api'], { namespace: 'data', ports: [8080] });
    return `egress to ${namespace}`;
  },
  probes: (d, r) => {
    const v = r.pick(['0s', '1s', '68y', '69y']);
    ctx(d).setIn(['defaults', 'agent', 'liveness_probe'], { path: `/${'h'.repeat(r.int(1024))}`, initial_delay: v, period: r.pick(['0s', '1s', '68y']) });
    return v;
  },
  allowList: (d, r) => {
    ws(d).setIn(['environments', 0, 'cluster', 'endpoint_access'], { public: true, allow_list: r.pick([['203.0.113.0/24'], ['0.0.0.0/1', '128.0.0.0/1'], ['11.0.0.0/8'], ['11.0.0.0/8', '12.0.0.0/8']]) });
    return 'allow list';
  },
  delivery: (d) => { ws(d).setIn(['environments', 0, 'cluster', 'delivery'], 'cdk'); return 'cdk delivery'; },
  replicas: (d, r) => { ctx(d).setIn(['defaults', 'agent', 'replicas'], { min: 1, max: r.pick([1, 10_000]) }); return 'replicas'; },
  descriptions: (d, r) => {
    web(d).setIn(['display_name'], text(r, r.int(256)));
    web(d).setIn(['projects', 0, 'agents', 0, 'description'], text(r, r.int(2048)));
    web(d).setIn(['projects', 0, 'agents', 0, 'capabilities'], Array.from({ length: r.int(100) }, () => text(r, 1 + r.int(128))));
    return 'free text';
  },
};

/** A candidate: the starter with a few knobs turned. */
export function candidate(r: Random): { texts: Record<string, string>; knobs: string[] } {
  const docs: Docs = {};
  for (const [file, t] of Object.entries(exampleTexts('starter'))) docs[file] = parseDocument(t);
  const names = Object.keys(KNOBS);
  const knobs = Array.from({ length: 2 + r.int(5) }, () => r.pick(names));
  const done = knobs.map((k) => {
    const what = `${k}=${KNOBS[k]!(docs, r).slice(0, 40)}`;
    // Values set as plain data become YAML nodes, so the next knob can edit inside them.
    for (const [file, doc] of Object.entries(docs)) docs[file] = parseDocument(doc.toString({ lineWidth: 0 }));
    return what;
  });
  return { texts: Object.fromEntries(Object.entries(docs).map(([file, doc]) => [file, doc.toString({ lineWidth: 0 })])), knobs: done };
}
