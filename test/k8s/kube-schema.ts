/**
 * Schema validation of rendered objects: built-in kinds against the Kubernetes
 * OpenAPI schema (kubernetes-models), Argo CD kinds against their required fields.
 */
import type { KubeObject } from '../../lib/k8s/manifest';
import type { Json } from './helpers';

type Model = new (data: unknown) => { validate(): void };

/** The kubernetes-models class of a built-in kind, e.g. `apps/v1` Deployment → `kubernetes-models/apps/v1/Deployment`. */
export function modelClass(apiVersion: string, kind: string): Model {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, Model>;
  const model = module[kind];
  if (!model) throw new Error(`kubernetes-models has no ${apiVersion} ${kind}`);
  return model;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Problems of an Argo CD ApplicationSet or AppProject against the fields Argo CD requires. */
export function argoProblems(object: Json): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => { if (!ok) problems.push(`${object.kind} ${object.metadata?.name}: ${what}`); };
  need(object.apiVersion === 'argoproj.io/v1alpha1', 'apiVersion argoproj.io/v1alpha1');
  need(isText(object.metadata?.name) && isText(object.metadata?.namespace), 'metadata.name and metadata.namespace');
  const spec = object.spec;
  if (object.kind === 'ApplicationSet') {
    need(Array.isArray(spec?.generators) && spec.generators.length > 0, 'spec.generators (at least one)');
    for (const g of spec?.generators ?? []) {
      need(isText(g.git?.repoURL) && isText(g.git?.revision), 'git generator repoURL and revision');
      need(Array.isArray(g.git?.directories) && g.git.directories.every((d: Json) => isText(d.path)), 'git generator directories with a path');
    }
    const template = spec?.template;
    need(isText(template?.metadata?.name), 'spec.template.metadata.name');
    need(isText(template?.spec?.project), 'spec.template.spec.project');
    need(isText(template?.spec?.source?.repoURL) && isText(template?.spec?.source?.path), 'spec.template.spec.source repoURL and path');
    need(isText(template?.spec?.destination?.server) || isText(template?.spec?.destination?.name), 'spec.template.spec.destination server or name');
  } else if (object.kind === 'AppProject') {
    need(spec !== undefined && typeof spec === 'object', 'spec');
    need(Array.isArray(spec?.sourceRepos) && spec.sourceRepos.every(isText), 'spec.sourceRepos');
    need(Array.isArray(spec?.destinations) && spec.destinations.every((d: Json) => isText(d.server) && isText(d.namespace)), 'spec.destinations with server and namespace');
    for (const list of ['clusterResourceWhitelist', 'namespaceResourceWhitelist']) {
      need((spec?.[list] ?? []).every((k: Json) => typeof k.group === 'string' && isText(k.kind)), `spec.${list} entries with group and kind`);
    }
  } else {
    problems.push(`${object.kind}: not an Argo CD kind this check knows`);
  }
  return problems;
}

/** Problems of any rendered object: kubernetes-models validation or the Argo CD field checks. */
export function schemaProblems(object: KubeObject): string[] {
  if (object.apiVersion.startsWith('argoproj.io/')) return argoProblems(object);
  try {
    new (modelClass(object.apiVersion, object.kind))(object).validate();
    return [];
  } catch (error) {
    return [`${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}: ${(error as Error).message}`];
  }
}
