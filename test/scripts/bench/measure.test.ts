import * as fs from 'fs';
import type { BenchReport } from '../../../scripts/bench/bench';
import { describeFailure, formatMarkdown, growthOf } from '../../../scripts/bench/bench';
import { GNU_TIME, median, parseTimeOutput, runMeasured } from '../../../scripts/bench/measure';

describe('measurement helpers', () => {
  test('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  test('reads the CPU time and peak RSS that GNU time writes, also after a signal note', () => {
    expect(parseTimeOutput('0.50 0.25 123456\n')).toEqual({ cpuMs: 750, maxRssKb: 123456 });
    expect(parseTimeOutput('Command terminated by signal 9\n1.00 0.00 2048\n')).toEqual({ cpuMs: 1000, maxRssKb: 2048 });
    expect(parseTimeOutput('')).toBeUndefined();
  });

  test('runs a process, keeps its output and reports a failure without throwing', async () => {
    const options = { cwd: process.cwd(), env: process.env, timeoutMs: 30_000 };
    const ok = await runMeasured([process.execPath, '-e', 'console.log("hello"); console.error("note")'], options);
    expect(ok).toMatchObject({ ok: true, exitCode: 0, timedOut: false, stdout: 'hello\n', stderrTail: 'note\n' });
    expect(ok.wallMs).toBeGreaterThan(0);
    if (fs.existsSync(GNU_TIME)) {
      expect(ok.maxRssKb).toBeGreaterThan(1000);
      expect(ok.cpuMs).toBeGreaterThanOrEqual(0);
    }
    const failed = await runMeasured([process.execPath, '-e', 'console.error("broken"); process.exit(3)'], options);
    expect(failed).toMatchObject({ ok: false, exitCode: 3, stderrTail: 'broken\n' });
  });

  test('kills a process that runs past its time limit', async () => {
    const result = await runMeasured([process.execPath, '-e', 'setTimeout(() => {}, 60000)'], { cwd: process.cwd(), env: process.env, timeoutMs: 500 });
    expect(result).toMatchObject({ ok: false, timedOut: true });
  });
});

describe('benchmark report', () => {
  test('a failure names the error, not minified source or stack frames', () => {
    const stderrTail = [
      '[WARNING] aws-cdk-lib.aws_eks_v2.OpenIdConnectProvider is deprecated, and will be removed in the next major release.',
      '/home/ci/oaas-platform/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1',
      `"use strict";var __createBinding=exports${'x'.repeat(500)}error`,
      '«MustBeObjectownershipAccesscontrol» objectOwnership must be set to "ObjectWriter" when accessControl is "LogDeliveryWrite"',
      '    at new AuditBucket (/home/ci/oaas-platform/constructs/audit/audit-bucket.ts:100:19)',
      'Node.js v20.20.2',
    ].join('\n');
    const text = describeFailure({ ok: false, exitCode: 1, signal: null, timedOut: false, wallMs: 1, stdout: '', stderrTail });
    expect(text).toMatch(/^exit code 1: «MustBeObjectownershipAccesscontrol» objectOwnership must be set/);
    expect(text).not.toContain('use strict');
    expect(text).not.toContain('AuditBucket');
    expect(describeFailure({ ok: false, exitCode: null, signal: 'SIGKILL', timedOut: true, wallMs: 1, stdout: '', stderrTail: '' })).toBe('timed out');
  });

  const series = (medianMs: number) => ({ command: 'x', runs: 1, samplesMs: [medianMs], medianMs, minMs: medianMs, maxMs: medianMs, medianCpuMs: medianMs / 2, maxRssMb: 100 });
  const report: BenchReport = {
    startedAt: '2026-01-01T00:00:00.000Z',
    host: { node: 'v20', platform: 'linux x64', cpus: 2, memoryGb: 8 },
    awsCdkLib: '2.276.0',
    runs: 1,
    seed: 1,
    productCommand: 'node -r tsx/cjs bin/app.ts',
    measures: 'Wall time.',
    sizes: [
      {
        size: 'S', workspace: '/tmp/s', regions: 1, environments: 1, tenants: 5, projects: 3, agents: 10, validate: series(900),
        product: { off: { command: 'x', runs: 0, samplesMs: [], error: 'exit code 1: Error: ClusterStack: not yet built' } },
        baseline: {}, ratio: {}, baselineSkipped: 'the product did not synthesize',
      },
      {
        size: 'L', workspace: '/tmp/l', regions: 3, environments: 2, tenants: 200, projects: 300, agents: 1000, validate: series(1500),
        product: { off: series(20_000) }, baseline: { off: series(10_000) }, ratio: { off: 2 },
        assembly: {
          stacks: 14, nestedStacks: 0, resources: 900, largestStack: { name: 'acme-production-us-east-1-cluster', resources: 600, bytes: 2_000_000 },
          largestTemplate: { name: 'acme-production-us-east-1-cluster', resources: 600, bytes: 2_000_000 }, templateBytes: 3_000_000, outputBytes: 5_000_000,
          overLimits: ['acme-production-us-east-1-cluster: 600 resources (CloudFormation allows 500)'],
        },
      },
    ],
    perAddedAgent: [{ from: 'S', to: 'L', addedAgents: 990, validateMs: 0.61, product: {}, baseline: {} }],
    growth: [{ from: 'S→M', to: 'M→L', mode: 'off', perAgentPct: 12, perPlacementPct: 40, perResourcePct: 5 }],
    failures: ['S: product synth (validation off) failed: exit code 1: Error: ClusterStack: not yet built'],
  };

  test('shows a failed size as failed, the others with their figures, and lists the problems', () => {
    const text = formatMarkdown(report);
    const rows = text.split('\n').filter((l) => l.startsWith('| S ') || l.startsWith('| L '));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('failed');
    expect(rows[0]).toContain('n/a');
    expect(rows[1]).toContain('20.00 s (10.00)');
    expect(rows[1]).toContain('2×');
    expect(rows[1]).toContain('600 resources');
    expect(text).toContain('ClusterStack: not yet built');
    expect(text).toContain('(CloudFormation allows 500)');
    expect(text).toContain('L: validate 1.50 ms');
    expect(text).toContain('- S → L (990 more agents): validate 0.61 ms');
    expect(text).toContain('- S→M vs M→L (val. off): per agent 12%, per agent placement 40%, per resource 5%');
  });

  test('growth compares the time per added agent, placement and resource of consecutive steps', () => {
    const step = (from: 'S' | 'M' | 'L', to: 'M' | 'L' | 'XL', perAgent: number, perPlacement: number, perResource: number) => ({
      from, to, addedAgents: 1, product: { off: perAgent }, baseline: {}, addedPlacements: 1, productPerPlacement: { off: perPlacement }, addedResources: 1, productPerResource: { off: perResource },
    });
    expect(growthOf([step('M', 'L', 20, 4, 0.8), step('L', 'XL', 30, 3, 0.7)], ['off'])).toEqual([
      { from: 'M→L', to: 'L→XL', mode: 'off', perAgentPct: 50, perPlacementPct: 25, perResourcePct: 13 },
    ]);
    expect(growthOf([step('M', 'L', 20, 4, 0.8)], ['off'])).toEqual([]);
  });
});
