import { k8sWorkloadRestricted } from '../../../lib/compliance/checks/k8s-workload-restricted';
import { evidence, failing, manifest, run } from '../helpers';
import { deployment, RESTRICTED_CONTAINER } from './k8s-fixtures';

describe('k8s-workload-restricted', () => {
  test('passes a restricted deployment and a CronJob with pod-level settings', () => {
    const cron = manifest({
      kind: 'CronJob', metadata: { name: 'nightly', namespace: 'payments' },
      spec: { jobTemplate: { spec: { template: { spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'job', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      } } } } },
    });
    const result = run(k8sWorkloadRestricted, evidence([], [deployment('payments', { containers: [RESTRICTED_CONTAINER], volumes: [{ name: 'tmp', emptyDir: {} }] }), cron]));
    expect(result.status).toBe('pass');
  });

  test('fails root, privilege escalation, added capabilities, host namespaces and hostPath, naming each', () => {
    const result = run(k8sWorkloadRestricted, evidence([], [deployment('payments', {
      hostNetwork: true,
      volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }],
      initContainers: [{ name: 'init', securityContext: { ...RESTRICTED_CONTAINER.securityContext, runAsUser: 0 } }],
      containers: [{ name: 'agent', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }],
    })]));
    expect(failing(result)).toEqual(['agent']);
    const message = result.findings[0]!.message;
    for (const part of ['hostNetwork: true', 'volume docker of type hostPath', 'init: runAsUser 0', 'agent: privileged', 'agent: allowPrivilegeEscalation not false',
      'agent: capabilities not dropped (ALL)', 'agent: adds capabilities SYS_ADMIN', 'agent: runAsNonRoot not true', 'agent: seccompProfile unset']) {
      expect(message).toContain(part);
    }
  });
});
