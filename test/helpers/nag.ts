/**
 * cdk-nag in tests. cdk-nag 3 packs are CDK validation plugins: they run at
 * the end of `app.synth()`, write `validation-report.json` into the cloud
 * assembly, and, when a pack reports an unacknowledged error, make `synth()`
 * throw (in Jest the message holds the whole report). This helper registers
 * the packs, synthesizes, and returns the findings as data, so a test reads
 *
 *   const app = new App({ context: FEATURE_FLAGS });
 *   const stack = new MyStack(app, 'My', props);
 *   expect(nagFindings(app, { scope: stack })).toEqual([]);
 *
 * and a failure lists rule, construct path and description of every finding.
 * Acknowledged findings (`Validations.of(construct).acknowledge({ id, reason })`)
 * are not returned. Build a separate App for the nag test: once the packs are
 * registered, every later `synth()` of that app (`Template.fromStack` too)
 * throws while an error is unacknowledged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import type { App, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The packs every platform stack must pass. */
export const NAG_PACKS: ReadonlyArray<(app: App) => IPolicyValidationPlugin> = [
  (app) => new AwsSolutionsChecks(app),
  (app) => new HIPAASecurityChecks(app),
  (app) => new NIST80053R5Checks(app),
];

export type NagLevel = 'error' | 'warning';

export interface NagFinding {
  /** Rule id as it is acknowledged, e.g. `AwsSolutions-EC23` or `AwsSolutions-IAM5[Resource::*]`. */
  readonly rule: string;
  /** Construct path of the offending resource, e.g. `Stack/Vpc/Resource`. */
  readonly path: string;
  readonly level: NagLevel;
  /** Plugin that reported it: `AwsSolutions`, `HIPAA.Security`, `NIST.800.53.R5`, or another validation plugin. */
  readonly pack: string;
  readonly description: string;
}

export interface NagFindingsOptions {
  /** Only findings on constructs under this scope (a stack, say). Default: the whole app. */
  readonly scope?: IConstruct;
  /** Levels to return. Default: `['error']`. */
  readonly levels?: readonly NagLevel[];
}

/** The report file CDK writes into the cloud assembly (aws-cdk-lib ≥ 2.25x). */
const REPORT_FILE = 'validation-report.json';

interface Report {
  readonly pluginReports: ReadonlyArray<{
    readonly pluginName: string;
    readonly conclusion: string;
    readonly metadata?: { readonly error?: string };
    readonly violations: ReadonlyArray<{
      readonly ruleName: string;
      readonly description: string;
      readonly severity: string;
      readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }>;
    }>;
  }>;
}

const registered = new WeakSet<App>();

/** Registers the packs of `NAG_PACKS` on `app`, once. `nagFindings` calls it; call it yourself to make every synth fail on findings. */
export function addNagPacks(app: App): void {
  if (registered.has(app)) return;
  Validations.of(app).addPlugins(...NAG_PACKS.map((pack) => pack(app)));
  registered.add(app);
}

/**
 * Registers the packs, synthesizes `app` and returns its unacknowledged
 * findings (errors only by default), sorted by path then rule. Findings of
 * other validation plugins in the app (construct annotations; CloudFormation
 * validation when `CDK_VALIDATION` is not `false`) are included with their
 * plugin as `pack`. Errors that are not validation findings are rethrown,
 * and a pack that crashes makes it throw.
 */
export function nagFindings(app: App, options: NagFindingsOptions = {}): NagFinding[] {
  addNagPacks(app);
  const reportPath = path.join(app.outdir, REPORT_FILE);
  fs.rmSync(reportPath, { force: true });
  try {
    app.synth({ force: true });
  } catch (error) {
    // A failing pack throws after writing the report; anything else fails before.
    if (!fs.existsSync(reportPath)) throw error;
  }
  if (!fs.existsSync(reportPath)) return [];
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as Report;
  const levels = new Set<string>(options.levels ?? ['error']);
  const under = options.scope?.node.path;
  const findings: NagFinding[] = [];
  for (const plugin of report.pluginReports) {
    // A pack that crashed reports failure without violations: that is not "no findings".
    if (plugin.metadata?.error !== undefined) throw new Error(`nagFindings: ${plugin.metadata.error}`);
    for (const violation of plugin.violations) {
      if (violation.severity === 'info') continue;
      // `error`, `fatal` and custom severities count as errors.
      const level: NagLevel = violation.severity === 'warning' ? 'warning' : 'error';
      if (!levels.has(level)) continue;
      for (const construct of violation.violatingConstructs) {
        const at = construct.constructPath;
        if (under !== undefined && under !== '' && at !== under && !at.startsWith(`${under}/`)) continue;
        findings.push({ rule: violation.ruleName, path: at, level, pack: plugin.pluginName, description: violation.description });
      }
    }
  }
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule));
}
