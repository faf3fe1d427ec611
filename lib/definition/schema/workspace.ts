/**
 * `workspace.yml`: the organization, its environments (accounts, regions,
 * residency, DR), clusters, security and monitoring. Key names follow the
 * enterprise-workspace seed (`regions`, `failover`, `disaster_recovery`, `data_residency`).
 */
import { z } from 'zod';
import {
  accountId, availabilityZone, cidr, count, duration, durationThreshold, identifier, k8sName, labelKey, labels, labelValue, mapping, MAX_LOG_RETENTION_SECONDS, money, msg,
  percentage, percentageThreshold, plainText, recoveryObjectives, regionName, serviceName, size, tagValue, text, TEXT_LIMITS,
} from './primitives';
import { KUBERNETES_VERSIONS } from '../kubernetes-versions';

export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export const dataClassification = z.enum(DATA_CLASSIFICATIONS);

const organization = z.strictObject({
  name: serviceName.meta({ description: 'Short name used in stack names, bucket names and tags, e.g. "acme"; starts with a letter.' }),
  display_name: plainText(100).optional().meta({ description: 'Name shown to people (the budget alerts\' sender). Default: the name.' }),
  domain: plainText().optional().meta({ description: 'Business domain, as in the seed ("enterprise-technology").' }),
  management_account: accountId.meta({ description: 'The AWS Organizations management account that owns the guardrails.' }),
  home_region: regionName.meta({ description: 'Region of the organization guardrail stack.' }),
  cost_center: tagValue.min(1).meta({ description: 'Default cost center tag.' }),
  data_classification: dataClassification.default('confidential'),
});

const regionDeployment = z.strictObject({
  region: regionName,
  availability_zones: z
    .array(availabilityZone)
    .min(2, { error: msg('at least 2 availability zones', 'EKS needs subnets in two or more zones; list them explicitly so synth needs no lookup.') })
    .max(6),
  vpc_cidr: cidr,
  dr_region: regionName.optional().meta({
    description: 'Region that receives this region\'s audit replicas and backup copies. Must be another region of the same environment. Default: none.',
  }),
});

const disasterRecovery = z.union([
  recoveryObjectives(),
  z.strictObject({
    rto: duration(),
    rpo: duration(),
    backup_frequency: duration({ min: 3600 }).optional().meta({ description: 'How often backups run, at least an hour apart (AWS Backup runs at most hourly). Default: the RPO.' }),
    backup_retention: duration({ min: 86_400 }).prefault('35 days').meta({ description: 'How long backups are kept, from a day to 100 years.' }),
  }, { error: msg('a mapping with rto and rpo', 'Write "4h RTO, 1h RPO", or a mapping with rto, rpo and optionally backup_frequency and backup_retention.') }),
]);

const dataResidency = z.union([
  z.enum(['enforced', 'advisory']).meta({ description: 'Shorthand: allowed regions are the environment\'s regions.' }),
  z.strictObject({
    mode: z.enum(['enforced', 'advisory']).default('enforced'),
    allowed_regions: z.array(regionName).min(1),
  }, { error: msg('a mapping with allowed_regions', 'Write enforced or advisory, or a mapping with mode and allowed_regions.') }),
]);

const endpointAccess = z.strictObject({
  public: z.boolean().default(false).meta({ description: 'Expose the Kubernetes API publicly. Default: false (private only).' }),
  allow_list: z.array(cidr).max(40).default([]).meta({ description: 'CIDRs allowed to reach a public endpoint (at most 40, as EKS allows). Required when public.' }),
});

const nodePool = z.strictObject({
  name: k8sName,
  instance_types: z.array(text('an EC2 instance type like "m7i.xlarge"', 'm7i.xlarge', 32).regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: msg('an EC2 instance type like "m7i.xlarge"', 'Write family.size.') })).min(1).max(20),
  min_size: count(0, 1000),
  max_size: count(1, 1000),
  desired_size: count(0, 1000).optional(),
  vcpu_per_node: count(1, 1024).meta({ description: 'vCPUs of one node, used for capacity checks (no lookup at synth).' }),
  memory_per_node: size({ min: 2 ** 20 }),
  disk_size: size({ min: 2 ** 30, max: 16 * 2 ** 40 }).prefault('100Gi').meta({ description: 'Root volume of each node (gp3), from 1Gi to 16Ti. Default: 100Gi.' }),
  capacity_type: z.enum(['on_demand', 'spot']).default('on_demand'),
  labels: labels().prefault({}).meta({ description: 'Kubernetes labels of the nodes. Default: none.' }),
  taints: z.array(z.strictObject({
    key: labelKey.max(63),
    value: labelValue,
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  })).max(50).default([]),
});

const cluster = z.strictObject({
  kubernetes_version: z
    .string({ error: msg('a Kubernetes minor version in quotes, like "1.33"', 'Quote it ("1.33"): unquoted, YAML reads a number, and 1.30 becomes 1.3.') })
    .max(8, { abort: true, error: msg('a Kubernetes minor version like "1.33"', 'Write the minor version only, as in "1.33".') })
    .refine((v) => (KUBERNETES_VERSIONS as readonly string[]).includes(v), {
      error: msg(
        `a Kubernetes version the platform pins EKS add-ons for (${KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(', ')})`,
        `Use ${KUBERNETES_VERSIONS.map((v) => `"${v}"`).join(' or ')}; other versions need their add-on versions pinned first (lib/mapping/cluster.ts).`,
      ),
    })
    .meta({ description: `Kubernetes minor version of the cluster: ${KUBERNETES_VERSIONS.join(', ')}.` }),
  endpoint_access: endpointAccess.prefault({}),
  node_pools: z.array(nodePool).min(1).max(30),
  delivery: z.enum(['gitops', 'cdk']).default('gitops').meta({
    description: 'How tenant manifests reach the cluster: rendered for Argo CD (gitops) or applied by the cluster stack (cdk). Default: gitops.',
  }),
});

const environment = z.strictObject({
  name: k8sName,
  account: accountId,
  organizational_unit: text('an organizational unit id like "ou-ab12-cd34ef56"', 'ou-ab12-cd34ef56', 68)
    .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, { error: msg('an organizational unit id like "ou-ab12-cd34ef56"', 'Copy the OU id from AWS Organizations.') })
    .optional()
    .meta({ description: 'OU that the guardrails attach to. Default: the account itself.' }),
  production: z.boolean().default(false).meta({ description: 'Turns on termination protection and stricter defaults.' }),
  high_availability: z.boolean().default(false).meta({ description: 'One NAT gateway per AZ instead of one per region.' }),
  regions: z.array(regionDeployment).min(1).max(20),
  failover: z.enum(['automatic', 'manual', 'none']).default('manual'),
  disaster_recovery: disasterRecovery,
  data_residency: dataResidency,
  cluster,
  budgets: z
    .strictObject({
      daily: money({ positive: true }).optional(),
      monthly: money({ positive: true }).optional(),
      per_team: mapping(k8sName, money({ positive: true })).optional().meta({ description: 'Monthly budget per team in this environment. Default: governance budgets.per_team.' }),
    })
    .optional()
    .meta({ description: 'Overrides of the governance budgets for this environment. Default: the governance budgets.' }),
});

const security = z.strictObject({
  authentication: z.strictObject({
    providers: z.array(z.enum(['okta', 'azure-ad', 'aws-iam-identity-center', 'saml', 'oidc'])).min(1),
    mfa_required: z.boolean().default(true),
    sso_role_prefix: text('an IAM role name prefix like "AWSReservedSSO_"', 'AWSReservedSSO_', 32)
      .regex(/^[\w+=,.@-]+$/, {
        error: msg('an IAM role name prefix (letters, digits and +=,.@_-)', 'Write the prefix IAM Identity Center gives its roles, "AWSReservedSSO_"; "*" and "?" would let the trust policies match any role.'),
      })
      .default('AWSReservedSSO_').meta({
        description: 'Prefix of the IAM roles that IAM Identity Center creates for permission sets. Default: AWSReservedSSO_.',
      }),
  }),
  authorization: z.strictObject({
    rbac: z.boolean().default(true),
    abac: z.boolean().default(false),
    zero_trust: z.boolean().default(true),
  }).prefault({}),
  encryption: z.strictObject({
    at_rest: z.enum(['AES-256-GCM', 'AES-256']).default('AES-256-GCM'),
    in_transit: z.enum(['TLS 1.3', 'TLS 1.2']).default('TLS 1.3'),
  }).prefault({}),
  waf: z.strictObject({
    rate_limit: z.number().int().min(10).max(2_000_000_000).default(2000).meta({ description: 'Requests per 5 minutes per client IP.' }),
    managed_rule_groups: z.array(text('an AWS managed rule group name like "AWSManagedRulesCommonRuleSet"', 'AWSManagedRulesCommonRuleSet', 128)
      .regex(/^[0-9A-Za-z_-]+$/, { error: msg('an AWS managed rule group name like "AWSManagedRulesCommonRuleSet"', 'Use the rule group\'s name as AWS WAF lists it: letters, digits, "_" and "-".') }))
      .max(20).default([
      'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList',
    ]),
  }).prefault({}),
  security_hub: z.strictObject({
    standards: z.array(z.enum(['aws-foundational', 'cis-3.0', 'nist-800-53', 'pci-dss'])).default(['aws-foundational', 'nist-800-53']),
  }).prefault({}),
  guardduty: z.strictObject({
    eks_runtime_monitoring: z.boolean().default(true),
    malware_protection: z.boolean().default(true),
    s3_protection: z.boolean().default(true),
  }).prefault({}),
});

const alertRoute = z.strictObject({
  channel: z.enum(['pagerduty', 'email', 'slack', 'webhook']),
  severity: z.enum(['critical', 'high', 'medium', 'low']).default('critical'),
  escalate_to: z.array(plainText(TEXT_LIMITS.short)).max(20).default([]),
});

const monitoring = z.strictObject({
  metrics: z.strictObject({
    orchestration_latency_p95: durationThreshold().optional(),
    error_rate: percentageThreshold().optional(),
    cost_per_operation: money().optional(),
    compliance_score: percentageThreshold().optional(),
  }).prefault({}),
  critical_alerts: mapping(identifier, alertRoute).prefault({}),
  dashboards: z.array(z.enum(['executive', 'operations', 'security', 'compliance'])).default([]),
  log_retention: duration({ min: 86_400, max: MAX_LOG_RETENTION_SECONDS }).prefault('1 year').meta({
    description: 'Retention of operational log groups (audit logs use the governance audit retention), from a day to 3653 days.',
  }),
  target_availability: percentage().optional(),
});

export const workspaceFileSchema = z
  .strictObject({
    $schema: plainText(TEXT_LIMITS.reference).optional(),
    organization,
    environments: z.array(environment).min(1),
    security,
    monitoring: monitoring.prefault({}),
  })
  .meta({ title: 'OAAS workspace.yml', description: 'Organization, environments, regions, clusters, security and monitoring.' });

export type WorkspaceFile = z.output<typeof workspaceFileSchema>;
export type EnvironmentDefinition = WorkspaceFile['environments'][number];
export type RegionDefinition = EnvironmentDefinition['regions'][number];
export type NodePoolDefinition = EnvironmentDefinition['cluster']['node_pools'][number];
