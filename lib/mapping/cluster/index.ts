/**
 * Model → props of the cluster constructs of one region of one environment:
 * the EKS cluster, its node pools, add-ons, organization governance access
 * entries, load balancer controller and Argo CD (`clusterPlan`); and, per
 * tenant, its workload identity (`tenantPlan`), the access of its people
 * (`tenantAccessPlan`) and, with `delivery: cdk`, its manifests packed into
 * manifest resources (`packTenantManifests`), which `../tenant-stacks.ts`
 * assigns to the tenant's stack. Pure functions of the resolved model; the
 * stacks add what only exists at synth (VPC, keys, cluster). Every pinned
 * version of the cluster layer is in `pinned-versions.ts`.
 */
export * from './pinned-versions';
export * from './names';
export * from './control-plane';
export * from './node-pools';
export * from './governance-access';
export * from './tenants';
export * from './cdk-delivery';
export * from './cluster-plan';
