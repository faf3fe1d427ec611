import { eksControlPlaneLogging } from '../../../lib/compliance/checks/eks-control-plane-logging';
import { evidence, failing, run, stack } from '../helpers';

const cluster = (types: string[]) => ({ Type: 'AWS::EKS::Cluster', Properties: { Logging: { ClusterLogging: { EnabledTypes: types.map((Type) => ({ Type })) } } } });

describe('eks-control-plane-logging', () => {
  test('passes a cluster with every control-plane log type', () => {
    expect(run(eksControlPlaneLogging, evidence([stack('c', { Cluster: cluster(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']) })])).status).toBe('pass');
  });

  test('fails a cluster that logs only the API and audit', () => {
    const result = run(eksControlPlaneLogging, evidence([stack('c', { Cluster: cluster(['api', 'audit']) })]));
    expect(failing(result)).toEqual(['Cluster']);
    expect(result.findings[0]!.message).toBe('control-plane log types off: authenticator, controllerManager, scheduler');
  });
});
