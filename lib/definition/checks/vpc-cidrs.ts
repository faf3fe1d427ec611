/**
 * The VPC range of each region: a valid network address, a prefix from /16 to
 * /24, no overlap with any other region of any environment, and room for three
 * subnet tiers in every zone.
 */
import type { CidrRange } from '../cidr';
import { overlaps, parseCidr } from '../cidr';
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import { formatPath } from '../source';
import type { CheckContext } from './report';

/** Public, node and data subnets in every zone (see lib/mapping/network.ts). */
const SUBNET_TIERS = 3;

export function checkVpcCidrs(files: WorkspaceFiles, { report }: CheckContext): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  const cidrs: Array<{ range: CidrRange; text: string; path: YamlPath }> = [];
  workspace.data.environments.forEach((env, e) => {
    env.regions.forEach((region, r) => {
      const path: YamlPath = ['environments', e, 'regions', r, 'vpc_cidr'];
      const parsed = parseCidr(region.vpc_cidr);
      if (typeof parsed === 'string') {
        const network = /the network address is (\S+)$/.exec(parsed)?.[1];
        report(source, path, CODES.invalidValue, `expected a valid IPv4 CIDR block, got "${region.vpc_cidr}" (${parsed})`,
          network ? `Write the network address: "${network}".` : 'Use a private network such as "10.20.0.0/16".');
        return;
      }
      if (parsed.prefix < 16 || parsed.prefix > 24) {
        report(source, path, CODES.invalidValue, `expected a VPC CIDR with a prefix between /16 and /24, got /${parsed.prefix}`,
          'Use a prefix from /16 (65,536 addresses) to /24 (256) so every zone gets public and private subnets.');
        return;
      }
      for (const other of cidrs) {
        if (overlaps(parsed, other.range)) {
          report(source, path, CODES.cidrOverlap, `expected a CIDR that overlaps no other VPC, got "${region.vpc_cidr}" which overlaps "${other.text}"`,
            `"${other.text}" is used at ${formatPath(other.path)}; give each region of each environment its own range so they can be peered or routed.`);
        }
      }
      cidrs.push({ range: parsed, text: region.vpc_cidr, path });
      // Three subnet tiers (public, nodes, data) in every zone must fit, each at least /28.
      const subnetPrefix = parsed.prefix + Math.ceil(Math.log2(SUBNET_TIERS * region.availability_zones.length));
      if (subnetPrefix > 28) {
        report(source, path, CODES.outOfRange,
          `expected a VPC CIDR large enough for ${SUBNET_TIERS} subnets in each of ${region.availability_zones.length} zones, got /${parsed.prefix} (each subnet would be /${subnetPrefix})`,
          `Use /${28 - Math.ceil(Math.log2(SUBNET_TIERS * region.availability_zones.length))} or wider, or fewer zones.`);
      } else if (subnetPrefix > 22) {
        report(source, path, CODES.capacityExceeded,
          `expected node subnets of /22 or wider for pod addresses, got /${subnetPrefix}`,
          'The VPC CNI gives every pod a VPC address; a wider VPC CIDR leaves room for the agents.', { severity: 'warning' });
      }
    });
  });
}
