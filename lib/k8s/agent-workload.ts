/**
 * Everything one agent runs as: its ServiceAccount, a Deployment under the
 * restricted pod security profile, a HorizontalPodAutoscaler, a
 * PodDisruptionBudget, a Service when it listens and its egress policy.
 *
 * cdk8s-plus-28 defaults do not meet the restricted profile (no seccomp
 * profile, capabilities kept) and request 1 CPU / 512Mi unless told, so every
 * security and resource field is set here explicitly. Its Deployment has no
 * API for topology spread constraints or a node selector, and labels pods with
 * a construct-path hash; those three are JSON patches.
 */
import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { AgentModel, ProbeModel } from '../definition/model';
import { AgentEgressPolicy } from './agent-egress-policy';
import { agentLabels, agentSelectorLabels, LABELS, NODE_POOL_LABEL, TENANT_TAINT_KEY } from './labels';

const MIB = 2 ** 20;

/** How strictly an agent's replicas spread across zones. */
export type ZoneSpread = 'DoNotSchedule' | 'ScheduleAnyway';

export interface AgentWorkloadProps {
  readonly agent: AgentModel;
  /** Labels every object carries besides the agent's own (managed-by, tenant). */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Node pool reserved for the agent's tenant. Its pods then select nodes labelled
   * `oaas.io/node-pool=<pool>` and tolerate the pool's taint `oaas.io/tenant=<tenant>:NoSchedule`.
   * @default - any node of the cluster
   */
  readonly dedicatedNodePool?: string;
  /**
   * Whether replicas must spread evenly across zones (`DoNotSchedule`) or only prefer to.
   * @default 'ScheduleAnyway'
   */
  readonly zoneSpread?: ZoneSpread;
  /**
   * Average CPU utilization (percent of the request) the autoscaler keeps.
   * @default 70
   */
  readonly targetCpuUtilization?: number;
  /**
   * UID and GID the container runs as; any non-zero id satisfies the restricted profile.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Size of the writable `/tmp` (an emptyDir; the root file system is read-only).
   * @default Size.mebibytes(256)
   */
  readonly tmpSize?: Size;
}

/** Name of the agent's container. */
export const AGENT_CONTAINER = 'agent';

function probe(model: ProbeModel, port: number): kplus.Probe {
  return kplus.Probe.fromHttpGet(model.path, {
    port,
    initialDelaySeconds: Duration.seconds(model.initialDelaySeconds),
    periodSeconds: Duration.seconds(model.periodSeconds),
  });
}

/** One agent's workload objects. */
export class AgentWorkload extends Construct {
  readonly deployment: kplus.Deployment;
  readonly serviceAccount: kplus.ServiceAccount;
  readonly service?: kplus.Service;

  constructor(scope: Construct, id: string, props: AgentWorkloadProps) {
    super(scope, id);
    const { agent } = props;
    const labels = { ...props.labels, ...agentLabels(agent) };
    const selector = agentSelectorLabels(agent);
    const metadata = { name: agent.name, namespace: agent.namespace, labels };
    const user = props.runAsUser ?? 10001;

    // Named after the agent: the cluster stack's Pod Identity associations bind AWS roles to it.
    // No token is mounted: agents do not call the Kubernetes API (Pod Identity injects its own token).
    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata, automountToken: false });

    const memory = Size.mebibytes(Math.ceil(agent.memoryBytes / MIB));
    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata,
      podMetadata: { labels },
      select: false,
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: false,
      securityContext: {
        ensureNonRoot: true,
        user,
        group: user,
        fsGroup: user,
        fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
      },
      containers: [{
        name: AGENT_CONTAINER,
        image: agent.image,
        // Always: on shared nodes a pod must prove it may pull a private image, not reuse another tenant's cached copy.
        imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
        // `ports` rather than `portNumber`: the latter adds a TCP startup probe nobody asked for.
        ports: [{ number: agent.port, name: 'http', protocol: kplus.Protocol.TCP }],
        resources: {
          cpu: { request: kplus.Cpu.millis(agent.cpuMillis), limit: kplus.Cpu.millis(agent.cpuLimitMillis) },
          memory: { request: memory, limit: memory },
        },
        liveness: probe(agent.livenessProbe, agent.port),
        readiness: probe(agent.readinessProbe, agent.port),
        securityContext: {
          ensureNonRoot: true,
          user,
          group: user,
          privileged: false,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: [kplus.Capability.ALL] },
          seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        },
        volumeMounts: [{
          path: '/tmp',
          volume: kplus.Volume.fromEmptyDir(this, 'Tmp', 'tmp', { sizeLimit: props.tmpSize ?? Size.mebibytes(256) }),
        }],
      }],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: selector }));

    const deployment = ApiObject.of(this.deployment);
    // The construct-path label cdk8s-plus adds to pods would restart them whenever a construct id changes.
    deployment.addJsonPatch(JsonPatch.remove(`/spec/template/metadata/labels/${kplus.Pod.ADDRESS_LABEL.replace(/~/g, '~0').replace(/\//g, '~1')}`));
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
      { maxSkew: 1, topologyKey: LABELS.zone, whenUnsatisfiable: props.zoneSpread ?? 'ScheduleAnyway', labelSelector: { matchLabels: selector }, matchLabelKeys: ['pod-template-hash'] },
      { maxSkew: 1, topologyKey: LABELS.hostname, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector }, matchLabelKeys: ['pod-template-hash'] },
    ]));
    if (props.dedicatedNodePool !== undefined) {
      deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', { [NODE_POOL_LABEL]: props.dedicatedNodePool }));
      this.deployment.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.is(TENANT_TAINT_KEY, agent.tenant, { effect: kplus.TaintEffect.NO_SCHEDULE })));
    }

    new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
      metadata,
      target: this.deployment,
      minReplicas: agent.replicas.min,
      maxReplicas: agent.replicas.max,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(props.targetCpuUtilization ?? 70))],
    });

    // maxUnavailable 1 rather than minAvailable 1: it keeps n − 1 replicas serving at any
    // autoscaled size, and never blocks a node drain of an agent running a single replica
    // (minAvailable 1 would, forever). Unhealthy pods may always be evicted, so a crash-looping
    // agent cannot block drains either.
    new kplus.k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
      metadata,
      spec: {
        maxUnavailable: kplus.k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: selector },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });

    if (agent.listens) {
      this.service = new kplus.Service(this, 'Service', {
        metadata,
        type: kplus.ServiceType.CLUSTER_IP,
        ports: [{ name: 'http', port: agent.port, targetPort: agent.port, protocol: kplus.Protocol.TCP }],
      });
      for (const [key, value] of Object.entries(selector)) this.service.selectLabel(key, value);
    }

    if (agent.egress.length > 0) new AgentEgressPolicy(this, 'Egress', { agent, labels });
  }
}
