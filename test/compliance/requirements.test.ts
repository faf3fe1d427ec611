import { requirementsFor } from '../../lib/compliance/requirements';
import { exampleModel } from '../helpers/workspace';

describe('requirementsFor', () => {
  const enterprise = requirementsFor(exampleModel('enterprise'));

  test('turns the definition into the values the checks compare against', () => {
    expect(enterprise.auditRetentionDays).toBe(2555);
    expect(enterprise.logRetentionDays).toBe(365);
    expect(enterprise.securityHubStandards).toEqual(['aws-foundational-security-best-practices', 'nist-800-53', 'cis-aws-foundations-benchmark/v/3.0.0']);
    const production = enterprise.environments.find((e) => e.name === 'production')!;
    expect(production).toMatchObject({ account: '300000000000', organizationalUnit: 'ou-acme-production1', rpoSeconds: 3600 });
    expect(production.residency).toEqual({ mode: 'enforced', allowedRegions: ['ap-southeast-1', 'eu-west-1', 'us-east-1'] });
    expect(production.regions).toContainEqual({ region: 'eu-west-1', drRegion: 'us-east-1' });
  });

  test('secret readers are the tenant-scoped groups of roles whose permissions grant secrets', () => {
    const payments = enterprise.tenants.find((t) => t.id === 'payments')!;
    expect(payments.secretReaderGroups).toEqual(expect.arrayContaining(['oaas:payments:security_manager', 'oaas:payments:tenant_administrator']));
    expect(payments.secretReaderGroups.some((g) => /agent_developer|agent_operator/.test(g))).toBe(false);
  });

  test('admin permission sets are those of roles holding system_admin', () => {
    expect(enterprise.adminPermissionSets).toEqual(['EnterpriseAdmin', 'InfrastructureManager', 'SystemAdmin']);
  });

  test('one environment only, with its tenants\' namespaces on each region they run in', () => {
    const starter = requirementsFor(exampleModel('starter'), { environment: 'dev' });
    expect(starter.environments.map((e) => e.name)).toEqual(['dev']);
    expect(starter.environments[0]!.namespaces).toEqual([
      { tenant: 'data', namespace: 'data', regions: ['eu-west-1'] },
      { tenant: 'web', namespace: 'web', regions: ['eu-west-1'] },
    ]);
  });
});
