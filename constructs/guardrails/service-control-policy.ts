import { aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Organizations' limit on the size of one SCP document, in characters of its minified JSON. */
export const SCP_MAX_CHARACTERS = 5120;

/** A JSON value, as an SCP document is written. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One statement of an SCP document. */
export interface ScpStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: { readonly [operator: string]: { readonly [key: string]: JsonValue } };
}

/** An SCP document (IAM policy grammar, without principals). */
export interface ScpDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly ScpStatement[];
}

export interface ServiceControlPolicyProps {
  /** Name of the policy in AWS Organizations (1 to 128 characters, unique in the organization). */
  readonly policyName: string;
  /** The policy document; at most 5,120 characters once minified. */
  readonly document: ScpDocument;
  /** Roots, organizational units (`ou-…`) or accounts (12 digits) the policy is attached to; at least one. */
  readonly targetIds: readonly string[];
  /**
   * Shown in the Organizations console.
   * @default - no description
   */
  readonly description?: string;
}

const TARGET_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/** The size Organizations counts for `document`: characters of its minified JSON. */
export function scpSize(document: ScpDocument): number {
  return JSON.stringify(document).length;
}

/**
 * A service control policy (`AWS::Organizations::Policy` of type
 * `SERVICE_CONTROL_POLICY`) attached to its targets. Deployed from the
 * organization's management account (or a delegated administrator).
 *
 * Synthesis fails when the document exceeds the 5,120-character limit, when it
 * has no statement, or when a target is not a root, OU or account id.
 */
export class ServiceControlPolicy extends Construct {
  /** The policy id (`p-…`). */
  public readonly policyId: string;
  /** The policy ARN. */
  public readonly policyArn: string;

  constructor(scope: Construct, id: string, props: ServiceControlPolicyProps) {
    super(scope, id);
    if (props.policyName.length < 1 || props.policyName.length > 128) {
      throw new Error(`ServiceControlPolicy ${this.node.path}: expected a policyName of 1 to 128 characters, got ${props.policyName.length} ("${props.policyName}")`);
    }
    if (props.document.Statement.length === 0) {
      throw new Error(`ServiceControlPolicy ${props.policyName}: expected at least one statement, got none`);
    }
    const size = scpSize(props.document);
    if (size > SCP_MAX_CHARACTERS) {
      throw new Error(`ServiceControlPolicy ${props.policyName}: the document has ${size} characters, Organizations allows ${SCP_MAX_CHARACTERS}. Split it into two policies or shorten its action lists with wildcards.`);
    }
    if (props.targetIds.length === 0) {
      throw new Error(`ServiceControlPolicy ${props.policyName}: expected at least one target id, got none. Attach it to an OU or an account.`);
    }
    const invalid = props.targetIds.filter((t) => !TARGET_ID.test(t));
    if (invalid.length > 0) {
      throw new Error(`ServiceControlPolicy ${props.policyName}: expected target ids like "ou-ab12-cd34ef56", "r-ab12" or a 12-digit account id, got ${invalid.map((t) => `"${t}"`).join(', ')}`);
    }
    const policy = new organizations.CfnPolicy(this, 'Resource', {
      name: props.policyName,
      type: 'SERVICE_CONTROL_POLICY',
      content: props.document,
      targetIds: [...props.targetIds],
      ...(props.description ? { description: props.description } : {}),
    });
    this.policyId = policy.attrId;
    this.policyArn = policy.attrArn;
  }
}
