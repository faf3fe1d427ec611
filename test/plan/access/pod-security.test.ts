/** Pod security read as weaknesses: the namespace's admission level and the pod template's security context. */
import { compareWeaknesses, namespaceWeaknesses, workloadWeaknesses } from '../../../lib/plan/access/pod-security';

const namespace = (level?: string) => ({ kind: 'Namespace', metadata: { name: 'web', labels: level ? { 'pod-security.kubernetes.io/enforce': level } : {} } });
const RESTRICTED = {
  allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
};
const deployment = (securityContext: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  kind: 'Deployment', metadata: { name: 'reviewer' },
  spec: { template: { spec: { ...spec, containers: [{ name: 'agent', image: 'ghcr.io/x/reviewer:1.0.0', securityContext }] } } },
});

describe('pod security', () => {
  test('a namespace weakens with each admission level below restricted, and without a label', () => {
    expect(namespaceWeaknesses(namespace('restricted'))).toEqual([]);
    expect(namespaceWeaknesses(namespace('baseline'))).toEqual(['enforces a level below restricted']);
    expect(namespaceWeaknesses(namespace())).toEqual(['enforces a level below baseline', 'enforces a level below restricted']);
    expect(compareWeaknesses(namespaceWeaknesses(namespace('restricted')), namespaceWeaknesses(namespace('baseline'))).effect).toBe('widened');
    expect(compareWeaknesses(namespaceWeaknesses(namespace('baseline')), namespaceWeaknesses(namespace('restricted'))).effect).toBe('narrowed');
  });

  test('a restricted workload has no weakness; each relaxation is one', () => {
    expect(workloadWeaknesses(deployment(RESTRICTED))).toEqual([]);
    expect(workloadWeaknesses(deployment({ ...RESTRICTED, allowPrivilegeEscalation: true }))).toEqual(['container agent may escalate privileges']);
    expect(workloadWeaknesses(deployment({ ...RESTRICTED, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } }))).toEqual(['container agent adds capability NET_ADMIN']);
    expect(workloadWeaknesses(deployment(RESTRICTED, { hostNetwork: true }))).toEqual(['pod uses hostNetwork']);
    expect(workloadWeaknesses(deployment({ ...RESTRICTED, runAsNonRoot: undefined }, { securityContext: { runAsNonRoot: true } }))).toEqual([]);
  });

  test('an image change is not pod security', () => {
    const before = deployment(RESTRICTED);
    const after = JSON.parse(JSON.stringify(before)) as typeof before;
    after.spec.template.spec.containers[0]!.image = 'ghcr.io/x/reviewer:2.0.0';
    expect(compareWeaknesses(workloadWeaknesses(before), workloadWeaknesses(after)).effect).toBe('same');
  });

  test('other kinds have no pod template', () => {
    expect(workloadWeaknesses({ kind: 'ConfigMap' })).toEqual([]);
  });
});
