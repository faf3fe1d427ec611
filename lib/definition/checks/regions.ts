/**
 * The regions of each environment: unique, their zones inside them, within
 * the data residency rule (replicas in a DR region too), and allowed regions
 * that the environment uses.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import type { CheckContext } from './report';
import { unique } from './report';

export function checkRegions(files: WorkspaceFiles, { report, suggest }: CheckContext): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  workspace.data.environments.forEach((env, e) => {
    const base: YamlPath = ['environments', e];
    // Advisory residency reports what it would refuse without blocking.
    const residencySeverity = typeof env.data_residency === 'object' && env.data_residency.mode === 'advisory' ? 'warning' : 'error';
    unique(env.regions, (r) => r.region, (_r, i) => [source, [...base, 'regions', i, 'region']], 'region', report);
    const regionNames = env.regions.map((r) => r.region);
    const allowed = typeof env.data_residency === 'string' ? regionNames : env.data_residency.allowed_regions;
    env.regions.forEach((region, r) => {
      const rp: YamlPath = [...base, 'regions', r];
      unique(region.availability_zones, (z) => z, (_z, i) => [source, [...rp, 'availability_zones', i]], 'availability zone', report);
      region.availability_zones.forEach((zone, z) => {
        if (zone.slice(0, -1) !== region.region) {
          report(source, [...rp, 'availability_zones', z], CODES.zoneOutsideRegion,
            `expected an availability zone of ${region.region}, got "${zone}"`,
            `Zones of ${region.region} are named ${region.region}a, ${region.region}b, ...`);
        }
      });
      if (!allowed.includes(region.region)) {
        report(source, [...rp, 'region'], CODES.residencyViolation,
          `expected a region allowed by the data residency rule (${allowed.join(', ')}), got "${region.region}"`,
          `Add ${region.region} to data_residency.allowed_regions if the data may live there, or remove the region.`, { severity: residencySeverity });
      }
      if (region.dr_region !== undefined) {
        if (region.dr_region === region.region) {
          report(source, [...rp, 'dr_region'], CODES.invalidValue, 'expected a DR region other than the region itself', 'Pick another region of this environment.');
        } else if (!regionNames.includes(region.dr_region)) {
          report(source, [...rp, 'dr_region'], CODES.danglingReference, `expected a region of environment "${env.name}", got "${region.dr_region}"`,
            suggest(region.dr_region, regionNames, 'region'));
        } else if (!allowed.includes(region.dr_region)) {
          report(source, [...rp, 'dr_region'], CODES.residencyViolation, `expected a DR region allowed by the data residency rule, got "${region.dr_region}"`,
            'Replicas are data too: choose a DR region inside the residency boundary.', { severity: residencySeverity });
        }
      }
    });
    if (typeof env.data_residency === 'object') {
      env.data_residency.allowed_regions.forEach((r, i) => {
        if (!regionNames.includes(r)) {
          report(source, [...base, 'data_residency', 'allowed_regions', i], CODES.inconsistent,
            `expected allowed regions to be regions of the environment, got "${r}"`, 'Allowed regions outside the environment only widen the guardrail; remove it or add the region.', { severity: 'warning' });
        }
      });
    }
  });
}
