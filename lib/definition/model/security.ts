/** `workspace.yml`'s `security`, resolved. */

/** An identity provider people sign in with. */
export type AuthenticationProvider = 'okta' | 'azure-ad' | 'aws-iam-identity-center' | 'saml' | 'oidc';

/** A Security Hub standard, as the definition names it. */
export type SecurityHubStandardName = 'aws-foundational' | 'cis-3.0' | 'nist-800-53' | 'pci-dss';

/** `security`: authentication, authorization, encryption, WAF, Security Hub and GuardDuty. */
export interface SecurityModel {
  readonly authentication: {
    readonly providers: readonly AuthenticationProvider[];
    readonly mfaRequired: boolean;
    /** Prefix of the IAM roles IAM Identity Center creates for permission sets (`AWSReservedSSO_`). */
    readonly ssoRolePrefix: string;
  };
  readonly authorization: { readonly rbac: boolean; readonly abac: boolean; readonly zeroTrust: boolean };
  readonly encryption: { readonly atRest: 'AES-256-GCM' | 'AES-256'; readonly inTransit: 'TLS 1.3' | 'TLS 1.2' };
  readonly waf: {
    /** Requests per 5 minutes per client IP before the web ACL blocks it. */
    readonly rateLimit: number;
    /** AWS managed rule groups, in the order written. */
    readonly managedRuleGroups: readonly string[];
  };
  readonly securityHub: {
    /** Standards to enable, in the order written. */
    readonly standards: readonly SecurityHubStandardName[];
  };
  readonly guardDuty: {
    readonly eksRuntimeMonitoring: boolean;
    readonly malwareProtection: boolean;
    readonly s3Protection: boolean;
  };
}
