/**
 * What an EC2 instance type needs from its node image, read from its family
 * name alone (no lookup at synth): the validation of node pools and the
 * choice of their AL2023 AMI (lib/mapping/cluster.ts) share this rule.
 */

/** The kind of EKS-optimized AL2023 AMI an instance type runs, or `amd-gpu`, which none supports. */
export type InstanceKind = 'x86' | 'arm' | 'nvidia-x86' | 'nvidia-arm' | 'neuron' | 'amd-gpu';

export function instanceKind(instanceType: string): InstanceKind {
  const family = instanceType.split('.')[0] ?? instanceType;
  const graviton = /^[a-z]+\d+g[a-z]*$/.test(family) || family === 'a1';
  if (/^(inf|trn)\d/.test(family)) return 'neuron';
  if (/^(g|p|gr)\d/.test(family)) {
    if (family === 'g4ad') return 'amd-gpu';
    return graviton ? 'nvidia-arm' : 'nvidia-x86';
  }
  return graviton ? 'arm' : 'x86';
}
