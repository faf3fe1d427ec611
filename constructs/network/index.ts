export * from './platform-vpc';
export * from './service-endpoints';
