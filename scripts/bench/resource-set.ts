/**
 * The resource set of a synthesized cloud assembly: every stack with its
 * environment, dependencies and template (and the templates of its nested
 * stacks). The benchmark reads it from the product's output and hands it to
 * the baseline app, which recreates the same resources with plain L1
 * constructs. Plain JSON in, plain JSON out: no YAML, no zod.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly [attribute: string]: unknown;
}

export interface TemplateJson {
  readonly Description?: string;
  readonly Transform?: string | string[];
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, unknown>;
  readonly Rules?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
  readonly Resources?: Record<string, ResourceJson>;
  readonly [section: string]: unknown;
}

export interface StackSpec {
  /** Artifact id, which is also the construct id of a top-level stack. */
  readonly id: string;
  readonly stackName: string;
  readonly account?: string;
  readonly region?: string;
  readonly terminationProtection: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** Ids of the stacks this one depends on. */
  readonly dependencies: readonly string[];
  /** File name of the template in the assembly folder. */
  readonly templateFile: string;
  readonly template: TemplateJson;
}

export interface ResourceSet {
  /** Assembly folder the set was read from. */
  readonly source: string;
  readonly stacks: readonly StackSpec[];
  /** Templates of nested stacks, by their file name in the assembly (as in `aws:asset:path`). */
  readonly nestedTemplates: Readonly<Record<string, TemplateJson>>;
}

/** Resources the CDK adds to every stack by itself; neither side's resource set counts them. */
export const CDK_OWN_RESOURCE_TYPES: readonly string[] = ['AWS::CDK::Metadata'];

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: { templateFile?: string; stackName?: string; terminationProtection?: boolean; tags?: Record<string, string> };
  readonly dependencies?: readonly string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The file of a nested stack's template, when `resource` is a nested stack that the CDK synthesized. */
export function nestedTemplateFile(resource: ResourceJson): string | undefined {
  if (resource.Type !== 'AWS::CloudFormation::Stack') return undefined;
  const file = resource.Metadata?.['aws:asset:path'];
  return typeof file === 'string' && file.endsWith('.nested.template.json') ? file : undefined;
}

/** Reads the stacks of the cloud assembly in `outdir` (a `cdk.out` folder). */
export function readResourceSet(outdir: string): ResourceSet {
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(path.join(outdir, 'manifest.json'));
  const artifacts = manifest.artifacts ?? {};
  const nestedAssemblies = Object.keys(artifacts).filter((id) => artifacts[id]!.type === 'cdk:cloud-assembly');
  if (nestedAssemblies.length > 0) {
    throw new Error(`${outdir}: nested cloud assemblies (CDK stages) are not supported by the baseline: ${nestedAssemblies.join(', ')}`);
  }
  const stackIds = Object.keys(artifacts).filter((id) => artifacts[id]!.type === 'aws:cloudformation:stack').sort();
  const nestedTemplates: Record<string, TemplateJson> = {};
  const collectNested = (template: TemplateJson) => {
    for (const resource of Object.values(template.Resources ?? {})) {
      const file = nestedTemplateFile(resource);
      if (file && !nestedTemplates[file]) {
        const nested = readJson<TemplateJson>(path.join(outdir, file));
        nestedTemplates[file] = nested;
        collectNested(nested);
      }
    }
  };
  const stacks = stackIds.map((id): StackSpec => {
    const artifact = artifacts[id]!;
    const templateFile = artifact.properties?.templateFile ?? `${id}.template.json`;
    const template = readJson<TemplateJson>(path.join(outdir, templateFile));
    collectNested(template);
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
    const known = (value: string | undefined) => (value && !value.startsWith('unknown-') ? value : undefined);
    const account = known(env?.[1]);
    const region = known(env?.[2]);
    return {
      id,
      stackName: artifact.properties?.stackName ?? id,
      ...(account ? { account } : {}),
      ...(region ? { region } : {}),
      terminationProtection: artifact.properties?.terminationProtection ?? false,
      tags: artifact.properties?.tags ?? {},
      dependencies: (artifact.dependencies ?? []).filter((d) => stackIds.includes(d)),
      templateFile,
      template,
    };
  });
  return { source: outdir, stacks, nestedTemplates };
}

/** Resources per type of a template, without the CDK's own metadata resource. */
export function resourceTypeCounts(template: TemplateJson): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of Object.values(template.Resources ?? {})) {
    if (CDK_OWN_RESOURCE_TYPES.includes(resource.Type)) continue;
    counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Resources per type for every stack of a set, by stack name; the resources of
 * nested stacks are listed under `<stack name>/<nested logical id>`.
 */
export function resourceSetCounts(set: ResourceSet): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const visit = (name: string, template: TemplateJson) => {
    out[name] = resourceTypeCounts(template);
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const file = nestedTemplateFile(resource);
      const nested = file ? set.nestedTemplates[file] : undefined;
      if (nested) visit(`${name}/${logicalId}`, nested);
    }
  };
  for (const stack of set.stacks) visit(stack.stackName, stack.template);
  return out;
}

/** Describes how two sets' resources per type differ; empty when they are the same. */
export function compareResourceCounts(expected: Record<string, Record<string, number>>, actual: Record<string, Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const name of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    const e = expected[name];
    const a = actual[name];
    if (!e || !a) {
      problems.push(`${name}: ${e ? 'missing from the baseline' : 'not in the product'}`);
      continue;
    }
    for (const type of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
      if ((e[type] ?? 0) !== (a[type] ?? 0)) problems.push(`${name}: ${type} ${e[type] ?? 0} in the product, ${a[type] ?? 0} in the baseline`);
    }
  }
  return problems;
}
