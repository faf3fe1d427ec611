export * from './access-log-bucket';
export * from './audit-bucket';
export * from './audit-trail';
export * from './regional-backup';
