/** Figures of a synthesized cloud assembly: stacks, resources, template sizes, output size. */
import * as fs from 'fs';
import * as path from 'path';
import { folderBytes } from './measure';
import type { TemplateJson } from './resource-set';
import { nestedTemplateFile, readResourceSet } from './resource-set';

/** CloudFormation quotas a template must stay within. */
export const CLOUDFORMATION_LIMITS = {
  /** Resources declared in one template. */
  resourcesPerTemplate: 500,
  /** Size of a template uploaded through S3, in bytes (1 MB). */
  templateBytes: 1_000_000,
} as const;

export interface TemplateFigures {
  /** Stack name; nested stacks as `<parent>/<logical id>`. */
  readonly name: string;
  /** Every resource of the template, as CloudFormation counts them. */
  readonly resources: number;
  readonly bytes: number;
}

export interface AssemblyStats {
  readonly stacks: number;
  readonly nestedStacks: number;
  /** Resources of all templates, nested ones included. */
  readonly resources: number;
  /** The template with the most resources, and its size. */
  readonly largestStack: TemplateFigures;
  /** The template with the most bytes. */
  readonly largestTemplate: TemplateFigures;
  readonly templateBytes: number;
  /** Everything the synth wrote, assets included. */
  readonly outputBytes: number;
  /** Templates beyond a CloudFormation quota, described. */
  readonly overLimits: readonly string[];
}

export function assemblyStats(outdir: string): AssemblyStats {
  const set = readResourceSet(outdir);
  const templates: TemplateFigures[] = [];
  const visit = (name: string, file: string, template: TemplateJson) => {
    templates.push({ name, resources: Object.keys(template.Resources ?? {}).length, bytes: fs.statSync(path.join(outdir, file)).size });
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const nestedFile = nestedTemplateFile(resource);
      const nested = nestedFile ? set.nestedTemplates[nestedFile] : undefined;
      if (nestedFile && nested) visit(`${name}/${logicalId}`, nestedFile, nested);
    }
  };
  for (const stack of set.stacks) visit(stack.stackName, stack.templateFile, stack.template);
  if (templates.length === 0) throw new Error(`${outdir}: the assembly holds no stack`);
  const byResources = [...templates].sort((a, b) => b.resources - a.resources || b.bytes - a.bytes)[0]!;
  const byBytes = [...templates].sort((a, b) => b.bytes - a.bytes || b.resources - a.resources)[0]!;
  const overLimits = templates.flatMap((t) => [
    ...(t.resources > CLOUDFORMATION_LIMITS.resourcesPerTemplate ? [`${t.name}: ${t.resources} resources (CloudFormation allows ${CLOUDFORMATION_LIMITS.resourcesPerTemplate})`] : []),
    ...(t.bytes > CLOUDFORMATION_LIMITS.templateBytes ? [`${t.name}: ${t.bytes} bytes (CloudFormation allows ${CLOUDFORMATION_LIMITS.templateBytes})`] : []),
  ]);
  return {
    stacks: set.stacks.length,
    nestedStacks: templates.length - set.stacks.length,
    resources: templates.reduce((sum, t) => sum + t.resources, 0),
    largestStack: byResources,
    largestTemplate: byBytes,
    templateBytes: templates.reduce((sum, t) => sum + t.bytes, 0),
    outputBytes: folderBytes(outdir),
    overLimits,
  };
}
