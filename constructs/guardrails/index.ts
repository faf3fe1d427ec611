export * from './service-control-policy';
