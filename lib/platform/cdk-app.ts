/**
 * The App of a synth run by the CDK CLI, shared by bin/app.ts and the
 * benchmark's constructs-only app (scripts/bench/constructs-app.ts), so both
 * synthesize exactly the same way.
 */
import { App, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { requirementsFor } from '../compliance/requirements';
import { synthValidationPlugins } from '../compliance/synth-plugin';
import type { WorkspaceModel } from '../definition/model';

/** True when the CLI runs in debug mode: `cdk synth --debug` sets CDK_DEBUG. */
export function debugging(): boolean {
  const value = process.env.CDK_DEBUG;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * The App, with its context from the CLI. tree.json (the construct tree for
 * explorers such as the AWS Toolkit) takes a noticeable share of every synth
 * and nothing deployed reads it: it is written only with
 * `-c treeMetadata=true`. The JavaScript stack traces the CDK records per
 * construct (at creation and in metadata) are work at every synth that nothing
 * deployed uses: recorded only with `cdk synth --debug`. (They are App
 * settings, not cdk.json context: the CLI warns about `aws:` keys there.) No
 * auto-synth: the caller synthesizes once it knows the manifests passed their
 * checks.
 */
export function cliApp(): App {
  const traces = debugging() ? {} : { stackTraces: false, context: { [cxapi.DISABLE_CREATION_STACK_TRACES]: true } };
  const probe = new App({ treeMetadata: false, autoSynth: false, ...traces });
  const tree: unknown = probe.node.tryGetContext('treeMetadata');
  return tree === true || tree === 'true' ? new App({ autoSynth: false, ...traces }) : probe;
}

/** The synth validation of an app, registered. */
export interface SynthValidation {
  /** Call once the stacks are built, before `app.synth()`: the built-in validation's engine is built meanwhile. */
  stacksBuilt(): void;
}

/**
 * Registers the synth validation: the CDK's built-in CloudFormation validation
 * and the compliance rules (policies/guard and the Control Tower controls),
 * each evaluated on a worker thread. Call it before building the stacks, and
 * `stacksBuilt` after: the rules' engine is built while the stacks are built,
 * the built-in one while they are synthesized.
 * CDK_VALIDATION=false, the fast inner loop, turns both off.
 */
export function addSynthValidation(app: App, model: WorkspaceModel, environment?: string): SynthValidation {
  if (process.env.CDK_VALIDATION === 'false') return { stacksBuilt: () => undefined };
  const plugins = synthValidationPlugins(requirementsFor(model, { ...(environment ? { environment } : {}) }));
  Validations.of(app).addPlugins(...plugins);
  return { stacksBuilt: () => plugins[0].stacksBuilt(app) };
}
