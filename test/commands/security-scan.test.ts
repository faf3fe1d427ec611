import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { Command } from 'commander';
import { runSecurityScan } from '../../lib/commands/security-scan';
import { collectAcknowledgements } from '../../lib/compliance/scan-report';
import { registerSecurityScan, runSecurityScanCommand } from '../../lib/cli/security-scan';
import { wildcardResourceFindings } from '../../lib/compliance/iam-review';
import { evidence, stack } from '../compliance/helpers';
import { EXAMPLES, exampleModel } from '../helpers/workspace';

describe('security-scan', () => {
  test('runs the cdk-nag packs, the Kubernetes checks and the IAM review; an insecure bucket fails it with cdk-nag errors', () => {
    const report = runSecurityScan(exampleModel('starter'), {
      beforeSynth: (app) => {
        const target = app.node.children.find((c): c is Stack => c instanceof Stack && c.stackName.endsWith('-audit'))!;
        new s3.Bucket(target, 'Careless', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: false, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
      },
    });
    expect(report.packs).toEqual(['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5']);
    const nag = report.sections.find((s) => s.name === 'cdk-nag')!;
    const careless = nag.findings.filter((f) => f.resource.includes('/Careless/'));
    expect(careless.map((f) => f.rule)).toEqual(expect.arrayContaining(['AwsSolutions-S10', 'HIPAA.Security-S3BucketSSLRequestsOnly', 'NIST.800.53.R5-S3DefaultEncryptionKMS']));
    expect(report.gate.passed).toBe(false);
    expect(report.sections.find((s) => s.name === 'Kubernetes')!.passed).toBeGreaterThan(0);
    expect(report.sections.find((s) => s.name === 'IAM review')!.passed).toBeGreaterThan(0);
    expect(report.acknowledgements.every((a) => a.reason.length > 0)).toBe(true);
    // The cloud assembly it synthesized was temporary and is gone.
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('oaas-compliance-'))).toEqual([]);
  });

  test('adds the PCI DSS pack when the definition selects the pci-dss standard, and the clean starter passes', () => {
    const model = exampleModel('starter');
    const pci = { ...model, security: { ...model.security, securityHub: { standards: [...model.security.securityHub.standards, 'pci-dss' as const] } } };
    const report = runSecurityScan(pci);
    expect(report.packs).toContain('PCI.DSS.321');
    expect(report.gate.reasons.filter((r) => !/PCI\.DSS\.321/.test(r))).toEqual([]);
  });

  test('the IAM review lists write actions on every resource as warnings', () => {
    const findings = wildcardResourceFindings(evidence([stack('s', {
      Reads: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeInstances'], Resource: '*' }] } } },
      Writes: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['ec2:CreateSecurityGroup', 'ec2:DescribeVpcs'], Resource: '*' }] } } },
    })]));
    expect(findings.map((f) => (f.resource.kind === 'cloudformation' ? f.resource.logicalId : ''))).toEqual(['Writes']);
    expect(findings[0]!.message).toBe('allows ec2:CreateSecurityGroup on every resource');
  });

  test('collects acknowledgements with their reasons from the construct tree', () => {
    const s = new Stack();
    const b = new s3.Bucket(s, 'B');
    b.node.addMetadata('aws:cdk:acknowledged-rules', { 'AwsSolutions-S1': 'logs go elsewhere' });
    expect(collectAcknowledgements(s)).toContainEqual({ constructPath: 'Default/B', id: 'AwsSolutions-S1', reason: 'logs go elsewhere' });
  });

  test('the command exits 2 on an unknown environment and registers its options', () => {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(runSecurityScanCommand(path.join(EXAMPLES, 'starter'), { env: 'nowhere', out: 'reports', format: 'text' })).toBe(2);
    } finally {
      spy.mockRestore();
    }
    const program = new Command('oaas');
    registerSecurityScan(program);
    expect(program.commands[0]!.name()).toBe('security-scan');
  });
});
