/** Node pools: AMI types from instance families, and the props of one managed node group. */
import { Size, aws_ec2 as ec2, aws_eks_v2 as eks } from 'aws-cdk-lib';
import { instanceKind } from '../../definition/instance-types';
import type { EnvironmentModel, NodePoolModel, TaintModel } from '../../definition/model';
import type { ManagedNodePoolProps } from '../../../constructs/cluster/managed-node-pool';
import { NODE_POOL_LABEL, TENANT_NODE_KEY } from './names';

type AmiKind = 'x86' | 'arm' | 'nvidia-x86' | 'nvidia-arm' | 'neuron';

const AMI_TYPES: Readonly<Record<AmiKind, eks.NodegroupAmiType>> = {
  'x86': eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
  'arm': eks.NodegroupAmiType.AL2023_ARM_64_STANDARD,
  'nvidia-x86': eks.NodegroupAmiType.AL2023_X86_64_NVIDIA,
  'nvidia-arm': eks.NodegroupAmiType.AL2023_ARM_64_NVIDIA,
  'neuron': eks.NodegroupAmiType.AL2023_X86_64_NEURON,
};

function amiKind(instanceType: string): AmiKind {
  const kind = instanceKind(instanceType);
  if (kind === 'amd-gpu') throw new Error(`amiTypeFor: ${instanceType} has AMD GPUs, which no EKS-optimized AL2023 AMI supports; use an NVIDIA family (g5, g6, p5…)`);
  return kind;
}

/** The AL2023 AMI type of a pool's instance types (standard, ARM, NVIDIA or Neuron). */
export function amiTypeFor(instanceTypes: readonly string[]): eks.NodegroupAmiType {
  const kinds = [...new Set(instanceTypes.map(amiKind))];
  if (kinds.length !== 1) {
    throw new Error(`amiTypeFor: expected instance types that share one AMI type, got ${instanceTypes.join(', ')} (${kinds.join(', ')}); split them into pools`);
  }
  return AMI_TYPES[kinds[0]!];
}

const TAINT_EFFECTS: Readonly<Record<TaintModel['effect'], eks.TaintEffect>> = {
  NoSchedule: eks.TaintEffect.NO_SCHEDULE,
  PreferNoSchedule: eks.TaintEffect.PREFER_NO_SCHEDULE,
  NoExecute: eks.TaintEffect.NO_EXECUTE,
};

/**
 * Props of one node pool. Its nodes carry `NODE_POOL_LABEL=<pool name>`, the
 * label the charts' node selectors of dedicated pools use. A pool a tenant
 * reserves (`isolation.dedicated_node_pool`) also gets the `oaas.io/tenant=<tenant>`
 * label and a NoSchedule taint, unless the definition already taints it with
 * that key and value.
 */
export function nodePoolProps(pool: NodePoolModel, env: EnvironmentModel): Omit<ManagedNodePoolProps, 'cluster' | 'volumeKey'> {
  const owners = env.tenants.filter((t) => t.dedicatedNodePool === pool.name).map((t) => t.id);
  if (owners.length > 1) {
    throw new Error(`nodePoolProps: node pool "${pool.name}" of environment "${env.name}" is reserved by several tenants (${owners.join(', ')}); `
      + 'a dedicated pool serves one tenant');
  }
  const owner = owners[0];
  const poolLabel = pool.labels[NODE_POOL_LABEL];
  if (poolLabel !== undefined && poolLabel !== pool.name) {
    throw new Error(`nodePoolProps: node pool "${pool.name}" labels its nodes ${NODE_POOL_LABEL}=${poolLabel}, but the charts select a pool's nodes by `
      + `${NODE_POOL_LABEL}=<pool name>, which the platform sets; remove the label`);
  }
  const taints: Array<{ key: string; value: string; effect: eks.TaintEffect }> = pool.taints.map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECTS[t.effect] }));
  if (owner !== undefined) {
    const existing = taints.find((t) => t.key === TENANT_NODE_KEY);
    if (existing && existing.value !== owner) {
      throw new Error(`nodePoolProps: node pool "${pool.name}" is reserved by tenant "${owner}" but tainted ${TENANT_NODE_KEY}=${existing.value}; `
        + 'remove the taint or reserve the pool for that tenant');
    }
    if (!existing) taints.push({ key: TENANT_NODE_KEY, value: owner, effect: eks.TaintEffect.NO_SCHEDULE });
  }
  return {
    nodegroupName: pool.name,
    instanceTypes: pool.instanceTypes.map((t) => new ec2.InstanceType(t)),
    amiType: amiTypeFor(pool.instanceTypes),
    capacityType: pool.capacityType === 'spot' ? eks.CapacityType.SPOT : eks.CapacityType.ON_DEMAND,
    minSize: pool.minSize,
    maxSize: pool.maxSize,
    ...(pool.desiredSize !== undefined ? { desiredSize: pool.desiredSize } : {}),
    diskSize: Size.gibibytes(Math.ceil(pool.diskSizeBytes / 2 ** 30)),
    labels: { ...pool.labels, [NODE_POOL_LABEL]: pool.name, ...(owner !== undefined ? { [TENANT_NODE_KEY]: owner } : {}) },
    taints,
    httpPutResponseHopLimit: 1,
  };
}
