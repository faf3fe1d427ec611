/**
 * Each environment as a whole: a unique name, recovery objectives that agree
 * with each other and with the backup schedule, and enough regions for
 * automatic failover.
 */
import { CODES } from '../diagnostics';
import type { WorkspaceFiles } from '../files';
import type { YamlPath } from '../source';
import { formatDuration } from '../units';
import type { CheckContext } from './report';

const HOUR = 3600;
import { unique } from './report';

export function checkEnvironments(files: WorkspaceFiles, { report }: CheckContext): void {
  const workspace = files.workspace;
  if (!workspace) return;
  const source = workspace.source;
  const envs = workspace.data.environments;
  unique(envs, (e) => e.name, (_e, i) => [source, ['environments', i, 'name']], 'environment', report);
  envs.forEach((env, e) => {
    const base: YamlPath = ['environments', e];
    const dr = env.disaster_recovery;
    if (typeof dr === 'object' && 'backup_retention' in dr && dr.backup_frequency !== undefined && dr.backup_frequency > dr.rpo) {
      report(source, [...base, 'disaster_recovery', 'backup_frequency'], CODES.recoveryObjective,
        `expected backups at least as often as the RPO (${formatDuration(dr.rpo)}), got every ${formatDuration(dr.backup_frequency)}`,
        `Back up every ${formatDuration(dr.rpo)} or less, or relax the RPO.`);
    }
    // Backups run every backup_frequency, or every RPO; AWS Backup runs at most hourly.
    const backupEvery = typeof dr === 'object' && 'backup_retention' in dr && dr.backup_frequency !== undefined ? dr.backup_frequency : dr.rpo;
    if (backupEvery < HOUR) {
      const explicit = typeof dr === 'object' && 'backup_retention' in dr;
      report(source, [...base, 'disaster_recovery', ...(explicit ? ['rpo'] : [])], CODES.recoveryObjective,
        `expected an RPO of at least 1 hour (AWS Backup backs up at most hourly), got ${formatDuration(dr.rpo)}`,
        'Set the RPO to 1h or more; a shorter one needs continuous replication, which the platform does not set up.');
    }
    if (dr.rpo > dr.rto) {
      report(source, [...base, 'disaster_recovery'], CODES.recoveryObjective, `expected an RPO no longer than the RTO, got RPO ${formatDuration(dr.rpo)} and RTO ${formatDuration(dr.rto)}`,
        'Check that RTO and RPO are not swapped.', { severity: 'warning' });
    }
    if (env.failover === 'automatic' && env.regions.length < 2) {
      report(source, [...base, 'failover'], CODES.inconsistent, 'expected at least two regions for automatic failover, got one',
        'Add a second region or set failover: manual.');
    }
  });
}
