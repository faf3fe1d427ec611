/** The IAM role names the platform creates or reserves. */
import {
  BREAK_GLASS_ROLE_PATTERN, PLATFORM_ROLE_PREFIX, deployerRoleName, governanceRoleName, iamRoleName, tenantGovernanceRoleName, tenantRoleName,
} from '../../lib/conventions/role-names';
import { exampleModel } from '../helpers/workspace';

const enterprise = exampleModel('enterprise');
const production = enterprise.environments.find((e) => e.name === 'production')!;
const dev = exampleModel('starter').environments[0]!;

describe('role names', () => {
  test('tenant governance role names name the tenant and the role, and differ from workload and organization role names', () => {
    expect(tenantGovernanceRoleName(production, 'eu-west-1', 'web', 'agent_developer')).toBe('oaas-production-eu-west-1-web-gov_agent_developer');
    expect(tenantGovernanceRoleName(production, 'eu-west-1', 'web', 'agent_developer')).not.toBe(tenantGovernanceRoleName(production, 'eu-west-1', 'mobile', 'agent_developer'));
    expect(tenantGovernanceRoleName(production, 'eu-west-1', 'web', 'agent_developer')).not.toBe(tenantRoleName(production, 'eu-west-1', 'web'));
    const long = tenantGovernanceRoleName(production, 'ap-southeast-1', 'customer-support', 'tenant_administrator');
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^oaas-production-ap-southeast-1-customer-support-gov_ten-[0-9a-f]{8}$/);
    expect(long).not.toBe(tenantGovernanceRoleName(production, 'ap-southeast-1', 'customer-support', 'technical_lead'));
  });

  test('governance and tenant role names are per environment and region and never collide', () => {
    expect(governanceRoleName(production, 'eu-west-1', 'tenant_administrator')).toBe('oaas-production-eu-west-1-gov_tenant_administrator');
    expect(tenantRoleName(production, 'eu-west-1', 'payments')).toBe('oaas-production-eu-west-1-payments');
    expect(governanceRoleName(production, 'eu-west-1', 'security')).not.toBe(tenantRoleName(production, 'eu-west-1', 'security'));
  });

  test('iamRoleName keeps names up to 64 characters and shortens longer ones deterministically', () => {
    expect(iamRoleName('oaas', 'dev', 'eu-west-1', 'web')).toBe('oaas-dev-eu-west-1-web');
    const long = iamRoleName('oaas', 'production', 'ap-southeast-1', 'gov_a_governance_role_with_a_long_name');
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^oaas-production-ap-southeast-1-gov_a_governance_role_wi-[0-9a-f]{8}$/);
    expect(iamRoleName('oaas', 'production', 'ap-southeast-1', 'gov_a_governance_role_with_a_long_name')).toBe(long);
    expect(iamRoleName('oaas', 'production', 'ap-southeast-1', 'gov_a_governance_role_with_a_long_name2')).not.toBe(long);
  });

  test('deployerRoleName names the environment and the team', () => {
    expect(deployerRoleName(dev, 'data-science')).toBe('oaas-dev-data-science-deployer');
  });

  test('every name the platform generates starts with its prefix and stays outside the break-glass pattern', () => {
    const names = [
      governanceRoleName(production, 'eu-west-1', 'tenant_administrator'), tenantGovernanceRoleName(production, 'eu-west-1', 'web', 'agent_developer'),
      tenantRoleName(production, 'eu-west-1', 'web'), deployerRoleName(production, 'engineering'),
    ];
    for (const name of names) {
      expect(name.startsWith(PLATFORM_ROLE_PREFIX)).toBe(true);
      expect(name.startsWith(BREAK_GLASS_ROLE_PATTERN.replace('*', ''))).toBe(false);
    }
  });

  test.each([
    ['a workload role of an environment named break-glass', () => tenantRoleName({ ...production, name: 'break-glass' }, 'eu-west-1', 'web')],
    ['a deployer role whose environment and team spell break-glass', () => deployerRoleName({ ...dev, name: 'break' }, 'glass-team')],
  ])('refuses %s, which the guardrails would exempt', (_name, make) => {
    expect(make).toThrow(/falls under oaas-break-glass\*, which the guardrails exempt for incident response; rename the environment/);
  });
});
