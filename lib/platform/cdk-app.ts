/**
 * The App of a synth run by the CDK CLI, shared by bin/app.ts and the
 * benchmark's constructs-only app (lib/bench/constructs-app.ts), so both
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

/**
 * Registers the synth validation: the CDK's built-in CloudFormation validation
 * and the compliance rules (policies/guard and the Control Tower controls),
 * which a worker thread evaluates next to it. Call it before building the
 * stacks: the worker builds its rule engine meanwhile.
 * CDK_VALIDATION=false, the fast inner loop, turns both off.
 */
export function addSynthValidation(app: App, model: WorkspaceModel, environment?: string): void {
  if (process.env.CDK_VALIDATION === 'false') return;
  Validations.of(app).addPlugins(...synthValidationPlugins(requirementsFor(model, { ...(environment ? { environment } : {}) })));
}
