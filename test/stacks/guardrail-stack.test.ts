import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { WorkspaceModel } from '../../lib/definition/model';
import { FEATURE_FLAGS } from '../../lib/platform/feature-flags';
import { GuardrailStack } from '../../lib/stacks/guardrail-stack';
import { nagFindings } from '../helpers/nag';
import { exampleModel } from '../helpers/workspace';

function build(model: WorkspaceModel, envName?: string): { app: App; stack: GuardrailStack } {
  const app = new App({ context: { ...FEATURE_FLAGS } });
  const environment = envName ? model.environments.find((e) => e.name === envName)! : model.environments[0]!;
  const stack = new GuardrailStack(app, `${model.organization.name}-${environment.name}-guardrails`, {
    model, environment, env: { account: model.organization.managementAccount, region: model.organization.homeRegion },
  });
  return { app, stack };
}

describe('GuardrailStack', () => {
  test('the starter environment gets its two SCPs attached to its account', () => {
    const t = Template.fromStack(build(exampleModel('starter')).stack);
    t.resourceCountIs('AWS::Organizations::Policy', 2);
    for (const name of ['starter-dev-deny-outside-data-residency', 'starter-dev-protect-security-baseline']) {
      t.hasResourceProperties('AWS::Organizations::Policy', { Name: name, Type: 'SERVICE_CONTROL_POLICY', TargetIds: ['222222222222'] });
    }
  });

  test.each(['staging', 'production'])('the enterprise %s environment attaches its SCPs to its organizational unit', (envName) => {
    const t = Template.fromStack(build(exampleModel('enterprise'), envName).stack);
    t.resourceCountIs('AWS::Organizations::Policy', 2);
    t.allResourcesProperties('AWS::Organizations::Policy', { TargetIds: [`ou-acme-${envName}1`] });
  });

  test('the region deny of the template lists the environment\'s allowed regions', () => {
    Template.fromStack(build(exampleModel('enterprise'), 'production').stack).hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'acme-production-deny-outside-data-residency',
      Content: {
        Version: '2012-10-17',
        Statement: [Match.objectLike({
          Sid: 'DenyOutsideAllowedRegions',
          Condition: Match.objectLike({ StringNotEquals: { 'aws:RequestedRegion': ['ap-southeast-1', 'eu-west-1', 'us-east-1'] } }),
        })],
      },
    });
  });

  test('the baseline SCP holds every protection', () => {
    Template.fromStack(build(exampleModel('starter')).stack).hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'starter-dev-protect-security-baseline',
      Content: {
        Statement: ['ProtectCloudTrail', 'ProtectGuardDuty', 'ProtectSecurityHub', 'ProtectConfig', 'DenyLeaveOrganization', 'DenyRootUser']
          .map((sid) => Match.objectLike({ Sid: sid, Effect: 'Deny' })),
      },
    });
  });

  test('exposes its policies by template name', () => {
    expect(Object.keys(build(exampleModel('starter')).stack.policies)).toEqual(['deny-outside-data-residency', 'protect-security-baseline']);
  });

  test.each(['starter', 'enterprise'] as const)('the %s guardrails pass cdk-nag with no finding', (name) => {
    const model = exampleModel(name);
    const app = new App({ context: { ...FEATURE_FLAGS } });
    for (const environment of model.environments) {
      new GuardrailStack(app, `${model.organization.name}-${environment.name}-guardrails`, {
        model, environment, env: { account: model.organization.managementAccount, region: model.organization.homeRegion },
      });
    }
    expect(nagFindings(app, { levels: ['error', 'warning'] })).toEqual([]);
  });
});
