import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { DEPLOYMENT_FREEZE_STATEMENTS, DeploymentFreezePolicy } from '../../../constructs/budgets/deployment-freeze-policy';

function build(name?: string): Template {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Freeze', { env: { account: '222222222222', region: 'eu-west-1' } });
  new DeploymentFreezePolicy(stack, 'Freeze', name ? { managedPolicyName: name } : {});
  return Template.fromStack(stack);
}

test('only denies: EKS changes and credentials, stack deployments and image pushes', () => {
  const policy = Object.values(build().findResources('AWS::IAM::ManagedPolicy'))[0]!;
  const statements = policy.Properties.PolicyDocument.Statement as Array<{ Sid: string; Effect: string; Action: string[]; Resource: string }>;
  expect(statements.every((s) => s.Effect === 'Deny' && s.Resource === '*')).toBe(true);
  expect(statements.map((s) => s.Sid)).toEqual(['DenyEksChanges', 'DenyStackDeployments', 'DenyImagePushes']);
  const actions = statements.flatMap((s) => s.Action);
  expect(actions).toEqual(expect.arrayContaining([
    'eks:Create*', 'eks:Update*', 'eks:Delete*', 'eks:DescribeCluster', 'eks:AccessKubernetesApi',
    'cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:ExecuteChangeSet',
    'ecr:PutImage',
  ]));
  expect(actions.sort()).toEqual(Object.values(DEPLOYMENT_FREEZE_STATEMENTS).flat().sort());
});

test('takes a name when given one', () => {
  build('acme-prod-deployment-freeze').hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'acme-prod-deployment-freeze' });
});
