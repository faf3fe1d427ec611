/**
 * Tells listeners of an app about each stack template as the stack's
 * synthesizer writes it, before the other stacks are synthesized. The synth
 * validation uses it to evaluate the compliance rules on the templates
 * written so far while the app synthesizes the rest; the CDK itself hands
 * templates to validation plugins only once every stack is written. Every
 * platform stack's synthesizer tells (lib/stacks/private/resource-budget.ts).
 */
import { Token } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A written template, with the fields the CDK gives validation plugins. */
export interface WrittenTemplate {
  readonly templatePath: string;
  readonly stackConstructPath: string;
  /** Undefined when the stack's account is not known at synth. */
  readonly accountId?: string;
  /** Undefined when the stack's region is not known at synth. */
  readonly region?: string;
}

export type TemplateWrittenListener = (template: WrittenTemplate) => void;

const listeners = new WeakMap<IConstruct, TemplateWrittenListener[]>();

/** Calls `listener` for each stack template of `app` written from now on. */
export function onTemplateWritten(app: IConstruct, listener: TemplateWrittenListener): void {
  const root = app.node.root;
  listeners.set(root, [...(listeners.get(root) ?? []), listener]);
}

/** Called by a stack's synthesizer once it wrote the stack's template to `templatePath`. */
export function templateWritten(stack: Stack, templatePath: string): void {
  const registered = listeners.get(stack.node.root);
  if (!registered) return;
  const template: WrittenTemplate = {
    templatePath,
    stackConstructPath: stack.node.path,
    ...(Token.isUnresolved(stack.account) ? {} : { accountId: stack.account }),
    ...(Token.isUnresolved(stack.region) ? {} : { region: stack.region }),
  };
  for (const listener of registered) listener(template);
}
