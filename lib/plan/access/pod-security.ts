/**
 * Widening or narrowing of pod security: a namespace's Pod Security Admission
 * level, and the security context of a workload's pod template. Each is read
 * as a set of weaknesses (below `restricted`, privilege escalation allowed,
 * a capability added, ...); a weakness the old version did not have widens,
 * one it loses narrows. Everything else about a workload (image, replicas)
 * is not pod security and is left to the other rules.
 */
import type { StatementComparison } from './policy-statements';
import { obj, arr, str } from '../private/json';
import type { Json } from '../private/json';


const LEVELS = ['privileged', 'baseline', 'restricted'] as const;

/** A namespace's weaknesses: each Pod Security Admission level it enforces below (no label: privileged). */
export function namespaceWeaknesses(namespace: unknown): string[] {
  if (namespace === undefined) return [];
  const label = obj(obj(obj(namespace).metadata).labels)['pod-security.kubernetes.io/enforce'];
  const level = LEVELS.indexOf(str(label, 'privileged') as typeof LEVELS[number]);
  const effective = level < 0 ? 0 : level;
  return LEVELS.slice(effective + 1).map((l) => `enforces a level below ${l}`);
}

/** The pod template of a workload kind (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) or a Pod's own spec. */
function podSpec(object: unknown): Json | undefined {
  const o = obj(object);
  const kind = str(o.kind);
  if (kind === 'Pod') return obj(o.spec);
  if (kind === 'CronJob') return obj(obj(obj(obj(obj(o.spec).jobTemplate).spec).template).spec);
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'].includes(kind)) return obj(obj(obj(o.spec).template).spec);
  return undefined;
}

/** True for the kinds whose pod template `workloadWeaknesses` reads. */
export function isWorkloadKind(kind: string): boolean {
  return ['Pod', 'CronJob', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'].includes(kind);
}

/** A workload's weaknesses, per container, as the restricted profile judges them. */
export function workloadWeaknesses(workload: unknown): string[] {
  if (workload === undefined) return [];
  const spec = podSpec(workload);
  if (!spec) return [];
  const out: string[] = [];
  for (const host of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[host] === true) out.push(`pod uses ${host}`);
  const pod = obj(spec.securityContext);
  const containers = [...arr(spec.initContainers), ...arr(spec.containers), ...arr(spec.ephemeralContainers)].map(obj);
  for (const c of containers) {
    const name = `container ${str(c.name, '?')}`;
    const sc = obj(c.securityContext);
    if (sc.privileged === true) out.push(`${name} is privileged`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`${name} may escalate privileges`);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) out.push(`${name} may run as root`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) out.push(`${name} runs as user 0`);
    if (sc.readOnlyRootFilesystem !== true) out.push(`${name} has a writable root filesystem`);
    const seccomp = str(obj(sc.seccompProfile ?? pod.seccompProfile).type, 'Unconfined');
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`${name} has no seccomp profile`);
    const capabilities = obj(sc.capabilities);
    if (!arr(capabilities.drop).map((x) => str(x)).includes('ALL')) out.push(`${name} keeps the default capabilities`);
    for (const cap of arr(capabilities.add).map((x) => str(x))) out.push(`${name} adds capability ${cap}`);
  }
  return [...new Set(out)].sort();
}

/** Compares two sets of weaknesses. */
export function compareWeaknesses(before: readonly string[], after: readonly string[]): StatementComparison {
  const added = after.filter((w) => !before.includes(w));
  const removed = before.filter((w) => !after.includes(w));
  return {
    effect: added.length > 0 ? 'widened' : removed.length > 0 ? 'narrowed' : 'same',
    findings: [...added.map((w) => `now ${w}`), ...removed.map((w) => `no longer ${w}`)],
  };
}
