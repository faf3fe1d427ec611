import { BREAK_GLASS_ROLE_PATTERN } from '../../lib/conventions/role-names';
import type { EnvironmentModel, WorkspaceModel } from '../../lib/definition/model';
import {
  SCP_TEMPLATES, partitionOf, renderPolicyTemplate, scpTargets, serviceControlPolicies,
} from '../../lib/mapping/guardrails';
import { SCP_MAX_CHARACTERS, scpSize } from '../../constructs/guardrails/service-control-policy';
import type { JsonValue, ScpDocument, ScpStatement } from '../../constructs/guardrails/service-control-policy';
import { exampleModel } from '../helpers/workspace';

function withEnvironment(model: WorkspaceModel, change: (env: EnvironmentModel) => EnvironmentModel): { model: WorkspaceModel; env: EnvironmentModel } {
  const env = change(model.environments[0]!);
  return { model: { ...model, environments: [env, ...model.environments.slice(1)] }, env };
}

const statement = (doc: ScpDocument, sid: string): ScpStatement => {
  const found = doc.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};

describe('renderPolicyTemplate', () => {
  test.each<[string, JsonValue, Record<string, string | string[]>, JsonValue]>([
    ['a whole-string placeholder becomes a list', { R: '{{regions}}' }, { regions: ['eu-west-1', 'us-east-1'] }, { R: ['eu-west-1', 'us-east-1'] }],
    ['a whole-string placeholder becomes text', { P: '{{partition}}' }, { partition: 'aws' }, { P: 'aws' }],
    ['a placeholder inside text is substituted', { A: 'arn:{{partition}}:iam::*:root' }, { partition: 'aws-cn' }, { A: 'arn:aws-cn:iam::*:root' }],
    ['placeholders inside arrays are substituted', ['{{a}}', 'x-{{b}}'], { a: 'A', b: 'B' }, ['A', 'x-B']],
    ['numbers, booleans and null pass through', { n: 1, b: true, z: null }, {}, { n: 1, b: true, z: null }],
  ])('%s', (_name, template, values, expected) => {
    expect(renderPolicyTemplate(template, values)).toEqual(expected);
  });

  test.each<[string, JsonValue, Record<string, string | string[]>, RegExp]>([
    ['an unknown placeholder, with its path and the known names', { Statement: [{ R: '{{region}}' }] }, { regions: 'x' }, /\$\.Statement\[0\]\.R: unknown placeholder \{\{region\}\} \(known: regions\)/],
    ['a list inside text', { A: 'arn:{{regions}}' }, { regions: ['a', 'b'] }, /\$\.A: placeholder \{\{regions\}\} is inside text, so it needs a text value, got a list/],
  ])('fails on %s', (_name, template, values, message) => {
    expect(() => renderPolicyTemplate(template, values)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => renderPolicyTemplate({ a: '{{x}}', b: '{{y}}' }, {})).toThrow(/\{\{x\}\}.*; .*\{\{y\}\}/);
  });

  test('does not change the template', () => {
    const template = { R: '{{regions}}' };
    renderPolicyTemplate(template, { regions: ['eu-west-1'] });
    expect(template).toEqual({ R: '{{regions}}' });
  });
});

test.each([
  ['eu-west-1', 'aws'],
  ['us-east-1', 'aws'],
  ['cn-north-1', 'aws-cn'],
  ['us-gov-west-1', 'aws-us-gov'],
])('partitionOf(%s) is %s', (region, partition) => {
  expect(partitionOf(region)).toBe(partition);
});

describe('scpTargets', () => {
  test('is the organizational unit when the environment has one', () => {
    const env = exampleModel('enterprise').environments.find((e) => e.name === 'production')!;
    expect(scpTargets(env)).toEqual(['ou-acme-production1']);
  });

  test('is the account when the environment has no organizational unit', () => {
    const env = exampleModel('starter').environments[0]!;
    expect(env.organizationalUnit).toBeUndefined();
    expect(scpTargets(env)).toEqual(['222222222222']);
  });
});

describe('serviceControlPolicies', () => {
  const starter = exampleModel('starter');
  const enterprise = exampleModel('enterprise');

  test('an enforced residency gives a region deny and the security baseline, named after organization and environment', () => {
    const specs = serviceControlPolicies(starter, starter.environments[0]!);
    expect(specs.map((s) => [s.key, s.props.policyName])).toEqual([
      ['deny-outside-data-residency', 'starter-dev-deny-outside-data-residency'],
      ['protect-security-baseline', 'starter-dev-protect-security-baseline'],
    ]);
  });

  test('an advisory residency gives no region deny', () => {
    const { model, env } = withEnvironment(starter, (e) => ({ ...e, dataResidency: { ...e.dataResidency, mode: 'advisory' } }));
    expect(serviceControlPolicies(model, env).map((s) => s.key)).toEqual(['protect-security-baseline']);
  });

  test('the region deny lists exactly the allowed regions and exempts global services and break-glass roles', () => {
    const env = enterprise.environments.find((e) => e.name === 'staging')!;
    const doc = serviceControlPolicies(enterprise, env)[0]!.props.document;
    const deny = statement(doc, 'DenyOutsideAllowedRegions');
    expect(deny.Effect).toBe('Deny');
    expect(deny.Condition).toEqual({
      StringNotEquals: { 'aws:RequestedRegion': ['ap-southeast-1', 'eu-west-1', 'us-east-1'] },
      ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::*:role/${BREAK_GLASS_ROLE_PATTERN}`] },
    });
    expect(deny.NotAction).toEqual(expect.arrayContaining([
      'iam:*', 'organizations:*', 'route53:*', 'cloudfront:*', 'sts:*', 'support:*', 'budgets:*', 'ce:*',
      'waf:*', 'health:*', 'trustedadvisor:*',
    ]));
    expect(deny.Action).toBeUndefined();
  });

  test('the baseline denies turning off CloudTrail, GuardDuty, Security Hub and Config except for break-glass roles', () => {
    const doc = serviceControlPolicies(starter, starter.environments[0]!)[1]!.props.document;
    const exemption = { ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::*:role/${BREAK_GLASS_ROLE_PATTERN}`] } };
    const expected: Record<string, string[]> = {
      ProtectCloudTrail: ['cloudtrail:DeleteTrail', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail'],
      ProtectGuardDuty: ['guardduty:DeleteDetector', 'guardduty:DisassociateFromMasterAccount', 'guardduty:UpdateDetector'],
      ProtectSecurityHub: ['securityhub:DisableSecurityHub'],
      ProtectConfig: ['config:DeleteConfigRule', 'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel'],
    };
    for (const [sid, actions] of Object.entries(expected)) {
      const s = statement(doc, sid);
      expect({ sid, effect: s.Effect, resource: s.Resource, condition: s.Condition }).toEqual({ sid, effect: 'Deny', resource: '*', condition: exemption });
      expect(s.Action).toEqual(expect.arrayContaining(actions));
    }
  });

  test('the baseline denies leaving the organization, without exemption', () => {
    const doc = serviceControlPolicies(starter, starter.environments[0]!)[1]!.props.document;
    expect(statement(doc, 'DenyLeaveOrganization')).toEqual({ Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' });
  });

  test('the baseline denies every action of the root user', () => {
    const doc = serviceControlPolicies(starter, starter.environments[0]!)[1]!.props.document;
    expect(statement(doc, 'DenyRootUser')).toEqual({
      Sid: 'DenyRootUser', Effect: 'Deny', Action: '*', Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
    });
  });

  test('targets are the OU for the enterprise environments and the account for the starter', () => {
    for (const env of enterprise.environments) {
      for (const spec of serviceControlPolicies(enterprise, env)) expect(spec.props.targetIds).toEqual([env.organizationalUnit]);
    }
    for (const spec of serviceControlPolicies(starter, starter.environments[0]!)) expect(spec.props.targetIds).toEqual(['222222222222']);
  });

  test('no placeholder is left in any rendered document', () => {
    for (const model of [starter, enterprise]) {
      for (const env of model.environments) {
        for (const spec of serviceControlPolicies(model, env)) expect(JSON.stringify(spec.props.document)).not.toMatch(/\{\{\w+\}\}/);
      }
    }
  });

  test('every rendered document stays under the 5,120-character limit, even with every commercial region allowed', () => {
    const allRegions = [
      'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2', 'ap-southeast-1',
      'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
      'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1',
      'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
    ];
    const { model, env } = withEnvironment(enterprise, (e) => ({ ...e, dataResidency: { mode: 'enforced', allowedRegions: allRegions } }));
    const cases = [
      ...[starter, enterprise].flatMap((m) => m.environments.flatMap((e) => serviceControlPolicies(m, e))),
      ...serviceControlPolicies(model, env),
    ];
    for (const spec of cases) expect(scpSize(spec.props.document)).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
  });

  test('the templates are valid SCP documents with a Version and statements', () => {
    for (const template of Object.values(SCP_TEMPLATES)) {
      expect(template).toMatchObject({ Version: '2012-10-17', Statement: expect.any(Array) });
    }
  });
});
