/** Service control policies as the guardrail stack writes them (policies/scp/), for the SCP check tests. */
import type { CfnResource } from '../../../lib/compliance/evidence';

export function scp(statements: unknown[], targets: string[] = ['ou-abcd-prod1234']): CfnResource {
  return { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Name: 'p', TargetIds: targets, Content: { Version: '2012-10-17', Statement: statements } } };
}

export const REGION_DENY = {
  Sid: 'DenyOutsideAllowedRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1'] }, ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/BreakGlass'] } },
};

export const PROTECT = [
  { Effect: 'Deny', Action: ['cloudtrail:DeleteTrail', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail'], Resource: '*' },
  { Effect: 'Deny', Action: ['guardduty:Delete*', 'guardduty:UpdateDetector'], Resource: '*' },
  { Effect: 'Deny', Action: ['securityhub:DisableSecurityHub', 'securityhub:BatchDisableStandards'], Resource: '*' },
];

export const DENY_ROOT = { Sid: 'DenyRootUser', Effect: 'Deny', Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } };
