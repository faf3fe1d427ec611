import { Size, Testing } from 'cdk8s';
import type { AgentModel } from '../../lib/definition/model';
import type { AgentWorkloadProps } from '../../lib/k8s/agent-workload';
import { AgentWorkload } from '../../lib/k8s/agent-workload';
import { checkPodSecurity } from '../../lib/k8s/checks';
import type { KubeObject } from '../../lib/k8s/manifest';
import { exampleModel } from '../helpers/workspace';
import { find } from './helpers';

const enterprise = exampleModel('enterprise');
const cartValidator = enterprise.tenants.find((t) => t.id === 'payments')!.agents.find((a) => a.name === 'cart-validator')!;

function synth(agent: AgentModel, props: Partial<AgentWorkloadProps> = {}): KubeObject[] {
  const chart = Testing.chart();
  new AgentWorkload(chart, 'agent', { agent, labels: { 'app.kubernetes.io/managed-by': 'oaas' }, ...props });
  return Testing.synth(chart) as KubeObject[];
}

const objects = synth(cartValidator);
const ns = 'payments-checkout';
const deployment = find(objects, 'Deployment', 'cart-validator', ns);
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

test('renders a ServiceAccount, Deployment, autoscaler, disruption budget, Service and egress policy', () => {
  expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
    'Deployment/cart-validator', 'HorizontalPodAutoscaler/cart-validator', 'NetworkPolicy/cart-validator-egress',
    'PodDisruptionBudget/cart-validator', 'Service/cart-validator', 'ServiceAccount/cart-validator',
  ]);
  expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(new Set([ns]));
});

test('the Deployment runs the pinned image with its own ServiceAccount and no API token', () => {
  expect(container.image).toBe('registry.acme.example/agents/cart-validator:1.4.2');
  expect(pod.serviceAccountName).toBe('cart-validator');
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(find(objects, 'ServiceAccount', 'cart-validator', ns).automountServiceAccountToken).toBe(false);
});

test('the Deployment leaves replicas to the autoscaler and selects its pods by agent name', () => {
  expect(deployment.spec.replicas).toBeUndefined();
  expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'cart-validator' } });
  expect(deployment.spec.template.metadata.labels).toEqual({
    'app.kubernetes.io/managed-by': 'oaas', 'app.kubernetes.io/name': 'cart-validator', 'app.kubernetes.io/part-of': 'checkout',
    'app.kubernetes.io/component': 'agent', 'oaas.io/tenant': 'payments', 'oaas.io/project': 'checkout',
  });
});

test('resources: the CPU request and limit, memory request equal to the limit', () => {
  expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
});

test('liveness and readiness are HTTP probes on the agent port, with no default startup probe', () => {
  expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10 });
  expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10 });
  expect(container.startupProbe).toBeUndefined();
  expect(container.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
});

test('the container runs under the restricted profile with a read-only root and a writable /tmp', () => {
  expect(container.securityContext).toEqual({
    allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true,
    runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
  expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
  expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
  expect(checkPodSecurity(objects)).toEqual([]);
});

test('replicas spread across zones (and hosts), counted per rollout revision', () => {
  expect(pod.topologySpreadConstraints).toEqual([
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'cart-validator' } }, matchLabelKeys: ['pod-template-hash'] },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'cart-validator' } }, matchLabelKeys: ['pod-template-hash'] },
  ]);
  const strict = find(synth(cartValidator, { zoneSpread: 'DoNotSchedule' }), 'Deployment', 'cart-validator', ns);
  expect(strict.spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable).toBe('DoNotSchedule');
});

test('without a dedicated pool, pods go anywhere and tolerate no taint', () => {
  expect(pod.nodeSelector).toBeUndefined();
  expect(pod.tolerations).toBeUndefined();
});

test('a dedicated node pool adds its node selector and the tenant toleration', () => {
  const pinned = find(synth(cartValidator, { dedicatedNodePool: 'gpu' }), 'Deployment', 'cart-validator', ns).spec.template.spec;
  expect(pinned.nodeSelector).toEqual({ 'oaas.io/node-pool': 'gpu' });
  expect(pinned.tolerations).toEqual([{ key: 'oaas.io/tenant', operator: 'Equal', value: 'payments', effect: 'NoSchedule' }]);
});

test('the autoscaler keeps the replicas within the agent\'s bounds', () => {
  const fraud = enterprise.tenants.find((t) => t.id === 'payments')!.agents.find((a) => a.name === 'fraud-screener')!;
  const hpa = find(synth(fraud), 'HorizontalPodAutoscaler', 'fraud-screener', 'payments-fraud');
  expect(hpa.spec).toMatchObject({
    minReplicas: 3, maxReplicas: 8,
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'fraud-screener' },
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  });
});

test.each([1, 2, 3])('with min replicas %i the disruption budget allows one pod down and never blocks a drain', (min) => {
  const pdb = find(synth({ ...cartValidator, replicas: { min, max: Math.max(min, 4) } }), 'PodDisruptionBudget', 'cart-validator', ns);
  expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'cart-validator' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  expect(pdb.spec.minAvailable).toBeUndefined();
});

test('the Service exposes the agent port by name to the agent\'s pods', () => {
  expect(find(objects, 'Service', 'cart-validator', ns).spec).toMatchObject({
    type: 'ClusterIP',
    ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    selector: { 'app.kubernetes.io/name': 'cart-validator' },
  });
});

test('an agent that does not listen gets no Service; one without egress no egress policy', () => {
  const quiet = synth({ ...cartValidator, listens: false, egress: [] });
  expect(quiet.map((o) => o.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount']);
});

test('the egress policy opens a CIDR endpoint as an ipBlock and a namespace endpoint by namespace name and pod labels', () => {
  const policy = find(objects, 'NetworkPolicy', 'cart-validator-egress', ns);
  expect(policy.spec).toEqual({
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cart-validator' } },
    policyTypes: ['Egress'],
    egress: [
      { ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '10.20.0.0/14' } }] },
      {
        ports: [{ port: 8080, protocol: 'TCP' }],
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'platform' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'workflow-router' } } }],
      },
    ],
  });
});

test('an endpoint with several CIDRs and ports gets a rule per CIDR with every port', () => {
  const agent: AgentModel = { ...cartValidator, egress: [{ name: 'partners', kind: 'cidr', cidrs: ['192.0.2.0/24', '198.51.100.0/24'], ports: [443, 8443] }] };
  const policy = find(synth(agent), 'NetworkPolicy', 'cart-validator-egress', ns);
  const ports = [{ port: 443, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }];
  expect(policy.spec.egress).toEqual([{ ports, to: [{ ipBlock: { cidr: '192.0.2.0/24' } }] }, { ports, to: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }]);
});

test('memory that is not whole MiB is rounded up, request still equal to limit', () => {
  const odd = find(synth({ ...cartValidator, memoryBytes: 100e6 }), 'Deployment', 'cart-validator', ns);
  expect(odd.spec.template.spec.containers[0].resources).toMatchObject({ requests: { memory: '96Mi' }, limits: { memory: '96Mi' } });
});

test('the tmp size and user are props', () => {
  const custom = find(synth(cartValidator, { tmpSize: Size.gibibytes(1), runAsUser: 65532 }), 'Deployment', 'cart-validator', ns).spec.template.spec;
  expect(custom.volumes[0].emptyDir.sizeLimit).toBe('1024Mi');
  expect(custom.containers[0].securityContext.runAsUser).toBe(65532);
});
