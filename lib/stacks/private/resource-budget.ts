/**
 * CloudFormation refuses a template with more than 500 resources or 1 MB, and
 * only when the stack is deployed; the platform keeps 20% of headroom and
 * refuses at synth instead, with the stack's name, its figure and the way out.
 * Every platform stack takes its props through `withBudget`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import type { ISynthesisSession, StackProps } from 'aws-cdk-lib';

/** 80% of CloudFormation's 500 resources per stack. */
export const MAX_STACK_RESOURCES = 400;

/** 80% of CloudFormation's 1 MB (1,048,576 bytes) template, in bytes. */
export const MAX_TEMPLATE_BYTES = 800 * 1024;

export interface StackBudget {
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
 * The default synthesizer, plus the budget: binding to a stack adds a
 * validation of its resource count (so every violation of the app is reported
 * at once), and writing its template checks the bytes written.
 */
export class BudgetedStackSynthesizer extends DefaultStackSynthesizer {
  private readonly budget: StackBudget;

  constructor(budget: StackBudget) {
    super();
    this.budget = budget;
  }

  public override bind(stack: Stack): void {
    super.bind(stack);
    const max = this.budget.maxResources ?? MAX_STACK_RESOURCES;
    stack.node.addValidation({
      validate: () => {
        const count = stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
        return count <= max ? [] : [`${stack.stackName}: expected at most ${max} resources (80% of CloudFormation's 500), got ${count}; ${this.budget.fix}`];
      },
    });
  }

  public override synthesize(session: ISynthesisSession): void {
    super.synthesize(session);
    const stack = this.boundStack;
    const max = this.budget.maxTemplateBytes ?? MAX_TEMPLATE_BYTES;
    const templatePath = path.join(session.outdir, stack.templateFile);
    const bytes = fs.statSync(templatePath).size;
    if (bytes > max) {
      throw new Error(`${stack.stackName}: expected a template of at most ${max} bytes (80% of CloudFormation's 1 MB), got ${bytes}; ${this.budget.fix}`);
    }
  }
}

/** `props` with a synthesizer that holds the stack to `budget`; a string is the `fix` of the default bounds. */
export function withBudget<P extends StackProps>(props: P, budget: StackBudget | string): P {
  return { ...props, synthesizer: new BudgetedStackSynthesizer(typeof budget === 'string' ? { fix: budget } : budget) };
}
