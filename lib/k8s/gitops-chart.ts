/**
 * Argo CD objects of one cluster: an ApplicationSet whose git generator finds
 * the rendered namespace folders (`<path>/<env>/<region>/<tenant>/<namespace>`)
 * and makes one Application per namespace in its tenant's project, and one
 * AppProject per tenant that may only deploy to that tenant's namespaces on
 * this cluster and may only create those Namespace objects cluster-wide. A
 * tenant's sync can therefore never touch another tenant's namespace.
 *
 * One Application per namespace (rather than per tenant) lets each
 * Application's destination be a namespace its project permits, also for
 * tenants with a namespace per project. A new tenant folder is picked up by
 * the generator without changing the ApplicationSet.
 */
import type { ChartProps } from 'cdk8s';
import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { LABELS, MANAGED_BY } from './labels';

/** Where Argo CD reads the rendered manifests. */
export interface GitOpsOptions {
  /**
   * Git repository holding the rendered manifests.
   * @default 'https://git.example.com/platform/oaas-manifests.git' (a placeholder: set it)
   */
  readonly repoUrl?: string;
  /**
   * Branch, tag or commit Argo CD follows.
   * @default 'main'
   */
  readonly revision?: string;
  /**
   * Folder of the render output inside the repository.
   * @default 'dist/k8s'
   */
  readonly path?: string;
  /**
   * Namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly argoNamespace?: string;
}

export const GITOPS_DEFAULTS: Required<GitOpsOptions> = {
  repoUrl: 'https://git.example.com/platform/oaas-manifests.git',
  revision: 'main',
  path: 'dist/k8s',
  argoNamespace: 'argocd',
};

/** The API server of the cluster Argo CD runs in. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Name of the ApplicationSet of every cluster. */
export const APPLICATION_SET_NAME = 'oaas-tenants';

/** Folder of a cluster's Argo CD objects, next to the tenant folders. Reserved: no tenant may be called so. */
export const ARGOCD_FOLDER = 'argocd';

/** Namespaced kinds a tenant's Applications may sync: exactly what the tenant charts render. */
export const TENANT_NAMESPACED_KINDS: ReadonlyArray<{ group: string; kind: string }> = [
  { group: '', kind: 'LimitRange' },
  { group: '', kind: 'ResourceQuota' },
  { group: '', kind: 'Service' },
  { group: '', kind: 'ServiceAccount' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
];

/** A tenant as its AppProject sees it. */
export interface GitOpsTenant {
  readonly id: string;
  readonly displayName: string;
  readonly namespaces: readonly string[];
}

export interface GitOpsChartProps extends ChartProps {
  readonly environment: string;
  readonly region: string;
  /** Tenants running on this cluster, in any order. */
  readonly tenants: readonly GitOpsTenant[];
  /** Repository, revision and paths. @default GITOPS_DEFAULTS */
  readonly gitops?: GitOpsOptions;
}

/** The ApplicationSet and AppProjects of one cluster. */
export class GitOpsChart extends Chart {
  constructor(scope: Construct, id: string, props: GitOpsChartProps) {
    super(scope, id, props);
    const options = { ...GITOPS_DEFAULTS, ...props.gitops };
    const base = options.path.replace(/^\.?\/+|\/+$/g, '');
    const clusterPath = `${base}/${props.environment}/${props.region}`;
    // Position of the tenant folder in the generator's path segments: <base...>/<env>/<region>/<tenant>/<namespace>.
    const tenantSegment = base.split('/').length + 2;
    const tenant = `{{ index .path.segments ${tenantSegment} }}`;
    const labels = { [LABELS.managedBy]: MANAGED_BY, [LABELS.environment]: props.environment };

    new ApiObject(this, 'ApplicationSet', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: APPLICATION_SET_NAME, namespace: options.argoNamespace, labels },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{
          git: {
            repoURL: options.repoUrl,
            revision: options.revision,
            directories: [{ path: `${clusterPath}/*/*` }],
          },
        }],
        // Removing a tenant folder deletes its Applications but keeps what they deployed:
        // namespaces are deleted on purpose, never by a bad commit.
        syncPolicy: { preserveResourcesOnDeletion: true },
        template: {
          metadata: {
            name: '{{ .path.basename }}',
            labels: { ...labels, [LABELS.tenant]: tenant },
          },
          spec: {
            project: tenant,
            source: { repoURL: options.repoUrl, targetRevision: options.revision, path: '{{ .path.path }}' },
            destination: { server: IN_CLUSTER, namespace: '{{ .path.basename }}' },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              syncOptions: ['ServerSideApply=true', 'PruneLast=true'],
            },
          },
        },
      },
    });

    for (const t of [...props.tenants].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const namespaces = [...t.namespaces].sort();
      new ApiObject(this, `AppProject-${t.id}`, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: {
          name: t.id,
          namespace: options.argoNamespace,
          labels: { ...labels, [LABELS.tenant]: t.id },
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          description: `${t.displayName}: namespaces ${namespaces.join(', ')}`,
          sourceRepos: [options.repoUrl],
          destinations: namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
          // Namespace is the only cluster-scoped kind, and only the tenant's own (by name).
          clusterResourceWhitelist: namespaces.map((name) => ({ group: '', kind: 'Namespace', name })),
          namespaceResourceWhitelist: TENANT_NAMESPACED_KINDS.map((k) => ({ ...k })),
        },
      });
    }
  }
}
