import { aws_ec2 as ec2, aws_logs as logs } from 'aws-cdk-lib';
import type { EnvironmentModel } from '../../lib/definition/model';
import { gatewayEndpoints, interfaceEndpoints, natGatewayCount, networkPlan, subnetCidrMask } from '../../lib/mapping/network';
import { exampleModel } from '../helpers/workspace';

describe('subnetCidrMask', () => {
  test.each([
    // cidr, zones, tiers, mask: 3 tiers × zones subnets of equal size
    ['10.0.0.0/16', 2, 3, 19],
    ['10.0.0.0/16', 3, 3, 20],
    ['10.0.0.0/16', 4, 3, 20],
    ['10.0.0.0/16', 6, 3, 21],
    ['10.0.0.0/20', 3, 3, 24],
    ['10.0.0.0/24', 2, 3, 27],
    ['10.0.0.0/24', 3, 3, 28],
    ['10.0.0.0/16', 2, 1, 17],
  ])('%s, %i zones, %i tiers → /%i', (cidr, zones, tiers, mask) => {
    expect(subnetCidrMask(cidr, zones, tiers)).toBe(mask);
  });

  test('defaults to the three platform tiers', () => {
    expect(subnetCidrMask('10.0.0.0/16', 3)).toBe(20);
  });

  test('every subnet fits in the VPC', () => {
    for (const prefix of [16, 18, 20, 22]) {
      for (let zones = 2; zones <= 6; zones++) {
        const mask = subnetCidrMask(`10.0.0.0/${prefix}`, zones);
        expect(3 * zones * 2 ** (32 - mask)).toBeLessThanOrEqual(2 ** (32 - prefix));
        // and one bit less would not fit
        expect(3 * zones * 2 ** (32 - (mask - 1))).toBeGreaterThan(2 ** (32 - prefix));
      }
    }
  });

  test.each([
    ['10.0.0.0/24', 6, /18 subnets \(3 tiers × 6 zones\) do not fit in "10.0.0.0\/24": each would be \/29/],
    ['10.0.0.0/26', 2, /do not fit/],
    ['10.0.0.1/16', 2, /host bits are set/],
    ['10.0.0/16', 2, /expected an IPv4 CIDR/],
  ])('rejects %s with %i zones', (cidr, zones, message) => {
    expect(() => subnetCidrMask(cidr, zones)).toThrow(message);
  });

  test('rejects zero zones', () => {
    expect(() => subnetCidrMask('10.0.0.0/16', 0)).toThrow(/at least one availability zone/);
  });
});

describe('natGatewayCount', () => {
  const model = exampleModel('enterprise');
  const staging = model.environments.find((e) => e.name === 'staging')!;
  const production = model.environments.find((e) => e.name === 'production')!;

  test.each<[string, EnvironmentModel, number]>([
    ['staging (not highly available)', staging, 1],
    ['production (highly available, 3 zones)', production, 3],
  ])('%s → %i', (_name, env, count) => {
    expect(natGatewayCount(env, env.regions[0]!)).toBe(count);
  });

  test('one per zone follows the zone count', () => {
    const region = { ...production.regions[0]!, availabilityZones: ['us-east-1a', 'us-east-1b'] };
    expect(natGatewayCount(production, region)).toBe(2);
  });
});

describe('endpoints', () => {
  test('S3 is the gateway endpoint', () => {
    expect(gatewayEndpoints()).toEqual({ s3: ec2.GatewayVpcEndpointAwsService.S3 });
  });

  test('ECR API and Docker, STS, CloudWatch Logs and KMS are interface endpoints, keyed by stable names', () => {
    const endpoints = interfaceEndpoints();
    expect(Object.keys(endpoints)).toEqual(['ecr-api', 'ecr-dkr', 'sts', 'logs', 'kms']);
    expect(Object.values(endpoints).map((s) => s.shortName)).toEqual(['ecr.api', 'ecr.dkr', 'sts', 'logs', 'kms']);
  });
});

describe('networkPlan', () => {
  test('starter: 2 zones of a /16, one NAT gateway, one-year flow logs, HTTPS from the VPC CIDR', () => {
    const model = exampleModel('starter');
    const env = model.environments[0]!;
    const plan = networkPlan(model, env, env.regions[0]!);
    expect(plan.vpc).toEqual({
      cidr: '10.0.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      subnetCidrMask: 19,
      natGateways: 1,
      flowLogRetention: logs.RetentionDays.ONE_YEAR,
    });
    expect(plan.endpoints.allowFrom?.uniqueId).toBe('10.0.0.0/16');
  });

  test('enterprise production: 3 zones, a NAT gateway in each', () => {
    const model = exampleModel('enterprise');
    const env = model.environments.find((e) => e.name === 'production')!;
    const plan = networkPlan(model, env, env.regions[2]!);
    expect(plan.vpc).toMatchObject({ cidr: '10.32.0.0/16', subnetCidrMask: 20, natGateways: 3 });
  });
});
