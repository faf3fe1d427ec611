/**
 * CloudFormation refuses a template with more than 500 resources or 1 MB, and
 * only when the stack is deployed; the platform keeps 20% of headroom
 * (`lib/conventions/stack-limits.ts`) and refuses at synth instead, with the
 * stack's name, its figure and the way out. Every platform stack takes its
 * props through `withinStackLimits`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import type { ISynthesisSession, StackProps } from 'aws-cdk-lib';
import { MAX_STACK_RESOURCES, MAX_TEMPLATE_BYTES } from '../../conventions/stack-limits';

/** The bounds a stack is held to, and what to tell the user when it passes one. */
export interface StackLimits {
  /** What the user can change when the stack passes a bound (it follows the figure in the error). */
  readonly fix: string;
  /**
   * Most resources of the stack's own template (not its nested stacks').
   * @default MAX_STACK_RESOURCES
   */
  readonly maxResources?: number;
  /**
   * Most bytes of the stack's own template as written to the cloud assembly.
   * @default MAX_TEMPLATE_BYTES
   */
  readonly maxTemplateBytes?: number;
}

/**
 * The default synthesizer, plus the stack limits: binding to a stack adds a
 * validation of its resource count (so every violation of the app is reported
 * at once), and writing its template checks the bytes written.
 */
export class StackLimitsSynthesizer extends DefaultStackSynthesizer {
  private readonly limits: StackLimits;

  constructor(limits: StackLimits) {
    super();
    this.limits = limits;
  }

  public override bind(stack: Stack): void {
    super.bind(stack);
    const max = this.limits.maxResources ?? MAX_STACK_RESOURCES;
    stack.node.addValidation({
      validate: () => {
        const count = stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
        return count <= max ? [] : [`${stack.stackName}: expected at most ${max} resources (80% of CloudFormation's 500), got ${count}; ${this.limits.fix}`];
      },
    });
  }

  public override synthesize(session: ISynthesisSession): void {
    super.synthesize(session);
    const stack = this.boundStack;
    const max = this.limits.maxTemplateBytes ?? MAX_TEMPLATE_BYTES;
    const templatePath = path.join(session.outdir, stack.templateFile);
    const bytes = fs.statSync(templatePath).size;
    if (bytes > max) {
      throw new Error(`${stack.stackName}: expected a template of at most ${max} bytes (80% of CloudFormation's 1 MB), got ${bytes}; ${this.limits.fix}`);
    }
  }
}

/** `props` with a synthesizer that holds the stack to `limits`; a string is the `fix` of the default bounds. */
export function withinStackLimits<P extends StackProps>(props: P, limits: StackLimits | string): P {
  return { ...props, synthesizer: new StackLimitsSynthesizer(typeof limits === 'string' ? { fix: limits } : limits) };
}
