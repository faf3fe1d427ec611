/**
 * The benchmark's baseline: a plain aws-cdk-lib app with the product's
 * resource set and no workspace layer. Every resource of the product's
 * templates is recreated as an L1 `CfnResource` of the same type, logical id,
 * properties and attributes; stacks keep their names, environments, tags and
 * dependencies; nested stacks stay nested stacks. What the baseline does not
 * have is what is measured: reading YAML, zod, the model, L2 constructs and
 * aspects. It reads no YAML and runs no zod.
 */
import { CfnElement, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ResourceJson, ResourceSet, TemplateJson } from './resource-set';
import { CDK_OWN_RESOURCE_TYPES, nestedTemplateFile } from './resource-set';

/** Template entries that the CDK writes into every stack by itself. */
const CDK_OWN_ENTRIES: Readonly<Record<string, readonly string[]>> = {
  Parameters: ['BootstrapVersion'],
  Rules: ['CheckBootstrapVersion'],
  Conditions: ['CDKMetadataAvailable'],
};

const COPIED_SECTIONS = ['Parameters', 'Conditions', 'Mappings', 'Rules', 'Outputs'] as const;

/** Template sections copied as they are (parameters, conditions, mappings, rules, outputs). */
class RawSections extends CfnElement {
  constructor(scope: Construct, id: string, private readonly sections: Record<string, unknown>) {
    super(scope, id);
  }

  public _toCloudFormation(): object {
    return this.sections;
  }
}

/** Copies DependsOn, Condition, policies and metadata; the CDK writes its own `aws:cdk:path`. */
function copyAttributes(target: CfnResource, source: ResourceJson, options: { skipAssetMetadata?: boolean } = {}): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === 'Type' || key === 'Properties') continue;
    if (key === 'Metadata') {
      for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
        if (name === 'aws:cdk:path' || (options.skipAssetMetadata && name.startsWith('aws:asset:'))) continue;
        target.addMetadata(name, entry);
      }
      continue;
    }
    target.addOverride(key, value);
  }
}

function fillStack(stack: Stack, template: TemplateJson, set: ResourceSet): void {
  const sections: Record<string, Record<string, unknown>> = {};
  for (const section of COPIED_SECTIONS) {
    const own = CDK_OWN_ENTRIES[section] ?? [];
    const entries = Object.entries(template[section] ?? {}).filter(([name]) => !own.includes(name));
    if (entries.length > 0) sections[section] = Object.fromEntries(entries);
  }
  if (Object.keys(sections).length > 0) new RawSections(stack, 'BaselineTemplateSections', sections);
  for (const transform of template.Transform === undefined ? [] : ([] as string[]).concat(template.Transform)) stack.addTransform(transform);
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (CDK_OWN_RESOURCE_TYPES.includes(resource.Type)) continue;
    const nestedFile = nestedTemplateFile(resource);
    const nestedTemplate = nestedFile ? set.nestedTemplates[nestedFile] : undefined;
    if (nestedTemplate) {
      const nested = new NestedStack(stack, logicalId);
      fillStack(nested, nestedTemplate, set);
      const cfn = nested.nestedStackResource as CfnResource;
      cfn.overrideLogicalId(logicalId);
      // The template URL is the baseline's own asset; every other property (parameters, tags, ...) is copied.
      for (const [name, value] of Object.entries(resource.Properties ?? {})) {
        if (name !== 'TemplateURL') cfn.addPropertyOverride(name, value);
      }
      copyAttributes(cfn, resource, { skipAssetMetadata: true });
      continue;
    }
    const cfn = new CfnResource(stack, logicalId, { type: resource.Type, ...(resource.Properties ? { properties: resource.Properties } : {}) });
    cfn.overrideLogicalId(logicalId);
    copyAttributes(cfn, resource);
  }
}

/** Adds the stacks of `set` to `app`, as L1 resources only. */
export function buildBaseline(app: App, set: ResourceSet): Stack[] {
  const stacks = new Map<string, Stack>();
  for (const spec of set.stacks) {
    const stack = new Stack(app, spec.id, {
      stackName: spec.stackName,
      ...(spec.account || spec.region ? { env: { account: spec.account, region: spec.region } } : {}),
      terminationProtection: spec.terminationProtection,
      ...(spec.template.Description !== undefined ? { description: spec.template.Description } : {}),
      ...(Object.keys(spec.tags).length > 0 ? { tags: { ...spec.tags } } : {}),
    });
    fillStack(stack, spec.template, set);
    stacks.set(spec.id, stack);
  }
  for (const spec of set.stacks) {
    for (const dependency of spec.dependencies) {
      const target = stacks.get(dependency);
      if (target) stacks.get(spec.id)!.addStackDependency(target);
    }
  }
  return [...stacks.values()];
}
