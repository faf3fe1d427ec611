/**
 * CloudFormation templates of two versions, compared stack by stack with the
 * CDK's own diff engine (`@aws-cdk/cloudformation-diff`): which resources are
 * added, removed, replaced (and because of which properties) or updated, and
 * the IAM and security group tables it reports per stack. Template noise that
 * depends on how the synth ran (construct path and asset metadata, the
 * CDKMetadata resource) is removed first, so a saved `cdk.out` from
 * `cdk synth` compares equal with an in-process synth of the same code.
 */
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { cloudFormationAccess } from './access';
import type { DetectedChange } from './detected';
import { jsonDiff, wholeValue } from './json-diff';
import type { PlanTemplate } from './outputs';
import type { PropertyChange, StackSecurityReport } from './types';
import { obj, str } from './private/json';
import type { Json } from './private/json';


/**
 * Resource types that hold data or state a removal or replacement loses.
 * Anything whose deletion or replacement policy retains it counts as well.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::Backup::BackupVault', 'AWS::EKS::Cluster',
  'AWS::DynamoDB::Table', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::EFS::FileSystem', 'AWS::SecretsManager::Secret',
  'AWS::SQS::Queue', 'AWS::Kinesis::Stream', 'AWS::ECR::Repository', 'AWS::Backup::BackupPlan', 'AWS::APS::Workspace',
]);

const RETAINING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** Metadata keys that only say how the synth ran. */
const SYNTH_METADATA = /^aws:(cdk|asset):/;

/** A template without what only depends on how it was synthesized. */
export function normalizeTemplate(template: PlanTemplate['template']): Json {
  const out: Json = JSON.parse(JSON.stringify(template)) as Json;
  const resources = obj(out.Resources);
  delete resources.CDKMetadata;
  for (const resource of Object.values(resources).map(obj)) {
    const metadata = obj(resource.Metadata);
    for (const key of Object.keys(metadata)) if (SYNTH_METADATA.test(key)) delete metadata[key];
    if (resource.Metadata !== undefined && Object.keys(metadata).length === 0) delete resource.Metadata;
  }
  const conditions = obj(out.Conditions);
  delete conditions.CDKMetadataAvailable;
  if (out.Conditions !== undefined && Object.keys(conditions).length === 0) delete out.Conditions;
  return out;
}

/** Paths that only carry tags or descriptions. */
const METADATA_PATH = /^Properties\.(Tags|Description)(\b|$)/;

function resourceChange(stack: string, logicalId: string, before: Json | undefined, after: Json | undefined, constructPath: string | undefined,
  impact: ResourceImpact, replacing: readonly string[]): DetectedChange {
  const type = str((after ?? before)?.Type, 'unknown');
  const action = before === undefined ? 'add' : after === undefined ? 'remove'
    : impact === ResourceImpact.WILL_REPLACE || impact === ResourceImpact.MAY_REPLACE || before.Type !== after.Type ? 'replace' : 'update';
  let properties: PropertyChange[];
  if (action === 'add') properties = wholeValue(obj(after?.Properties), 'new', 'Properties');
  else if (action === 'remove') properties = wholeValue(obj(before?.Properties), 'old', 'Properties');
  else {
    const { Properties: oldProps, ...oldRest } = before!;
    const { Properties: newProps, ...newRest } = after!;
    properties = [...jsonDiff(oldRest, newRest), ...jsonDiff(oldProps, newProps, 'Properties')].map((p) => {
      const top = /^Properties\.([^.[]+)/.exec(p.path)?.[1];
      return top !== undefined && replacing.includes(top) ? { ...p, impact: 'replaces the resource' } : p;
    });
  }
  const old = before ?? {};
  const retained = RETAINING_POLICIES.has(str(old.DeletionPolicy)) || RETAINING_POLICIES.has(str(old.UpdateReplacePolicy))
    || RETAINING_POLICIES.has(str(after?.DeletionPolicy));
  const access = cloudFormationAccess(type, before ? obj(before.Properties) : undefined, after ? obj(after.Properties) : undefined);
  return {
    id: `cfn:${stack}/${logicalId}`,
    target: { kind: 'cloudformation', stack, logicalId, resourceType: type, ...(constructPath ? { constructPath } : {}) },
    action,
    properties,
    ...(action === 'replace' ? { replacedBy: before!.Type !== after!.Type ? ['Type'] : [...replacing] } : {}),
    ...(impact === ResourceImpact.MAY_REPLACE ? { mayReplace: true } : {}),
    stateful: STATEFUL_TYPES.has(type),
    retained,
    metadataOnly: action === 'update' && properties.length > 0 && properties.every((p) => METADATA_PATH.test(p.path)),
    ...(access ? { access } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
  };
}

export interface TemplateComparison {
  readonly changes: readonly DetectedChange[];
  /** cloudformation-diff's IAM and security group tables, for stacks where it reports any. */
  readonly securityReports: readonly StackSecurityReport[];
}

/** Compares the stacks of two versions; a stack on one side only is wholly added or removed. */
export function compareTemplates(base: readonly PlanTemplate[], head: readonly PlanTemplate[]): TemplateComparison {
  const byName = (list: readonly PlanTemplate[]) => new Map(list.map((t) => [t.stack, t]));
  const before = byName(base);
  const after = byName(head);
  const changes: DetectedChange[] = [];
  const securityReports: StackSecurityReport[] = [];
  for (const stack of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(stack);
    const now = after.get(stack);
    const oldTemplate = old ? normalizeTemplate(old.template) : {};
    const newTemplate = now ? normalizeTemplate(now.template) : {};
    const diff = fullDiff(oldTemplate, newTemplate);
    if (diff.isEmpty) continue;
    diff.resources.forEachDifference((logicalId, difference) => {
      if (!difference.isDifferent) return;
      const replacing = Object.entries(difference.propertyUpdates)
        .filter(([, p]) => p.changeImpact === ResourceImpact.WILL_REPLACE || p.changeImpact === ResourceImpact.MAY_REPLACE)
        .map(([name]) => name).sort();
      const oldResource = obj(oldTemplate.Resources)[logicalId] as Json | undefined;
      const newResource = obj(newTemplate.Resources)[logicalId] as Json | undefined;
      changes.push(resourceChange(stack, logicalId, oldResource, newResource, now?.constructPaths[logicalId] ?? old?.constructPaths[logicalId], difference.changeImpact, replacing));
    });
    diff.outputs.forEachDifference((name, difference) => {
      changes.push({
        id: `cfn:${stack}/Outputs/${name}`,
        target: { kind: 'cloudformation', stack, logicalId: name, resourceType: 'Output' },
        action: difference.isAddition ? 'add' : difference.isRemoval ? 'remove' : 'update',
        properties: jsonDiff(difference.oldValue, difference.newValue, 'Output'),
        stateful: false,
        retained: false,
        metadataOnly: false,
      });
    });
    const iam = diff.iamChanges;
    if (iam.hasChanges || diff.securityGroupChanges.hasChanges) {
      const rows = (table: string[][]) => (table.length > 1 ? table : []);
      securityReports.push({
        stack,
        permissionsBroadened: diff.permissionsBroadened,
        iamStatements: rows(iam.summarizeStatements()),
        managedPolicies: rows(iam.summarizeManagedPolicies()),
        securityGroups: rows(diff.securityGroupChanges.summarize()),
      });
    }
  }
  return { changes, securityReports };
}
