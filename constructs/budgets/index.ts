export * from './budget-alert-topic';
export * from './cost-budget';
export * from './deployment-freeze-policy';
export * from './team-deployment-guard';
