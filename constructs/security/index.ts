export * from './platform-keyring';
export * from './regional-web-acl';
export * from './security-hub';
export * from './threat-detection';
