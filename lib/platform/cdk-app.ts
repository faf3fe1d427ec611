/**
 * The App of every synth of the platform: the CDK app (bin/app.ts), the
 * compliance commands, the benchmark's constructs-only app and the tests.
 */
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { FEATURE_FLAGS } from './feature-flags';

/** True when the CLI runs in debug mode: `cdk synth --debug` sets CDK_DEBUG. */
export function debugging(): boolean {
  const value = process.env.CDK_DEBUG;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** True unless the synth validation is turned off for a fast inner loop (`CDK_VALIDATION=false`, as the CDK reads it). */
export function validationWanted(): boolean {
  return process.env.CDK_VALIDATION !== 'false';
}

export interface PlatformAppProps {
  /**
   * The cloud assembly folder.
   * @default - the CDK CLI's (CDK_OUTDIR), else a new temporary folder
   */
  readonly outdir?: string;
  /**
   * Whether assets (the kubectl provider's layers) are copied into the cloud
   * assembly. Readers of templates alone (`oaas plan`) skip them: asset hashes
   * do not depend on staging.
   * @default true
   */
  readonly stageAssets?: boolean;
}

/**
 * A new App with the project's feature flags (cdk.json's context, so a synth
 * outside the CDK CLI runs with the same ones; the CLI's context still wins).
 * The CDK's built-in CloudFormation validation is off: the synth validation
 * (lib/synth-validation, `addSynthValidation`) runs it, beside the compliance
 * rules. tree.json (the construct tree for explorers such as the AWS Toolkit)
 * takes a noticeable share of every synth and nothing deployed reads it: it
 * is written only with `-c treeMetadata=true`. The JavaScript stack traces
 * the CDK records per construct are work that nothing deployed uses: recorded
 * only with `cdk synth --debug`. (They are App settings, not cdk.json context:
 * the CLI warns about `aws:` keys there.) No auto-synth: the caller
 * synthesizes once it is ready.
 */
export function platformApp(props: PlatformAppProps = {}): App {
  const traces = debugging() ? {} : { [cxapi.DISABLE_CREATION_STACK_TRACES]: true };
  const assets = props.stageAssets === false ? { [cxapi.DISABLE_ASSET_STAGING_CONTEXT]: true } : {};
  const settings = {
    autoSynth: false,
    builtinCloudFormationValidation: false,
    ...(debugging() ? {} : { stackTraces: false }),
    context: { ...FEATURE_FLAGS, ...traces, ...assets },
    ...(props.outdir ? { outdir: props.outdir } : {}),
  };
  const probe = new App({ ...settings, treeMetadata: false });
  const tree: unknown = probe.node.tryGetContext('treeMetadata');
  return tree === true || tree === 'true' ? new App(settings) : probe;
}
