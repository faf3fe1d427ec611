/**
 * Kubernetes manifests as evidence: rendered in memory by lib/k8s (the same
 * objects `oaas render` writes and the cluster stack applies), or read back
 * from a rendered folder laid out as `<env>/<region>/<tenant>/<namespace>/manifests.yaml`
 * (one document per object) and `<env>/<region>/argocd/*.yaml`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { WorkspaceModel } from '../definition/model';
import { ARGOCD_FOLDER } from '../k8s/gitops-chart';
import { manifestFileName } from '../k8s/manifest';
import { NAMESPACE_MANIFESTS_FILE, renderClusters } from '../k8s/render';
import type { K8sObject, ManifestEvidence } from './evidence';

/** Every object of every cluster of the selected environment(s), with the file it renders to. */
export function renderedManifestEvidence(model: WorkspaceModel, options: { environment?: string } = {}): ManifestEvidence[] {
  const out: ManifestEvidence[] = [];
  const clusters = renderClusters(model, options.environment ? { environments: [options.environment] } : {});
  for (const cluster of clusters) {
    const root = `${cluster.environment}/${cluster.region}`;
    for (const [tenant, objects] of cluster.tenants) {
      for (const object of objects) {
        const namespace = object.kind === 'Namespace' ? object.metadata.name : object.metadata.namespace ?? '';
        out.push({ environment: cluster.environment, region: cluster.region, tenant, path: `${root}/${tenant}/${namespace}/${NAMESPACE_MANIFESTS_FILE}`, object });
      }
    }
    for (const object of cluster.argo) {
      out.push({ environment: cluster.environment, region: cluster.region, path: `${root}/${ARGOCD_FOLDER}/${manifestFileName(object)}`, object });
    }
  }
  return out;
}

/** Reads a rendered manifest folder; kustomization files are skipped. */
export function readManifestFolder(dir: string): ManifestEvidence[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`expected a folder of rendered manifests at ${dir}, found none. Run oaas render first.`);
  const out: ManifestEvidence[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        const relative = path.relative(dir, full).split(path.sep).join('/');
        const [environment, region, tenant] = relative.split('/');
        for (const doc of parseAllDocuments(fs.readFileSync(full, 'utf8'))) {
          const object = doc.toJS() as K8sObject | null;
          if (!object || typeof object !== 'object' || object.kind === 'Kustomization') continue;
          out.push({ environment: environment ?? '', region: region ?? '', ...(tenant && tenant !== ARGOCD_FOLDER && !tenant.endsWith('.yaml') ? { tenant } : {}), path: relative, object });
        }
      }
    }
  };
  walk(dir);
  return out;
}
