import { App, CfnResource, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { CLOUDFORMATION_QUOTAS, MAX_STACK_RESOURCES, MAX_TEMPLATE_BYTES, STACK_HEADROOM } from '../../lib/conventions/stack-limits';
import { StackLimitsSynthesizer, withinStackLimits } from '../../lib/stacks/private/resource-budget';

const env = { account: '222222222222', region: 'eu-west-1' };

/** A stack of `count` wait-condition handles, each with a description of `padding` characters. */
function stackOf(app: App, id: string, props: StackProps, count: number, padding = 0): Stack {
  const stack = new Stack(app, id, props);
  for (let i = 0; i < count; i += 1) {
    new CfnResource(stack, `Handle${i}`, { type: 'AWS::CloudFormation::WaitConditionHandle', ...(padding ? { properties: { Padding: 'x'.repeat(padding) } } : {}) });
  }
  return stack;
}

describe('the stack limits', () => {
  test('is 80% of CloudFormation\'s 500 resources and 1 MB by default', () => {
    expect(MAX_STACK_RESOURCES).toBe(400);
    expect(MAX_STACK_RESOURCES).toBe(STACK_HEADROOM * CLOUDFORMATION_QUOTAS.resources);
    expect(MAX_TEMPLATE_BYTES).toBe(800 * 1024);
    expect(MAX_TEMPLATE_BYTES).toBeLessThanOrEqual(STACK_HEADROOM * CLOUDFORMATION_QUOTAS.templateBytes);
  });

  test('lets a stack within its bounds synthesize the template the default synthesizer writes', () => {
    const budgeted = new App();
    const plain = new App();
    stackOf(budgeted, 'Small', withinStackLimits({ env }, 'fix it'), 3);
    stackOf(plain, 'Small', { env }, 3);
    expect(budgeted.synth().getStackByName('Small').template).toEqual(plain.synth().getStackByName('Small').template);
  });

  test('refuses at synth a stack with more resources than its bound, with its name, its count and the fix', () => {
    const app = new App();
    stackOf(app, 'Crowded', withinStackLimits({ env }, { fix: 'split the crowd', maxResources: 5 }), 6);
    expect(() => app.synth()).toThrow(/Crowded: expected at most 5 resources \(80% of CloudFormation's 500\), got 6; split the crowd/);
  });

  test('reports every stack over its resource bound at once', () => {
    const app = new App();
    stackOf(app, 'First', withinStackLimits({ env }, { fix: 'a', maxResources: 1 }), 2);
    stackOf(app, 'Second', withinStackLimits({ env }, { fix: 'b', maxResources: 1 }), 2);
    expect(() => app.synth()).toThrow(/First: expected at most 1 resources[^]*Second: expected at most 1 resources/);
  });

  test('refuses at synth a template of more bytes than its bound, with its name, its size and the fix', () => {
    const app = new App();
    stackOf(app, 'Heavy', withinStackLimits({ env }, { fix: 'make it lighter', maxTemplateBytes: 4096 }), 3, 2000);
    expect(() => app.synth()).toThrow(/Heavy: expected a template of at most 4096 bytes \(80% of CloudFormation's 1 MB\), got \d{4}; make it lighter/);
  });

  test('allows exactly 400 resources by default, and refuses 401', () => {
    const app = new App();
    const stack = stackOf(app, 'Exact', withinStackLimits({ env }, 'fix it'), MAX_STACK_RESOURCES);
    expect(stack.synthesizer).toBeInstanceOf(StackLimitsSynthesizer);
    expect(() => app.synth()).not.toThrow();
    const over = new App();
    stackOf(over, 'Over', withinStackLimits({ env }, 'fix it'), MAX_STACK_RESOURCES + 1);
    expect(() => over.synth()).toThrow(/Over: expected at most 400 resources \(80% of CloudFormation's 500\), got 401; fix it/);
  });
});
