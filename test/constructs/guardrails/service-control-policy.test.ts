import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../../lib/platform/feature-flags';
import { SCP_MAX_CHARACTERS, ServiceControlPolicy, scpSize } from '../../../constructs/guardrails/service-control-policy';
import type { ScpDocument, ServiceControlPolicyProps } from '../../../constructs/guardrails/service-control-policy';

const document: ScpDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
};

function build(props: Partial<ServiceControlPolicyProps> = {}): Stack {
  const stack = new Stack(new App({ context: { ...FEATURE_FLAGS } }), 'Scp', { env: { account: '111111111111', region: 'us-east-1' } });
  new ServiceControlPolicy(stack, 'Policy', { policyName: 'acme-prod-baseline', document, targetIds: ['ou-ab12-cd34ef56'], ...props });
  return stack;
}

test('renders a service control policy with its document, targets and description', () => {
  Template.fromStack(build({ description: 'baseline' })).hasResourceProperties('AWS::Organizations::Policy', {
    Name: 'acme-prod-baseline',
    Type: 'SERVICE_CONTROL_POLICY',
    Content: document,
    TargetIds: ['ou-ab12-cd34ef56'],
    Description: 'baseline',
  });
});

test.each(['r-ab12', 'ou-ab12-cd34ef56', '123456789012'])('accepts the target id %s', (target) => {
  Template.fromStack(build({ targetIds: [target] })).hasResourceProperties('AWS::Organizations::Policy', { TargetIds: [target] });
});

test('scpSize counts the characters of the minified document', () => {
  expect(scpSize(document)).toBe(JSON.stringify(document).length);
});

test.each<[string, Partial<ServiceControlPolicyProps>, RegExp]>([
  ['a document over 5,120 characters', {
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: Array.from({ length: 400 }, (_, i) => `svc:Action${i}`), Resource: '*' }] },
  }, new RegExp(`has \\d+ characters, Organizations allows ${SCP_MAX_CHARACTERS}`)],
  ['a document without statements', { document: { Version: '2012-10-17', Statement: [] } }, /expected at least one statement/],
  ['no target', { targetIds: [] }, /expected at least one target id/],
  ['a malformed target', { targetIds: ['production'] }, /expected target ids like .*got "production"/],
  ['an empty name', { policyName: '' }, /expected a policyName of 1 to 128 characters/],
])('refuses %s', (_name, props, message) => {
  expect(() => build(props)).toThrow(message);
});
