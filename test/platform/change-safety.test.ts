/**
 * Change safety, measured with the CDK's own diff engine
 * (@aws-cdk/cloudformation-diff): adding a tenant or agent only adds
 * resources, removing one only removes its own, reordering changes nothing,
 * renaming a tenant replaces that tenant's resources only, and no change to
 * one tenant ever touches a shared resource (VPC, cluster, keys, audit bucket).
 */
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { loadWorkspaceTexts } from '../../lib/definition/loader';
import { platformApp } from '../../lib/platform/cdk-app';
import { buildPlatform } from '../../lib/platform/platform';
import { renderManifests } from '../../lib/k8s/render';
import { exampleTexts } from '../helpers/workspace';

type Templates = Record<string, { Resources?: Record<string, { Type: string }> }>;

function synth(texts: Record<string, string>): Templates {
  const result = loadWorkspaceTexts(texts);
  if (!result.model) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  const app = platformApp();
  buildPlatform(app, result.model);
  return Object.fromEntries(app.synth().stacks.map((s) => [s.stackName, s.template as Templates[string]]));
}

interface Change { stack: string; logicalId: string; type: string; kind: 'added' | 'removed' | 'updated'; replaced: boolean }

function changes(before: Templates, after: Templates): Change[] {
  const out: Change[] = [];
  for (const stack of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const diff = fullDiff(before[stack] ?? {}, after[stack] ?? {});
    diff.resources.forEachDifference((logicalId, change) => {
      out.push({
        stack,
        logicalId,
        type: change.newResourceType ?? change.oldResourceType ?? 'unknown',
        kind: change.isAddition ? 'added' : change.isRemoval ? 'removed' : 'updated',
        replaced: change.changeImpact === ResourceImpact.WILL_REPLACE || change.changeImpact === ResourceImpact.MAY_REPLACE,
      });
    });
  }
  return out;
}

/** Resource types that every tenant shares: replacing or updating one would touch every tenant. */
const SHARED_TYPES = ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EKS::Cluster', 'AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::EKS::Nodegroup', 'AWS::CloudTrail::Trail'];

const OPS_TENANT = `tenant_id: ops
team: web
projects:
  - name: runbooks
    agents:
      - name: runbook-writer
        image: ghcr.io/starter/runbook-writer:1.0.0
`;

describe('change safety of the starter workspace', () => {
  const base = exampleTexts('starter');
  const before = synth(base);

  test('adding a tenant only adds resources, none of them shared', () => {
    const after = synth({ ...base, 'tenants/ops.yml': OPS_TENANT });
    const found = changes(before, after);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((c) => c.kind !== 'added')).toEqual([]);
    expect(found.filter((c) => SHARED_TYPES.includes(c.type))).toEqual([]);
  });

  test('removing a tenant only removes its own resources', () => {
    const withOps = synth({ ...base, 'tenants/ops.yml': OPS_TENANT });
    const found = changes(withOps, before);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((c) => c.kind !== 'removed')).toEqual([]);
    expect(found.every((c) => /Ops/.test(c.logicalId))).toBe(true);
  });

  test('adding an agent only adds resources', () => {
    const texts = { ...base, 'tenants/web.yml': base['tenants/web.yml']!.replace('      - name: summarizer', '      - name: translator\n        image: ghcr.io/starter/translator:1.0.0\n      - name: summarizer') };
    const found = changes(before, synth(texts));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((c) => c.kind !== 'added')).toEqual([]);
  });

  test('reordering tenant files and agents changes nothing', () => {
    const web = base['tenants/web.yml']!;
    const reorderedWeb = web.replace(
      /( {6}- name: reviewer\n(?: {8}.*\n)+)( {6}- name: summarizer\n(?: {8}.*\n)+)/,
      (_m, reviewer: string, summarizer: string) => `${summarizer}${reviewer}`,
    );
    expect(reorderedWeb).not.toBe(web);
    const reordered = Object.fromEntries(Object.entries({ ...base, 'tenants/web.yml': reorderedWeb }).reverse());
    expect(changes(before, synth(reordered))).toEqual([]);
    expect(JSON.stringify(synth(reordered))).toBe(JSON.stringify(before));
  });

  test('renaming a tenant replaces that tenant\'s resources only', () => {
    const renamed = { ...base };
    delete renamed['tenants/data.yml'];
    renamed['tenants/analytics.yml'] = base['tenants/data.yml']!.replace('tenant_id: data', 'tenant_id: analytics');
    renamed['orchestration-rules.yml'] = base['orchestration-rules.yml']!.replace('agent: data/analyst', 'agent: analytics/analyst');
    const found = changes(before, synth(renamed));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((c) => c.kind === 'updated')).toEqual([]);
    expect(found.filter((c) => c.kind === 'removed').every((c) => /Data/.test(c.logicalId))).toBe(true);
    expect(found.filter((c) => c.kind === 'added').every((c) => /Analytics/.test(c.logicalId))).toBe(true);
    expect(found.filter((c) => SHARED_TYPES.includes(c.type))).toEqual([]);
  });

  test('adding a tenant changes no rendered manifest of another tenant', () => {
    const load = (texts: Record<string, string>) => loadWorkspaceTexts(texts).model!;
    const first = renderManifests(load(base));
    const second = renderManifests(load({ ...base, 'tenants/ops.yml': OPS_TENANT }));
    for (const [file, text] of first) {
      if (file.includes('/argocd/')) continue;
      expect({ file, same: second.get(file) === text }).toEqual({ file, same: true });
    }
    expect([...second.keys()].filter((f) => !first.has(f)).every((f) => f.includes('/ops/') || f.endsWith('appproject-ops.yaml'))).toBe(true);
  });
});
