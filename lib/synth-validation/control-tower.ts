/**
 * The AWS Control Tower proactive controls bundled in
 * `@cdklabs/cdk-validator-cfnguard`: their Guard rules and metadata (title,
 * NIST SP 800-53 Rev. 5 mapping). Read from the package, never copied.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ControlTowerControl {
  /** `CT.S3.PR.10` */
  readonly id: string;
  readonly title: string;
  /** Name of the Guard rule, as validation reports show it (`s3_bucket_default_encryption_kms_check`). */
  readonly ruleName: string;
  /** Guard rule source. */
  readonly content: string;
  /** NIST SP 800-53 Rev. 5 ids the control maps to, as AWS publishes them. */
  readonly nist80053: readonly string[];
}

const PACKAGE = '@cdklabs/cdk-validator-cfnguard';

/** The package's Control Tower rule folder; throws with what to install when it is missing. */
export function controlTowerRoot(): string {
  let manifest: string;
  try {
    manifest = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    throw new Error(`expected the package ${PACKAGE} (its Control Tower proactive controls run at synth and in compliance-check), found none. Install it: npm install ${PACKAGE}`);
  }
  return path.join(path.dirname(manifest), 'rules', 'control-tower');
}

function findFile(dir: string, name: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) return full;
  }
  return undefined;
}

const cache = new Map<string, ControlTowerControl>();

/** One bundled control by id (`CT.S3.PR.10`); throws when the package does not have it. */
export function controlTowerControl(id: string): ControlTowerControl {
  const cached = cache.get(id);
  if (cached) return cached;
  const m = /^CT\.([A-Z0-9-]+)\.PR\.(\d+)$/.exec(id);
  if (!m) throw new Error(`expected a Control Tower proactive control id like "CT.S3.PR.10", got "${id}"`);
  const base = `ct-${m[1]!.toLowerCase()}-pr-${m[2]}`;
  const root = controlTowerRoot();
  const guardFile = findFile(path.join(root, 'cfn-guard'), `${base}.guard`);
  const metadataFile = findFile(path.join(root, 'metadata'), `${base}.metadata.json`);
  if (!guardFile || !metadataFile) throw new Error(`expected ${PACKAGE} to bundle ${id} (${base}.guard and its metadata), found ${guardFile ? 'no metadata' : 'no rule'}`);
  const content = fs.readFileSync(guardFile, 'utf8');
  const ruleName = /^rule\s+(\w+)\s+when\s+is_cfn_template/m.exec(content)?.[1] ?? /^rule\s+(\w+)/m.exec(content)?.[1];
  if (!ruleName) throw new Error(`expected a rule in ${guardFile}, found none`);
  const metadata = JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as {
    DisplayName?: string;
    ComplianceFrameworkMappings?: Array<{ ComplianceFramework: string; Ids: string[] }>;
  };
  const nist = metadata.ComplianceFrameworkMappings?.find((f) => f.ComplianceFramework.startsWith('NIST 800-53 Rev 5'))?.Ids ?? [];
  const control = { id, title: metadata.DisplayName ?? id, ruleName, content, nist80053: nist };
  cache.set(id, control);
  return control;
}
