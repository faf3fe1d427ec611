/**
 * The CDK's built-in CloudFormation validation (its public
 * `CloudFormationValidatePlugin`, default rules included) as the synth runs
 * it: on the worker pool, beside the compliance rules (./shared-validation.ts).
 * It reports under the CDK's plugin name, so acknowledgements such as
 * `CloudFormation-Validate::W3010` apply as they do to the CDK's own plugin;
 * the app is made with `builtinCloudFormationValidation: false`, so the CDK
 * does not add its own as well.
 */
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { SharedValidation } from './shared-validation';

export class BuiltinValidationPlugin implements IPolicyValidationPlugin {
  public readonly name = CloudFormationValidatePlugin.PLUGIN_NAME;
  /** The validation engine's version, known once it validated (the CDK reads it after `validate`). */
  public version?: string;

  constructor(private readonly shared: SharedValidation) {}

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const { report, version } = this.shared.report('builtin', context);
    this.version = version;
    return report;
  }
}
