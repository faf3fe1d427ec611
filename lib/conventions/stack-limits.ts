/**
 * CloudFormation's quotas per stack, and the share of them the platform keeps
 * to: CloudFormation refuses a stack over its quota only when it is deployed,
 * so every platform stack and nested stack is held to 80% at synth instead,
 * with room left to grow. The one list of these figures; the stacks
 * (`lib/stacks/private/resource-budget.ts`) and the packing of tenant
 * manifests (`lib/mapping/cluster/cdk-delivery.ts`) read it.
 */

/** CloudFormation's quotas per stack (AWS CloudFormation User Guide, "Understand CloudFormation quotas"). */
export const CLOUDFORMATION_QUOTAS = {
  resources: 500,
  templateBytes: 1024 * 1024,
  outputs: 200,
  parameters: 200,
  stackNameLength: 128,
} as const;

/** The share of CloudFormation's quotas the platform keeps to. */
export const STACK_HEADROOM = 0.8;

/** Most resources of one stack's own template (its nested stacks count separately): 80% of 500. */
export const MAX_STACK_RESOURCES = 400;

/** Most bytes of one stack's template as written: 80% of 1 MB, rounded down to 800 KiB. */
export const MAX_TEMPLATE_BYTES = 800 * 1024;
