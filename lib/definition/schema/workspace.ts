/**
 * `workspace.yml`: the organization, its environments (accounts, regions,
 * residency, DR), clusters, security and monitoring. Key names follow the
 * enterprise-workspace seed (`regions`, `failover`, `disaster_recovery`, `data_residency`).
 */
import { z } from 'zod';
import {
  accountId, availabilityZone, cidr, duration, durationThreshold, identifier, k8sName, money, msg,
  percentage, percentageThreshold, recoveryObjectives, regionName, size,
} from './primitives';

export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export const dataClassification = z.enum(DATA_CLASSIFICATIONS);

const organization = z.strictObject({
  name: k8sName.meta({ description: 'Short name used in stack names and tags, e.g. "acme".' }),
  display_name: z.string().optional(),
  domain: z.string().optional().meta({ description: 'Business domain, as in the seed ("enterprise-technology").' }),
  management_account: accountId.meta({ description: 'The AWS Organizations management account that owns the guardrails.' }),
  home_region: regionName.meta({ description: 'Region of the organization guardrail stack.' }),
  cost_center: z.string().min(1).meta({ description: 'Default cost center tag.' }),
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
    backup_frequency: duration().optional().meta({ description: 'How often backups run. Default: the RPO.' }),
    backup_retention: duration().prefault('35 days'),
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
  allow_list: z.array(cidr).default([]).meta({ description: 'CIDRs allowed to reach a public endpoint. Required when public.' }),
});

const nodePool = z.strictObject({
  name: k8sName,
  instance_types: z.array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: msg('an EC2 instance type like "m7i.xlarge"', 'Write family.size.') })).min(1),
  min_size: z.number().int().min(0),
  max_size: z.number().int().min(1),
  desired_size: z.number().int().min(0).optional(),
  vcpu_per_node: z.number().int().min(1).meta({ description: 'vCPUs of one node, used for capacity checks (no lookup at synth).' }),
  memory_per_node: size(),
  disk_size: size().prefault('100Gi'),
  capacity_type: z.enum(['on_demand', 'spot']).default('on_demand'),
  labels: z.record(z.string(), z.string()).default({}),
  taints: z.array(z.strictObject({ key: z.string(), value: z.string(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) })).default([]),
});

const cluster = z.strictObject({
  kubernetes_version: z
    .string({ error: msg('a Kubernetes minor version in quotes, like "1.31"', 'Quote it ("1.31"): unquoted, YAML reads a number, and 1.30 becomes 1.3.') })
    .regex(/^1\.(2[89]|3\d)$/, {
      error: msg('a Kubernetes minor version from "1.28" to "1.39", like "1.31"', 'Write the minor version only, as in "1.31".'),
    }),
  endpoint_access: endpointAccess.prefault({}),
  node_pools: z.array(nodePool).min(1),
  delivery: z.enum(['gitops', 'cdk']).default('gitops').meta({
    description: 'How tenant manifests reach the cluster: rendered for Argo CD (gitops) or applied by the cluster stack (cdk). Default: gitops.',
  }),
});

const environment = z.strictObject({
  name: k8sName,
  account: accountId,
  organizational_unit: z
    .string()
    .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, { error: msg('an organizational unit id like "ou-ab12-cd34ef56"', 'Copy the OU id from AWS Organizations.') })
    .optional()
    .meta({ description: 'OU that the guardrails attach to. Default: the account itself.' }),
  production: z.boolean().default(false).meta({ description: 'Turns on termination protection and stricter defaults.' }),
  high_availability: z.boolean().default(false).meta({ description: 'One NAT gateway per AZ instead of one per region.' }),
  regions: z.array(regionDeployment).min(1),
  failover: z.enum(['automatic', 'manual', 'none']).default('manual'),
  disaster_recovery: disasterRecovery,
  data_residency: dataResidency,
  cluster,
  budgets: z
    .strictObject({
      daily: money().optional(),
      monthly: money().optional(),
      per_team: z.record(k8sName, money()).optional().meta({ description: 'Monthly budget per team in this environment. Default: governance budgets.per_team.' }),
    })
    .optional()
    .meta({ description: 'Overrides of the governance budgets for this environment. Default: the governance budgets.' }),
});

const security = z.strictObject({
  authentication: z.strictObject({
    providers: z.array(z.enum(['okta', 'azure-ad', 'aws-iam-identity-center', 'saml', 'oidc'])).min(1),
    mfa_required: z.boolean().default(true),
    sso_role_prefix: z.string().default('AWSReservedSSO_').meta({
      description: 'Prefix of the IAM roles that IAM Identity Center creates for permission sets.',
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
    managed_rule_groups: z.array(z.string()).default([
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
  escalate_to: z.array(z.string()).default([]),
});

const monitoring = z.strictObject({
  metrics: z.strictObject({
    orchestration_latency_p95: durationThreshold().optional(),
    error_rate: percentageThreshold().optional(),
    cost_per_operation: money().optional(),
    compliance_score: percentageThreshold().optional(),
  }).prefault({}),
  critical_alerts: z.record(identifier, alertRoute).default({}),
  dashboards: z.array(z.enum(['executive', 'operations', 'security', 'compliance'])).default([]),
  log_retention: duration().prefault('1 year').meta({ description: 'Retention of operational log groups (audit logs use the governance audit retention).' }),
  target_availability: percentage().optional(),
});

export const workspaceFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
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
