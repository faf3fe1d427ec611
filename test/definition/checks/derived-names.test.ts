/**
 * The names the definition checks against service limits
 * (lib/definition/checks/derived-names.ts) are the names the platform
 * derives: compared here with the functions the stacks and mappings use, for
 * every environment, region, tenant and team of the enterprise example.
 */
import {
  alertTopicDisplayName, environmentNames, regionNames, teamNames, tenantStackName,
} from '../../../lib/definition/checks/derived-names';
import { auditBucketName, auditPlan, backupVaultName, trailName } from '../../../lib/mapping/audit';
import { budgetName, budgetPlan } from '../../../lib/mapping/budgets';
import { deployerRoleName } from '../../../lib/conventions/role-names';
import { clusterName, tenantDataBucketName } from '../../../lib/mapping/cluster';
import { scpName } from '../../../lib/mapping/guardrails';
import * as naming from '../../../lib/conventions/naming';
import { exampleModel } from '../../helpers/workspace';

const model = exampleModel('enterprise');
const org = model.organization;

describe.each(model.environments.map((env) => [env.name, env] as const))('environment %s', (_name, env) => {
  test.each(env.regions.map((r) => [r.region, r] as const))('the names of region %s', (_region, region) => {
    const names = regionNames(org.name, env.name, env.account, region.region).map((n) => n.name);
    expect(names).toEqual([
      naming.regionalStackName(org, env, region.region, 'security'),
      clusterName(org, env, region.region),
      tenantDataBucketName(org, env, region.region),
      auditBucketName(org, env, region.region),
      backupVaultName(org, env, region.region),
      auditPlan(model, env, region).backup.backupPlanName,
    ]);
    // "security" is the longest regional layer.
    for (const layer of ['network', 'cluster', 'audit'] as const) expect(naming.regionalStackName(org, env, region.region, layer).length).toBeLessThanOrEqual(names[0]!.length);
    for (const tenant of env.tenants) {
      expect(tenantStackName(org.name, env.name, region.region, tenant.id).name).toBe(naming.tenantStackName(org, env, region.region, tenant.id));
    }
  });

  test('the names of the environment, its teams and its alert topic', () => {
    const plan = budgetPlan(model, env);
    expect(environmentNames(org.name, env.name).map((n) => n.name)).toEqual([
      naming.environmentStackName(org, env, 'guardrails'),
      trailName(org, env),
      scpName(org, env, 'deny-outside-data-residency'),
      `${org.name}-${env.name}-deployment-freeze`,
    ]);
    if (plan.freezePolicyName) expect(environmentNames(org.name, env.name)[3]!.name).toBe(plan.freezePolicyName);
    expect(naming.environmentStackName(org, env, 'budgets').length).toBeLessThanOrEqual(naming.environmentStackName(org, env, 'guardrails').length);
    for (const team of Object.keys(env.budgets.perTeamCents)) {
      expect(teamNames(org.name, env.name, team, true).map((n) => n.name)).toEqual([budgetName(org, env, `team-${team}-monthly`), deployerRoleName(env, team)]);
    }
    expect(alertTopicDisplayName(org.displayName, env.name).name).toBe(plan.topic.displayName);
  });
});
