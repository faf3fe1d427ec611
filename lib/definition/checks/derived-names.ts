/**
 * Names the platform derives from the definition (stacks, buckets, vaults,
 * the cluster, budgets, roles, the alert topic) and the longest each AWS
 * service accepts: a name over its limit would pass every schema and then fail
 * the synth or the deployment. The formulas are those of lib/platform/naming.ts
 * and lib/mapping/{cluster,audit,budgets,guardrails}.ts; a test keeps them equal.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import type { CheckContext } from './report';

/** A derived name, its limit and the service that sets it. */
export interface DerivedName {
  readonly what: string;
  readonly name: string;
  readonly max: number;
}

/** The names of one region of an environment that depend on the organization, the environment and the region only. */
export function regionNames(org: string, env: string, account: string, region: string): DerivedName[] {
  return [
    // The longest regional stack layer is "security" (network, cluster and audit are shorter or as long).
    { what: 'a CloudFormation stack name', name: `${org}-${env}-${region}-security`, max: 128 },
    { what: 'an EKS cluster name', name: `${org}-${env}-${region}`, max: 100 },
    { what: 'an S3 bucket name (tenant data)', name: `${org}-${env}-${region}-tenant-data-${account}`, max: 63 },
    { what: 'an S3 bucket name (audit)', name: `${org}-${env}-${region}-audit-${account}`, max: 63 },
    { what: 'an AWS Backup vault name', name: `${org}-${env}-${region}-backup`, max: 50 },
    { what: 'an AWS Backup plan name', name: `${org}-${env}-${region}`, max: 50 },
  ];
}

/** The names of an environment that do not depend on a region. */
export function environmentNames(org: string, env: string): DerivedName[] {
  return [
    { what: 'a CloudFormation stack name', name: `${org}-${env}-guardrails`, max: 128 },
    { what: 'a CloudTrail trail name', name: `${org}-${env}-audit`, max: 128 },
    { what: 'a service control policy name', name: `${org}-${env}-deny-outside-data-residency`, max: 128 },
    { what: 'an IAM policy name (deployment freeze)', name: `${org}-${env}-deployment-freeze`, max: 128 },
  ];
}

/** The stack of one tenant in one region. */
export function tenantStackName(org: string, env: string, region: string, tenant: string): DerivedName {
  return { what: 'a CloudFormation stack name', name: `${org}-${env}-${region}-tenant-${tenant}`, max: 128 };
}

/** The budget and the deployment role of one team in an environment. */
export function teamNames(org: string, env: string, team: string, denyDeployments: boolean): DerivedName[] {
  return [
    { what: 'an AWS Budgets budget name', name: `${org}-${env}-team-${team}-monthly`, max: 100 },
    ...(denyDeployments ? [{ what: 'an IAM role name (team deployer)', name: `oaas-${env}-${team}-deployer`, max: 64 }] : []),
  ];
}

/** The display name of an environment's budget alert topic. */
export function alertTopicDisplayName(displayName: string, env: string): DerivedName {
  return { what: 'an SNS topic display name (budget alerts)', name: `${displayName} ${env} budgets`, max: 100 };
}

const over = (names: readonly DerivedName[]) => names.filter((n) => n.name.length > n.max);

const describe = (n: DerivedName) => `${n.what} of at most ${n.max} characters, got "${n.name}" (${n.name.length})`;

export function checkDerivedNames(files: WorkspaceFiles, { report }: CheckContext): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const { source, data } = workspace;
  const org = data.organization.name;
  const governance = files.governance?.data;
  data.environments.forEach((env, e) => {
    const at: YamlPath = ['environments', e, 'name'];
    const byRegion = env.regions.flatMap((r) => over(regionNames(org, env.name, env.account, r.region)));
    const problems = [...over(environmentNames(org, env.name)), ...byRegion];
    // One report per kind of name, for its longest instance.
    const seen = new Set<string>();
    for (const problem of problems.sort((a, b) => b.name.length - a.name.length)) {
      if (seen.has(problem.what)) continue;
      seen.add(problem.what);
      report(source, at, CODES.nameTooLong, `expected ${describe(problem)}`,
        `The name is made of organization.name ("${org}"), the environment name and the region; shorten the first two.`);
    }
    const topic = alertTopicDisplayName(data.organization.display_name ?? org, env.name);
    if (topic.name.length > topic.max) {
      report(source, data.organization.display_name !== undefined ? ['organization', 'display_name'] : at, CODES.nameTooLong, `expected ${describe(topic)}`,
        'Shorten organization.display_name or the environment name.');
    }
    if (governance) {
      const teams = Object.keys(env.budgets?.per_team ?? governance.budgets.per_team);
      const deny = governance.budgets.automatic_controls.deny_deployments_when_exceeded;
      for (const team of teams) {
        for (const problem of over(teamNames(org, env.name, team, deny))) {
          const [file, where]: [typeof source, YamlPath] = env.budgets?.per_team
            ? [source, ['environments', e, 'budgets', 'per_team', team]]
            : [files.governance.source, ['budgets', 'per_team', team]];
          report(file, where, CODES.nameTooLong, `expected ${describe(problem)} for team "${team}" in environment "${env.name}"`,
            'Shorten the team name, the environment name or organization.name.', { pointAtKey: true });
        }
      }
    }
  });
  for (const { source, data: tenant } of files.tenants) {
    for (const env of data.environments) {
      if (tenant.environments && !tenant.environments.includes(env.name)) continue;
      const regions = env.regions.map((r) => r.region).filter((r) => !tenant.regions || tenant.regions.includes(r));
      const problem = over(regions.map((r) => tenantStackName(org, env.name, r, tenant.tenant_id)))[0];
      if (problem) {
        report(source, ['tenant_id'], CODES.nameTooLong, `expected ${describe(problem)}`,
          `The tenant's stack is named after organization.name ("${org}"), the environment ("${env.name}"), the region and the tenant; shorten the tenant id.`);
        break;
      }
    }
  }
}
