/**
 * Reads a cloud assembly (a `cdk.out` folder) into template evidence: each
 * stack's template, target account and region, and the construct path of each
 * logical id from the assembly metadata (the manifest's, or the stack's
 * `additionalMetadataFile`), falling back to `aws:cdk:path`.
 * Nested assemblies (stages) are followed.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CfnTemplate, TemplateEvidence } from './evidence';
import { constructPathsFromTemplate } from './evidence';

type ArtifactMetadata = Readonly<Record<string, ReadonlyArray<{ readonly type: string; readonly data?: unknown }>>>;

interface ArtifactManifest {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string; readonly stackName?: string };
  readonly metadata?: ArtifactMetadata;
  /** Newer assemblies keep the metadata in a file of its own. */
  readonly additionalMetadataFile?: string;
  readonly displayName?: string;
}

/** Stack templates of the assembly in `dir`; throws when it is not a cloud assembly. */
export function readCloudAssembly(dir: string): TemplateEvidence[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`expected a cloud assembly (manifest.json) in ${dir}, found none. Run cdk synth first, or leave out --cdk-out to synthesize.`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { artifacts?: Record<string, ArtifactManifest> };
  const out: TemplateEvidence[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      out.push(...readCloudAssembly(path.join(dir, artifact.properties.directoryName)));
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const templateFile = path.join(dir, artifact.properties.templateFile);
    const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as CfnTemplate;
    const constructPaths = constructPathsFromTemplate(template);
    const extra = artifact.additionalMetadataFile ? path.join(dir, artifact.additionalMetadataFile) : undefined;
    const metadata: ArtifactMetadata = { ...artifact.metadata, ...(extra && fs.existsSync(extra) ? JSON.parse(fs.readFileSync(extra, 'utf8')) as ArtifactMetadata : {}) };
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const entry of entries) {
        if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') constructPaths[entry.data] = constructPath.replace(/^\//, '');
      }
    }
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
    const account = env && env[1] !== 'unknown-account' ? env[1] : undefined;
    const region = env && env[2] !== 'unknown-region' ? env[2] : undefined;
    out.push({ stack: artifact.properties.stackName ?? artifact.displayName ?? id, template, constructPaths, templateFile, ...(account ? { account } : {}), ...(region ? { region } : {}) });
  }
  return out;
}
