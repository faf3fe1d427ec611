import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { asArray, flatten, get, isObject } from '../private/cfn';
import { containersOf, k8sRef, manifestsOfKind, podSpecOf, WORKLOAD_KINDS } from '../private/k8s';

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const FIX = 'Set runAsNonRoot: true, seccompProfile RuntimeDefault, allowPrivilegeEscalation: false and capabilities.drop: [ALL] on every container; no host namespaces, hostPath or host ports.';

/** What breaks the restricted Pod Security Standard in one pod spec. */
export function restrictedViolations(pod: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (pod[key] === true) problems.push(`${key}: true`);
  for (const v of asArray(pod.volumes).filter(isObject)) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type && !ALLOWED_VOLUMES.includes(type)) problems.push(`volume ${String(v.name)} of type ${type}`);
  }
  const podSc = isObject(pod.securityContext) ? pod.securityContext : {};
  for (const c of containersOf(pod)) {
    const name = String(c.name);
    const sc = isObject(c.securityContext) ? c.securityContext : {};
    if (sc.privileged === true) problems.push(`${name}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${name}: allowPrivilegeEscalation not false`);
    const drop = asArray(get(sc, 'capabilities', 'drop')).map(String);
    if (!drop.includes('ALL')) problems.push(`${name}: capabilities not dropped (ALL)`);
    const added = asArray(get(sc, 'capabilities', 'add')).map(String).filter((a) => a !== 'NET_BIND_SERVICE');
    if (added.length > 0) problems.push(`${name}: adds capabilities ${added.join(', ')}`);
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push(`${name}: runAsNonRoot not true`);
    if ((sc.runAsUser ?? podSc.runAsUser) === 0) problems.push(`${name}: runAsUser 0`);
    const seccomp = get(sc, 'seccompProfile', 'type') ?? get(podSc, 'seccompProfile', 'type');
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${name}: seccompProfile ${seccomp === undefined ? 'unset' : flatten(seccomp)}`);
    if (asArray(c.ports).some((p) => Number(get(p, 'hostPort') ?? 0) !== 0)) problems.push(`${name}: host port`);
  }
  return problems;
}

/** Every workload meets the restricted Pod Security Standard. */
export const k8sWorkloadRestricted: CheckDefinition = {
  id: 'k8s-workload-restricted',
  title: 'Workloads run with a restricted security context',
  description: 'Every rendered workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) meets the restricted Pod Security Standard: non-root, RuntimeDefault seccomp, no privilege escalation, all capabilities dropped, no host namespaces, host paths or host ports.',
  run: (evidence) => manifestsOfKind(evidence, ...WORKLOAD_KINDS).map((m) => {
    const pod = podSpecOf(m.object);
    if (!pod) return fail(k8sRef(m), 'no pod template', FIX);
    const problems = restrictedViolations(pod);
    return problems.length === 0 ? pass(k8sRef(m), `${containersOf(pod).length} container(s) restricted`) : fail(k8sRef(m), problems.join('; '), FIX);
  }),
};
