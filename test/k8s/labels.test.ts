import { agentLabels, namespaceLabels, podSecurityLabels, tenantObjectLabels } from '../../lib/k8s/labels';
import { exampleModel } from '../helpers/workspace';

const enterprise = exampleModel('enterprise');
const payments = enterprise.tenants.find((t) => t.id === 'payments')!;

test('Pod Security Admission enforces, audits and warns restricted, pinned to the cluster version', () => {
  expect(podSecurityLabels('1.33')).toEqual({
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/enforce-version': 'v1.33',
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/audit-version': 'v1.33',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/warn-version': 'v1.33',
  });
});

test('a namespace carries tenant, team, environment, classification, project and compliance labels', () => {
  expect(namespaceLabels(payments, 'production', '1.33', 'fraud')).toMatchObject({
    'oaas.io/tenant': 'payments',
    'oaas.io/team': 'engineering',
    'oaas.io/environment': 'production',
    'oaas.io/data-classification': 'restricted',
    'oaas.io/project': 'fraud',
    'compliance.oaas.io/sox': 'true',
    'compliance.oaas.io/gdpr': 'true',
    'pod-security.kubernetes.io/enforce': 'restricted',
  });
});

test('a tenant namespace without project has no project label', () => {
  const web = enterprise.tenants.find((t) => t.id === 'web')!;
  expect(namespaceLabels(web, 'staging', '1.33')).not.toHaveProperty(['oaas.io/project']);
});

test('agent objects name the agent, its project and tenant', () => {
  const agent = payments.agents.find((a) => a.name === 'fraud-screener')!;
  expect({ ...tenantObjectLabels(payments), ...agentLabels(agent) }).toEqual({
    'app.kubernetes.io/managed-by': 'oaas',
    'app.kubernetes.io/name': 'fraud-screener',
    'app.kubernetes.io/part-of': 'fraud',
    'app.kubernetes.io/component': 'agent',
    'oaas.io/tenant': 'payments',
    'oaas.io/project': 'fraud',
  });
});
