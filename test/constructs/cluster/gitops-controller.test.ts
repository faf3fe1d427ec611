import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ARGO_HELM_REPOSITORY, GitOpsController, RESTRICTED_CONTAINER_SECURITY_CONTEXT } from '../../../constructs/cluster/gitops-controller';
import type { GitOpsControllerProps } from '../../../constructs/cluster/gitops-controller';
import { nagFindings } from '../../helpers/nag';
import { clusterFixture } from './fixture';

function build(props: Partial<Omit<GitOpsControllerProps, 'cluster'>> = {}) {
  const fixture = clusterFixture();
  const gitOps = new GitOpsController(fixture.stack, 'GitOps', { cluster: fixture.cluster, version: '9.2.2', ...props });
  return { ...fixture, gitOps, template: Template.fromStack(fixture.stack) };
}

/** The parsed `Values` of the only Helm chart of a template. */
function chartValues(template: Template): Record<string, Record<string, unknown>> {
  const charts = Object.values(template.findResources('Custom::AWSCDK-EKS-HelmChart'));
  expect(charts).toHaveLength(1);
  return JSON.parse(charts[0]!.Properties.Values as string) as Record<string, Record<string, unknown>>;
}

describe('GitOpsController', () => {
  const { template, stack, gitOps } = build();
  const values = chartValues(template);

  test('installs the argo-cd chart from the Argo Helm repository at the pinned version into argocd', () => {
    template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Repository: ARGO_HELM_REPOSITORY,
      Chart: 'argo-cd',
      Version: '9.2.2',
      Release: 'argocd',
      Namespace: 'argocd',
      CreateNamespace: Match.absent(),
      Wait: true,
    });
    expect(ARGO_HELM_REPOSITORY).toBe('https://argoproj.github.io/argo-helm');
  });

  test('creates the namespace first, enforcing the restricted pod security standard', () => {
    const namespaces = template.findResources('Custom::AWSCDK-EKS-KubernetesResource', {});
    const namespace = Object.entries(namespaces).find(([, r]) => JSON.stringify(r.Properties.Manifest).includes('"kind\\":\\"Namespace'));
    expect(namespace).toBeDefined();
    const manifest = JSON.parse(namespace![1].Properties.Manifest as string) as Array<{ metadata: { name: string; labels: Record<string, string> } }>;
    expect(manifest[0]!.metadata.name).toBe('argocd');
    expect(manifest[0]!.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    const chart = template.toJSON().Resources[stack.getLogicalId(gitOps.chart.node.findChild('Resource').node.defaultChild as CfnElement)];
    expect(chart.DependsOn).toContain(namespace![0]);
  });

  test('does not expose the Argo CD server: ClusterIP service, no ingress', () => {
    expect(values.server).toMatchObject({ service: { type: 'ClusterIP' }, ingress: { enabled: false } });
  });

  test.each(['controller', 'server', 'repoServer', 'applicationSet', 'notifications', 'dex', 'redis', 'redisSecretInit'])(
    'runs %s with a restricted container security context', (component) => {
      expect(values[component]).toMatchObject({ containerSecurityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT });
    });

  test('runs every pod as non-root with the runtime default seccomp profile', () => {
    expect(values.global).toEqual({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } });
    expect(RESTRICTED_CONTAINER_SECURITY_CONTEXT).toEqual({
      runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('uses the namespace and release given', () => {
    build({ namespace: 'gitops', release: 'platform-argocd' }).template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', { Namespace: 'gitops', Release: 'platform-argocd' });
  });

  test.each(['latest', '9.x', '>=9.0.0', ''])('refuses the unpinned chart version "%s"', (version) => {
    expect(() => build({ version })).toThrow(/pinned chart version like "9.2.2"/);
  });

  test('leaves no unacknowledged cdk-nag errors', () => {
    const fixture = clusterFixture();
    const controller = new GitOpsController(fixture.stack, 'GitOps', { cluster: fixture.cluster, version: '9.2.2' });
    expect(nagFindings(fixture.app, { scope: controller })).toEqual([]);
  });
});
