/**
 * A change as the diffs find it, before it is classified: the facts the
 * classification rules read (lib/plan/rules.ts). Template and manifest
 * changes share this shape so one rule table judges both.
 */
import type { AccessComparison, ChangeAction, ChangeTarget, PropertyChange } from './types';

export interface DetectedChange {
  readonly id: string;
  readonly target: ChangeTarget;
  readonly action: ChangeAction;
  readonly properties: readonly PropertyChange[];
  /** Why CloudFormation replaces it (the properties that force it), or why Kubernetes must recreate it. */
  readonly replacedBy?: readonly string[];
  /** CloudFormation only says the resource may be replaced (it depends on values known at deploy time). */
  readonly mayReplace?: boolean;
  /** It holds data or state that a removal or replacement loses: buckets, keys, log groups, vaults, clusters, namespaces. */
  readonly stateful: boolean;
  /** Its deletion or replacement policy keeps it (Retain, RetainExceptOnCreate, Snapshot). */
  readonly retained: boolean;
  /** Only tags, labels, annotations or descriptions change. */
  readonly metadataOnly: boolean;
  /** The access it grants, compared; undefined for resources and objects that grant none. */
  readonly access?: AccessComparison;
  /** The resource (type, properties, policies) or object before and after; absent on the side where it does not exist. */
  readonly before?: unknown;
  readonly after?: unknown;
}
