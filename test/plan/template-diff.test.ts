/**
 * Templates compared with cloudformation-diff on hand-made pairs: replacement
 * and the properties that force it, retained and stateful resources, tag-only
 * updates, synth noise removed, outputs, and the IAM tables it reports.
 */
import { compareTemplates, normalizeTemplate } from '../../lib/plan/template-diff';
import type { PlanTemplate } from '../../lib/plan/outputs';

const bucket = (name: string, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { BucketName: name, Tags: [{ Key: 'team', Value: 'audit' }] }, ...extra,
});
const stack = (name: string, Resources: Record<string, unknown>, extra: Record<string, unknown> = {}): PlanTemplate => ({ stack: name, template: { Resources, ...extra }, constructPaths: { AuditBucket: `${name}/Audit/Bucket/Resource` } });

describe('compareTemplates', () => {
  test('a retained bucket whose name changes is replaced, because of BucketName', () => {
    const { changes } = compareTemplates([stack('acme-prod-audit', { AuditBucket: bucket('audit-1') })], [stack('acme-prod-audit', { AuditBucket: bucket('audit-2') })]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      id: 'cfn:acme-prod-audit/AuditBucket', action: 'replace', replacedBy: ['BucketName'], stateful: true, retained: true, metadataOnly: false,
      target: { kind: 'cloudformation', stack: 'acme-prod-audit', logicalId: 'AuditBucket', resourceType: 'AWS::S3::Bucket', constructPath: 'acme-prod-audit/Audit/Bucket/Resource' },
      properties: [{ path: 'Properties.BucketName', old: 'audit-1', new: 'audit-2', impact: 'replaces the resource' }],
    });
  });

  test('a tag change is an update of metadata only', () => {
    const after = bucket('audit-1');
    after.Properties.Tags = [{ Key: 'team', Value: 'security' }];
    const [change] = compareTemplates([stack('s', { AuditBucket: bucket('audit-1') })], [stack('s', { AuditBucket: after })]).changes;
    expect(change).toMatchObject({ action: 'update', metadataOnly: true, properties: [{ path: 'Properties.Tags[0].Value', old: 'audit', new: 'security' }] });
  });

  test('a deletion policy change is a change of the resource, not of its properties', () => {
    const [change] = compareTemplates([stack('s', { AuditBucket: bucket('a') })], [stack('s', { AuditBucket: bucket('a', { DeletionPolicy: 'Delete' }) })]).changes;
    expect(change).toMatchObject({ action: 'update', retained: true, properties: [{ path: 'DeletionPolicy', old: 'Retain', new: 'Delete' }] });
  });

  test('a stack on one side only is wholly added or removed', () => {
    const { changes } = compareTemplates([], [stack('new-stack', { AuditBucket: bucket('a') })]);
    expect(changes.map((c) => [c.id, c.action])).toEqual([['cfn:new-stack/AuditBucket', 'add']]);
    expect(compareTemplates([stack('old-stack', { AuditBucket: bucket('a') })], []).changes.map((c) => c.action)).toEqual(['remove']);
  });

  test('construct path and asset metadata and the CDKMetadata resource are synth noise', () => {
    const cli = stack('s', {
      AuditBucket: bucket('a', { Metadata: { 'aws:cdk:path': 's/Audit/Bucket/Resource', 'aws:asset:path': 'asset.x' } }),
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:x' }, Condition: 'CDKMetadataAvailable' },
    }, { Conditions: { CDKMetadataAvailable: { 'Fn::Equals': ['a', 'a'] } } });
    expect(compareTemplates([cli], [stack('s', { AuditBucket: bucket('a') })]).changes).toEqual([]);
    expect(normalizeTemplate(cli.template)).toEqual({ Resources: { AuditBucket: bucket('a') } });
  });

  test('outputs are compared too', () => {
    const { changes } = compareTemplates([stack('s', {}, { Outputs: { Arn: { Value: 'a' } } })], [stack('s', {}, { Outputs: { Arn: { Value: 'b' } } })]);
    expect(changes).toMatchObject([{ id: 'cfn:s/Outputs/Arn', action: 'update', target: { resourceType: 'Output' } }]);
  });

  test('an IAM change carries its access verdict and cloudformation-diff\'s table', () => {
    const policy = (Action: string) => ({ Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: 'arn:aws:s3:::b/t/*' }] }, Roles: [{ Ref: 'Role' }] } });
    const { changes, securityReports } = compareTemplates([stack('s', { Policy: policy('s3:GetObject') })], [stack('s', { Policy: policy('s3:*') })]);
    expect(changes[0]).toMatchObject({ action: 'update', access: { surface: 'IAM policy', effect: 'widened', findings: ['allows s3:* on arn:aws:s3:::b/t/*'] } });
    expect(securityReports).toHaveLength(1);
    expect(securityReports[0]).toMatchObject({ stack: 's', permissionsBroadened: true });
    expect(securityReports[0]!.iamStatements[0]).toEqual(['', 'Resource', 'Effect', 'Action', 'Principal', 'Condition']);
  });
});
