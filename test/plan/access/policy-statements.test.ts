/**
 * Widening and narrowing of IAM-style policies, decided statement by
 * statement: one table of old and new documents with the verdict each must
 * get, and checks that the findings name what was added or removed.
 */
import fc from 'fast-check';
import { comparePolicies, policyStatements } from '../../../lib/plan/access/policy-statements';

const BUCKET = 'arn:aws:s3:::data-bucket';
const allow = (Action: unknown, Resource: unknown = `${BUCKET}/tenants/web/*`, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource, ...extra });
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

const TENANT_OBJECTS = allow(['s3:GetObject', 's3:PutObject']);

describe('comparePolicies', () => {
  test.each([
    ['the same statements in another order', doc(allow('s3:GetObject'), allow('s3:PutObject')), doc(allow('s3:PutObject'), allow('s3:GetObject')), 'same'],
    ['an action list split into two statements', doc(TENANT_OBJECTS), doc(allow('s3:GetObject'), allow('s3:PutObject')), 'same'],
    ['actions differing only in case', doc(allow('s3:GetObject')), doc(allow('S3:getobject')), 'same'],
    ['an action widened to a service wildcard', doc(TENANT_OBJECTS), doc(allow('s3:*')), 'widened'],
    ['an action narrowed from a wildcard', doc(allow('s3:Get*')), doc(allow('s3:GetObject')), 'narrowed'],
    ['an added action', doc(TENANT_OBJECTS), doc(allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])), 'widened'],
    ['a removed action', doc(TENANT_OBJECTS), doc(allow('s3:GetObject')), 'narrowed'],
    ['a tenant prefix widened to the whole bucket', doc(TENANT_OBJECTS), doc(allow(['s3:GetObject', 's3:PutObject'], `${BUCKET}/*`)), 'widened'],
    ['the whole bucket narrowed to a prefix', doc(allow('s3:GetObject', `${BUCKET}/*`)), doc(allow('s3:GetObject', `${BUCKET}/tenants/web/*`)), 'narrowed'],
    ['a condition removed', doc(allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': ['tenants/web/*'] } } })), doc(allow('s3:ListBucket', BUCKET)), 'widened'],
    ['a condition added', doc(allow('s3:ListBucket', BUCKET)), doc(allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': ['tenants/web/*'] } } })), 'narrowed'],
    ['a condition value added', doc(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } })),
      doc(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com', 'sqs.eu-west-1.amazonaws.com'] } } })), 'widened'],
    ['a like pattern widened', doc(allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': 'tenants/web/*' } } })),
      doc(allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': 'tenants/*' } } })), 'widened'],
    ['a condition key differing only in case', doc(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:ViaService': 's3' } } })),
      doc(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'KMS:viaservice': 's3' } } })), 'same'],
    ['a deny removed', doc(allow('*'), deny('organizations:LeaveOrganization')), doc(allow('*')), 'widened'],
    ['a deny added', doc(allow('*')), doc(allow('*'), deny('organizations:LeaveOrganization')), 'narrowed'],
    ['a deny given an exception (condition)', doc(deny('cloudtrail:StopLogging')),
      doc(deny('cloudtrail:StopLogging', '*', { Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } } })), 'widened'],
    ['a deny of a region list given one more region', doc(deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } })),
      doc(deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } })), 'widened'],
    ['a NotAction deny that excludes one more service', doc(deny(undefined, '*', { NotAction: ['iam:*'] })), doc(deny(undefined, '*', { NotAction: ['iam:*', 'sts:*'] })), 'widened'],
    ['a NotAction allow kept as it is', doc(allow(undefined, '*', { NotAction: ['iam:*'] })), doc(allow(undefined, '*', { NotAction: ['iam:*'] })), 'same'],
    ['a NotAction allow that excludes less', doc(allow(undefined, '*', { NotAction: ['iam:*', 'sts:*'] })), doc(allow(undefined, '*', { NotAction: ['iam:*'] })), 'widened'],
    ['an action allow replaced by a NotAction allow', doc(allow('s3:GetObject', '*')), doc(allow(undefined, '*', { NotAction: ['iam:*'] })), 'widened'],
    ['a trust policy opened to another account', doc(allow('sts:AssumeRole', undefined, { Principal: { AWS: 'arn:aws:iam::111111111111:root' } })),
      doc(allow('sts:AssumeRole', undefined, { Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] } })), 'widened'],
    ['a trust policy account written as a number or an ARN', doc(allow('sts:AssumeRole', undefined, { Principal: { AWS: '111111111111' } })),
      doc(allow('sts:AssumeRole', undefined, { Principal: { AWS: 'arn:aws:iam::111111111111:root' } })), 'same'],
    ['a trust policy opened to everybody', doc(allow('sts:AssumeRole', undefined, { Principal: { AWS: 'arn:aws:iam::111111111111:root' } })),
      doc(allow('sts:AssumeRole', undefined, { Principal: '*' })), 'widened'],
    ['a resource given by an intrinsic function, unchanged', doc(allow('kms:Decrypt', { 'Fn::GetAtt': ['Key', 'Arn'] })), doc(allow('kms:Decrypt', { 'Fn::GetAtt': ['Key', 'Arn'] })), 'same'],
    ['a resource given by another intrinsic function', doc(allow('kms:Decrypt', { 'Fn::GetAtt': ['Key', 'Arn'] })), doc(allow('kms:Decrypt', { 'Fn::GetAtt': ['OtherKey', 'Arn'] })), 'widened'],
    ['an intrinsic resource replaced by a wildcard', doc(allow('kms:Decrypt', { 'Fn::GetAtt': ['Key', 'Arn'] })), doc(allow('kms:Decrypt', '*')), 'widened'],
    ['a numeric condition changed', doc(allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:max-keys': '10' } } })),
      doc(allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:max-keys': '100' } } })), 'widened'],
    ['a policy added from nothing', undefined, doc(TENANT_OBJECTS), 'widened'],
    ['a policy removed', doc(TENANT_OBJECTS), undefined, 'narrowed'],
    ['a deny-only policy removed', doc(deny('s3:DeleteBucket')), undefined, 'widened'],
  ])('%s: %s', (_name, before, after, expected) => {
    expect(comparePolicies(before, after).effect).toBe(expected);
  });

  test('names the grants it finds added and removed', () => {
    const result = comparePolicies(doc({ ...TENANT_OBJECTS, Sid: 'TenantObjects' }), doc({ ...allow('s3:*', `${BUCKET}/tenants/data/*`), Sid: 'TenantObjects' }));
    expect(result.effect).toBe('widened');
    expect(result.findings).toEqual([
      `allows s3:* on ${BUCKET}/tenants/data/* (TenantObjects)`,
      `no longer allows s3:GetObject, s3:PutObject on ${BUCKET}/tenants/web/* (TenantObjects)`,
    ]);
  });

  test('shows intrinsic functions as a diff does', () => {
    const result = comparePolicies(undefined, doc(allow('kms:Decrypt', { 'Fn::GetAtt': ['DataKey', 'Arn'] }, { Principal: { AWS: { Ref: 'Role' } } })));
    expect(result.findings).toEqual(['allows kms:Decrypt on ${DataKey.Arn} to AWS:${Role}']);
  });

  test('reads a service control policy\'s content given as JSON text', () => {
    const content = JSON.stringify(doc(deny('organizations:LeaveOrganization')));
    expect(policyStatements(content)).toHaveLength(1);
    expect(comparePolicies(content, JSON.stringify(doc())).effect).toBe('widened');
  });

  test('ignores what is not a policy document', () => {
    expect(policyStatements('not json')).toEqual([]);
    expect(policyStatements(42)).toEqual([]);
    expect(comparePolicies({ Statement: 'nonsense' }, null).effect).toBe('same');
  });
});

describe('comparePolicies properties', () => {
  const action = fc.constantFrom('s3:GetObject', 's3:PutObject', 's3:*', 's3:Get*', 'kms:Decrypt', '*');
  const resource = fc.constantFrom(`${BUCKET}/*`, `${BUCKET}/tenants/web/*`, BUCKET, '*', { 'Fn::GetAtt': ['Key', 'Arn'] });
  const condition = fc.option(fc.constantFrom({ StringLike: { 's3:prefix': 'tenants/web/*' } }, { Bool: { 'aws:SecureTransport': 'true' } }), { nil: undefined });
  const statement = fc.record({ effect: fc.constantFrom('Allow', 'Deny'), actions: fc.array(action, { minLength: 1, maxLength: 3 }), resources: fc.array(resource, { minLength: 1, maxLength: 2 }), condition })
    .map((s) => ({ Effect: s.effect, Action: s.actions, Resource: s.resources, ...(s.condition ? { Condition: s.condition } : {}) }));
  const statements = fc.array(statement, { maxLength: 4 });

  test('a policy compared with itself is the same', () => {
    fc.assert(fc.property(statements, (list) => comparePolicies(doc(...list), doc(...list)).effect === 'same'));
  });

  test('adding Allow statements never narrows, adding Deny statements never widens', () => {
    fc.assert(fc.property(statements, statements, (list, extra) => {
      const allows = extra.filter((s) => s.Effect === 'Allow');
      const denies = extra.filter((s) => s.Effect === 'Deny');
      return comparePolicies(doc(...list), doc(...list, ...allows)).effect !== 'narrowed'
        && comparePolicies(doc(...list), doc(...list, ...denies)).effect !== 'widened';
    }));
  });

  test('the verdict reverses when old and new swap', () => {
    fc.assert(fc.property(statements, statements, (a, b) => {
      const forward = comparePolicies(doc(...a), doc(...b)).effect;
      const backward = comparePolicies(doc(...b), doc(...a)).effect;
      return forward === 'same' ? backward === 'same' : forward === 'narrowed' ? backward === 'widened' : backward !== 'same';
    }));
  });
});
