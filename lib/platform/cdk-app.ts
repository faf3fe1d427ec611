/**
 * The App of a synth run by the CDK CLI, shared by bin/app.ts and the
 * benchmark's constructs-only app (lib/bench/constructs-app.ts), so both
 * synthesize exactly the same way.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { requirementsFor } from '../compliance/requirements';
import { synthValidationPlugins } from '../compliance/synth-plugin';
import type { WorkspaceModel } from '../definition/model';

/**
 * The App, with its context from the CLI. tree.json (the construct tree for
 * explorers such as the AWS Toolkit) takes a noticeable share of every synth
 * and nothing deployed reads it: it is written only with
 * `-c treeMetadata=true`. No auto-synth: the caller synthesizes once it knows
 * the manifests passed their checks.
 */
export function cliApp(): App {
  const probe = new App({ treeMetadata: false, autoSynth: false });
  const tree: unknown = probe.node.tryGetContext('treeMetadata');
  return tree === true || tree === 'true' ? new App({ autoSynth: false }) : probe;
}

/**
 * Registers the compliance rules plugin (policies/guard and the Control Tower
 * controls), which runs at synth next to the CDK's built-in CloudFormation
 * validation. Call it once the stacks are built: how the rules are evaluated
 * depends on how many there are (`synthValidationPlugins`).
 * CDK_VALIDATION=false, the fast inner loop, turns both off.
 */
export function addSynthValidation(app: App, model: WorkspaceModel, environment?: string): void {
  if (process.env.CDK_VALIDATION === 'false') return;
  const stacks = app.node.children.filter((c) => Stack.isStack(c)).length;
  Validations.of(app).addPlugins(...synthValidationPlugins(requirementsFor(model, { ...(environment ? { environment } : {}) }), stacks));
}
