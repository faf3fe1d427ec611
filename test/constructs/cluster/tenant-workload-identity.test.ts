import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TenantWorkloadIdentity } from '../../../constructs/cluster/tenant-workload-identity';
import type { TenantWorkloadIdentityProps } from '../../../constructs/cluster/tenant-workload-identity';
import { nagFindings } from '../../helpers/nag';
import { ACCOUNT, REGION, clusterFixture } from './fixture';

const BUCKET = 'acme-prod-eu-west-1-tenant-data-123456789012';
type Props = Omit<TenantWorkloadIdentityProps, 'cluster' | 'dataKey'>;
const PAYMENTS: Props = {
  tenantId: 'payments',
  roleName: 'oaas-prod-eu-west-1-payments',
  namespaces: ['payments', 'payments-subscriptions'],
  serviceAccounts: [
    { id: 'FraudDetector', namespace: 'payments', serviceAccount: 'fraud-detector' },
    { id: 'Renewals', namespace: 'payments-subscriptions', serviceAccount: 'renewals' },
  ],
  dataBucketName: BUCKET,
  dataPrefix: 'tenants/payments/',
};
const PAY: Props = {
  tenantId: 'pay',
  roleName: 'oaas-prod-eu-west-1-pay',
  namespaces: ['pay'],
  serviceAccounts: [{ id: 'Ledger', namespace: 'pay', serviceAccount: 'ledger' }],
  dataBucketName: BUCKET,
  dataPrefix: 'tenants/pay/',
};

function build(...tenants: Props[]) {
  const fixture = clusterFixture();
  const identities = tenants.map((t) => new TenantWorkloadIdentity(fixture.stack, t.tenantId, { ...t, cluster: fixture.cluster, dataKey: fixture.keys.data }));
  return { ...fixture, identities, template: Template.fromStack(fixture.stack) };
}

/** Every ARN-like string in a policy document. */
function arnsIn(document: unknown): string[] {
  return JSON.stringify(document).match(/arn:aws:s3:::[^"]*/g) ?? [];
}

describe('TenantWorkloadIdentity', () => {
  const { template, stack, identities, cluster } = build(PAYMENTS, PAY);
  const [payments, pay] = identities as [TenantWorkloadIdentity, TenantWorkloadIdentity];
  const id = (element: CfnElement) => stack.getLogicalId(element);
  const policyOf = (identity: TenantWorkloadIdentity) =>
    template.toJSON().Resources[id(identity.policy.node.defaultChild as CfnElement)].Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> };

  test('creates the tenant role, assumable only by EKS Pod Identity of this cluster for the tenant\'s namespaces', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'oaas-prod-eu-west-1-payments',
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': ACCOUNT,
              'aws:RequestTag/eks-cluster-name': { Ref: id(cluster.node.defaultChild as CfnElement) },
              'aws:RequestTag/kubernetes-namespace': ['payments', 'payments-subscriptions'],
            },
          },
        }],
      },
    });
  });

  test('lets the tenant read, write and delete only objects under its own prefix', () => {
    expect(policyOf(payments).Statement).toContainEqual({
      Sid: 'TenantObjects',
      Effect: 'Allow',
      Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::${BUCKET}/tenants/payments/*`,
    });
  });

  test('lets the tenant list only its own prefix', () => {
    expect(policyOf(payments).Statement).toContainEqual({
      Sid: 'ListTenantPrefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: `arn:aws:s3:::${BUCKET}`,
      Condition: { StringLike: { 's3:prefix': ['tenants/payments/', 'tenants/payments/*'] } },
    });
  });

  test('lets the tenant use the data key only through S3 and only for its own objects (encryption context)', () => {
    expect(policyOf(payments).Statement).toContainEqual({
      Sid: 'DataKeyForTenantObjectsThroughS3',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Data/), 'Arn'] },
      Condition: {
        StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${BUCKET}/tenants/payments/*` },
      },
    });
  });

  test('grants nothing beyond those three statements', () => {
    expect(policyOf(payments).Statement.map((s) => s.Sid)).toEqual(['TenantObjects', 'ListTenantPrefix', 'DataKeyForTenantObjectsThroughS3']);
  });

  test('never grants one tenant another tenant\'s prefix, even when one tenant id prefixes the other', () => {
    for (const arn of arnsIn(policyOf(payments))) expect(arn).not.toMatch(/\/tenants\/pay\//);
    for (const arn of arnsIn(policyOf(pay))) expect(arn).not.toMatch(/\/tenants\/payments\//);
    const prefixes = (identity: TenantWorkloadIdentity) => JSON.stringify(policyOf(identity)).match(/tenants\/[a-z0-9-]+\//g);
    expect(new Set(prefixes(payments))).toEqual(new Set(['tenants/payments/']));
    expect(new Set(prefixes(pay))).toEqual(new Set(['tenants/pay/']));
  });

  test('attaches the policy as a customer-managed policy of the tenant role only', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: id(payments.role.node.defaultChild as CfnElement) }],
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Sid: 'TenantObjects' })]) }),
    });
    template.resourceCountIs('AWS::IAM::Policy', 2); // the kubectl provider's own default policies only
  });

  test('associates each workload service account with the tenant role', () => {
    template.resourceCountIs('AWS::EKS::PodIdentityAssociation', 3);
    for (const [namespace, serviceAccount] of [['payments', 'fraud-detector'], ['payments-subscriptions', 'renewals']]) {
      template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', {
        ClusterName: { Ref: id(cluster.node.defaultChild as CfnElement) },
        Namespace: namespace,
        ServiceAccount: serviceAccount,
        RoleArn: { 'Fn::GetAtt': [id(payments.role.node.defaultChild as CfnElement), 'Arn'] },
      });
    }
    expect(Object.keys(payments.associations)).toEqual(['FraudDetector', 'Renewals']);
  });

  test('keys associations by workload, so adding one changes nothing else', () => {
    const before = build(PAYMENTS).template.toJSON().Resources as Record<string, unknown>;
    const after = build({
      ...PAYMENTS,
      serviceAccounts: [{ id: 'Auditor', namespace: 'payments', serviceAccount: 'auditor' }, ...PAYMENTS.serviceAccounts],
    }).template.toJSON().Resources as Record<string, unknown>;
    for (const [logicalId, resource] of Object.entries(before)) expect(after[logicalId]).toEqual(resource);
    expect(Object.keys(after).filter((k) => !(k in before))).toEqual([expect.stringMatching(/^paymentsPodIdentityAuditor/)]);
  });

  test.each([
    ['a prefix without a trailing slash', { ...PAYMENTS, dataPrefix: 'tenants/payments' }, /dataPrefix like "tenants\/payments\/"/],
    ['a prefix with a wildcard', { ...PAYMENTS, dataPrefix: 'tenants/*/' }, /no "\*"/],
    ['no namespaces', { ...PAYMENTS, namespaces: [], serviceAccounts: [] }, /at least one namespace/],
    ['a service account outside the tenant', { ...PAYMENTS, serviceAccounts: [{ id: 'X', namespace: 'web', serviceAccount: 'x' }] }, /got web\/x/],
    ['two service accounts with one id', { ...PAYMENTS, serviceAccounts: [PAYMENTS.serviceAccounts[0]!, PAYMENTS.serviceAccounts[0]!] }, /"FraudDetector" twice/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('leaves no unacknowledged cdk-nag errors', () => {
    const fixture = clusterFixture();
    const identity = new TenantWorkloadIdentity(fixture.stack, 'Payments', { ...PAYMENTS, cluster: fixture.cluster, dataKey: fixture.keys.data });
    expect(nagFindings(fixture.app, { scope: identity })).toEqual([]);
  });
});
