/** A small stack with a VPC, three keys and a kubectl-enabled EKS cluster, for the cluster construct tests. */
import { KubectlV33Layer } from '@aws-cdk/lambda-layer-kubectl-v33';
import { App, Stack, aws_ec2 as ec2, aws_eks_v2 as eks, aws_kms as kms } from 'aws-cdk-lib';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

/** A stack whose zones are the fixture's, so the VPC triggers no availability-zone lookup. */
class FixtureStack extends Stack {
  public override get availabilityZones(): string[] {
    return [`${REGION}a`, `${REGION}b`];
  }
}

export interface Fixture {
  readonly app: App;
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly keys: { readonly secrets: kms.Key; readonly logs: kms.Key; readonly data: kms.Key };
}

/** App, stack, VPC (explicit zones: no lookup) and keys; no cluster. */
export function baseFixture(): Fixture {
  const app = new App({ context: { ...FEATURE_FLAGS } });
  const stack = new FixtureStack(app, 'Test', { env: { account: ACCOUNT, region: REGION } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: [`${REGION}a`, `${REGION}b`], natGateways: 1 });
  const keys = { secrets: new kms.Key(stack, 'Secrets'), logs: new kms.Key(stack, 'Logs'), data: new kms.Key(stack, 'Data') };
  return { app, stack, vpc, keys };
}

/** `baseFixture` plus a private EKS 1.33 cluster named `test` with a kubectl handler. */
export function clusterFixture(): Fixture & { readonly cluster: eks.Cluster } {
  const base = baseFixture();
  const cluster = new eks.Cluster(base.stack, 'Eks', {
    clusterName: 'test',
    version: eks.KubernetesVersion.V1_33,
    vpc: base.vpc,
    vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    endpointAccess: eks.EndpointAccess.PRIVATE,
    defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
    defaultCapacity: 0,
    kubectlProviderOptions: { kubectlLayer: new KubectlV33Layer(base.stack, 'Kubectl') },
  });
  return { ...base, cluster };
}
