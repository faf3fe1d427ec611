/**
 * CloudFormation refuses a template with more than 500 resources, and only
 * when the stack is deployed; the platform keeps 20% of headroom and refuses
 * at synth instead, with the stack's name and its count.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';

/** 80% of CloudFormation's 500 resources per stack. */
export const MAX_STACK_RESOURCES = 400;

/** Makes synthesis fail when `stack` (its own template, not its nested stacks') holds more than `max` resources. */
export function limitResources(stack: Stack, fix: string, max: number = MAX_STACK_RESOURCES): void {
  stack.node.addValidation({
    validate: () => {
      const count = stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
      return count <= max ? [] : [`${stack.stackName}: expected at most ${max} resources (80% of CloudFormation's 500), got ${count}; ${fix}`];
    },
  });
}
