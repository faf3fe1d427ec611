/**
 * What a plan compares: the synthesized templates and the rendered
 * Kubernetes manifests of one version, either of which may be missing (a
 * saved `cdk.out` holds no manifests, a rendered `dist/k8s` no templates).
 */

export interface PlanTemplate {
  /** Stack name. */
  readonly stack: string;
  readonly template: { readonly Resources?: Readonly<Record<string, unknown>>; readonly [section: string]: unknown };
  /** Logical id → construct path. */
  readonly constructPaths: Readonly<Record<string, string>>;
}

export interface PlanManifest {
  readonly environment: string;
  readonly region: string;
  /** The tenant folder the object was rendered into; undefined for platform objects (Argo CD). */
  readonly tenant?: string;
  /** The rendered file, relative to the manifests folder. */
  readonly path: string;
  readonly object: Readonly<Record<string, unknown>>;
}

export interface VersionOutputs {
  readonly templates?: readonly PlanTemplate[];
  readonly manifests?: readonly PlanManifest[];
}
