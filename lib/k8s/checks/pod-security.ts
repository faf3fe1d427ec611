/**
 * The restricted Pod Security Standard (as Pod Security Admission enforces it,
 * baseline controls included) and the platform's own hardening, as small pure
 * rules over a workload's pod template. Each rule returns what it found wrong,
 * or nothing.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
import type { KubeObject } from '../manifest';
import { describeObject } from '../manifest';
import type { Json } from './private/json';
import { obj, objs, str, strs } from './private/json';
import type { Violation } from './violation';

/** A pod template and its containers (init and ephemeral ones too). */
export interface PodView {
  readonly spec: Json;
  readonly containers: ReadonlyArray<{ readonly name: string; readonly spec: Json }>;
}

export interface PodRule {
  readonly id: string;
  readonly description: string;
  readonly check: (pod: PodView) => string[];
}

/** Where the pod spec of each workload kind sits. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The pod template of a workload, or undefined for other kinds. */
export function podOf(object: KubeObject): PodView | undefined {
  const path = POD_SPEC_PATHS[object.kind];
  if (!path) return undefined;
  const spec = path.reduce<Json>((node, key) => obj(node[key]), object as unknown as Json);
  const containers = (['containers', 'initContainers', 'ephemeralContainers'] as const)
    .flatMap((field) => objs(spec[field]).map((c) => ({ name: `${field === 'containers' ? '' : `${field}/`}${str(c.name) ?? '?'}`, spec: c })));
  return { spec, containers };
}

const podContext = (pod: PodView) => obj(pod.spec.securityContext);
const context = (c: { spec: Json }) => obj(c.spec.securityContext);
const each = (pod: PodView, test: (c: { name: string; spec: Json }) => string | undefined) =>
  pod.containers.map(test).filter((m): m is string => m !== undefined);

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const SECCOMP_OK = ['RuntimeDefault', 'Localhost'];

/** A quantity as text (`512Mi`, or a number written as text); undefined when absent or not a quantity. */
const quantity = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** The rules of the restricted profile (ids `PSA-*`) and of the platform (ids `OAAS-*`). */
export const POD_RULES: readonly PodRule[] = [
  {
    id: 'PSA-HOST-NAMESPACES',
    description: 'Pods share no host namespace (hostNetwork, hostPID, hostIPC).',
    check: (pod) => (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => pod.spec[f] === true).map((f) => `${f} is true; expected false or unset`),
  },
  {
    id: 'PSA-PRIVILEGED',
    description: 'No container is privileged.',
    check: (pod) => each(pod, (c) => (context(c).privileged === true ? `container ${c.name} is privileged; expected privileged: false` : undefined)),
  },
  {
    id: 'PSA-HOST-PATH',
    description: 'No hostPath volumes; only the volume types restricted allows.',
    check: (pod) => objs(pod.spec.volumes).flatMap((v) => {
      const types = Object.keys(v).filter((k) => k !== 'name');
      return types.filter((t) => !ALLOWED_VOLUMES.includes(t)).map((t) => `volume ${str(v.name) ?? '?'} is of type ${t}; expected one of ${ALLOWED_VOLUMES.join(', ')}`);
    }),
  },
  {
    id: 'PSA-HOST-PORTS',
    description: 'No container binds a host port.',
    check: (pod) => pod.containers.flatMap((c) => objs(c.spec.ports)
      .filter((p) => typeof p.hostPort === 'number' && p.hostPort !== 0)
      .map((p) => `container ${c.name} binds host port ${String(p.hostPort)}; expected none`)),
  },
  {
    id: 'PSA-PROC-MOUNT',
    description: 'Containers keep the default /proc mask.',
    check: (pod) => each(pod, (c) => {
      const mount = str(context(c).procMount);
      return mount !== undefined && mount !== 'Default' ? `container ${c.name} sets procMount ${mount}; expected Default or unset` : undefined;
    }),
  },
  {
    id: 'PSA-SELINUX',
    description: 'No custom SELinux user or role, and only container SELinux types.',
    check: (pod) => [{ name: 'pod', ctx: podContext(pod) }, ...pod.containers.map((c) => ({ name: `container ${c.name}`, ctx: context(c) }))].flatMap(({ name, ctx }) => {
      const se = obj(ctx.seLinuxOptions);
      const problems: string[] = [];
      if (se.user !== undefined || se.role !== undefined) problems.push(`${name} sets an SELinux user or role; expected neither`);
      const type = str(se.type);
      if (type !== undefined && type !== '' && !['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(type)) {
        problems.push(`${name} sets SELinux type ${type}; expected a container type`);
      }
      return problems;
    }),
  },
  {
    id: 'PSA-APPARMOR',
    description: 'No container runs AppArmor-unconfined.',
    check: (pod) => [{ name: 'pod', ctx: podContext(pod) }, ...pod.containers.map((c) => ({ name: `container ${c.name}`, ctx: context(c) }))]
      .filter(({ ctx }) => str(obj(ctx.appArmorProfile).type) === 'Unconfined')
      .map(({ name }) => `${name} is AppArmor Unconfined; expected RuntimeDefault or Localhost`),
  },
  {
    id: 'PSA-SYSCTLS',
    description: 'Only the safe sysctls.',
    check: (pod) => objs(podContext(pod).sysctls).map((s) => str(s.name) ?? '?').filter((n) => !SAFE_SYSCTLS.includes(n)).map((n) => `sysctl ${n} is not in the safe set`),
  },
  {
    id: 'PSA-PRIVILEGE-ESCALATION',
    description: 'Every container sets allowPrivilegeEscalation: false.',
    check: (pod) => each(pod, (c) => (context(c).allowPrivilegeEscalation !== false ? `container ${c.name} does not set allowPrivilegeEscalation: false` : undefined)),
  },
  {
    id: 'PSA-RUN-AS-NON-ROOT',
    description: 'Every container runs as non-root (runAsNonRoot true on the pod or the container, never overridden to false), never as UID 0.',
    check: (pod) => {
      const problems = each(pod, (c) => {
        const own = context(c).runAsNonRoot;
        const nonRoot = own === undefined ? podContext(pod).runAsNonRoot === true : own === true;
        return nonRoot ? undefined : `container ${c.name} does not run with runAsNonRoot: true`;
      });
      if (podContext(pod).runAsUser === 0) problems.push('the pod sets runAsUser: 0');
      problems.push(...each(pod, (c) => (context(c).runAsUser === 0 ? `container ${c.name} sets runAsUser: 0` : undefined)));
      return problems;
    },
  },
  {
    id: 'PSA-SECCOMP',
    description: 'A RuntimeDefault or Localhost seccomp profile on the pod or every container, and none Unconfined.',
    check: (pod) => {
      const podType = str(obj(podContext(pod).seccompProfile).type);
      const problems: string[] = podType !== undefined && !SECCOMP_OK.includes(podType) ? [`the pod sets seccomp profile ${podType}`] : [];
      problems.push(...each(pod, (c) => {
        const type = str(obj(context(c).seccompProfile).type) ?? podType;
        return type !== undefined && SECCOMP_OK.includes(type) ? undefined : `container ${c.name} has seccomp profile ${type ?? 'unset'}; expected RuntimeDefault or Localhost`;
      }));
      return problems;
    },
  },
  {
    id: 'PSA-CAPABILITIES',
    description: 'Every container drops ALL capabilities and adds none but NET_BIND_SERVICE.',
    check: (pod) => pod.containers.flatMap((c) => {
      const caps = obj(context(c).capabilities);
      const problems: string[] = [];
      if (!strs(caps.drop).includes('ALL')) problems.push(`container ${c.name} does not drop ALL capabilities`);
      const added = strs(caps.add).filter((a) => a !== 'NET_BIND_SERVICE');
      if (added.length > 0) problems.push(`container ${c.name} adds capabilities ${added.join(', ')}; only NET_BIND_SERVICE is allowed`);
      return problems;
    }),
  },
  {
    id: 'OAAS-READ-ONLY-ROOT',
    description: 'Every container has a read-only root file system (write to an emptyDir).',
    check: (pod) => each(pod, (c) => (context(c).readOnlyRootFilesystem !== true ? `container ${c.name} does not set readOnlyRootFilesystem: true` : undefined)),
  },
  {
    id: 'OAAS-RESOURCES',
    description: 'Every container requests and limits CPU and memory, with memory limit equal to the request.',
    check: (pod) => pod.containers.flatMap((c) => {
      const resources = obj(c.spec.resources);
      const requests = obj(resources.requests);
      const limits = obj(resources.limits);
      const missing = [['requests', requests], ['limits', limits]].flatMap(([kind, values]) =>
        ['cpu', 'memory'].filter((r) => (values as Json)[r] === undefined).map((r) => `${kind as string}.${r}`));
      const problems = missing.length > 0 ? [`container ${c.name} sets no ${missing.join(', ')}`] : [];
      const request = quantity(requests.memory);
      const limit = quantity(limits.memory);
      if (request !== undefined && limit !== undefined && request !== limit) {
        problems.push(`container ${c.name} requests memory ${request} but limits it to ${limit}; expected equal`);
      }
      return problems;
    }),
  },
  {
    id: 'OAAS-NO-TOKEN',
    description: 'Pods do not mount a Kubernetes API token.',
    check: (pod) => (pod.spec.automountServiceAccountToken !== false ? ['the pod does not set automountServiceAccountToken: false'] : []),
  },
];

/** Every violation of the pod rules by the workloads among `objects`. */
export function checkPodSecurity(objects: readonly KubeObject[]): Violation[] {
  const out: Violation[] = [];
  for (const object of objects) {
    const pod = podOf(object);
    if (!pod) continue;
    if (pod.containers.length === 0) {
      out.push({ rule: 'PSA-CONTAINERS', object: describeObject(object), message: 'the pod template has no containers' });
      continue;
    }
    for (const rule of POD_RULES) {
      for (const message of rule.check(pod)) out.push({ rule: rule.id, object: describeObject(object), message });
    }
  }
  return out;
}
