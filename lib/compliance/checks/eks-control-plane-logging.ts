import type { CheckDefinition } from '../check';
import { fail, pass } from '../check';
import { asArray, cfnRef, eksClusters, getCI } from '../private/cfn';

export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** EKS clusters send every control-plane log type to CloudWatch Logs. */
export const eksControlPlaneLogging: CheckDefinition = {
  id: 'eks-control-plane-logging',
  title: 'EKS control-plane logs are all on',
  description: 'Every EKS cluster sends all five control-plane log types (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs, so Kubernetes API activity is auditable.',
  synthRules: ['oaas-eks-control-plane-logging'],
  run: (evidence) => eksClusters(evidence).map(({ resource, config }) => {
    const enabled = asArray(getCI(config, 'Logging', 'ClusterLogging', 'EnabledTypes')).map((t) => String(getCI(t, 'Type')));
    const missing = CONTROL_PLANE_LOG_TYPES.filter((t) => !enabled.includes(t));
    return missing.length === 0
      ? pass(cfnRef(resource), 'all control-plane log types on')
      : fail(cfnRef(resource), `control-plane log types off: ${missing.join(', ')}`, 'Set `clusterLogging` to every eks.ClusterLoggingTypes value (PlatformCluster does by default).');
  }),
};
