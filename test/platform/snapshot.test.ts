/**
 * Whole-app snapshots of the starter workspace, for review in pull requests:
 * a change to any template shows up as a snapshot diff. Asset hashes are
 * masked so a dependency bump that only rebuilds an asset does not churn them.
 * Update deliberately with `npm run test:update`.
 */
import { platformApp } from '../../lib/platform/cdk-app';
import { buildPlatform } from '../../lib/platform/platform';
import { exampleModel } from '../helpers/workspace';

const HASH = /[0-9a-f]{64}/g;

function masked(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(HASH, '[ASSET HASH]'));
}

describe('starter workspace templates', () => {
  const app = platformApp();
  buildPlatform(app, exampleModel('starter'));
  const stacks = app.synth().stacks;

  test.each(stacks.map((s) => [s.stackName, s] as const))('%s', (_name, stack) => {
    expect(masked(stack.template)).toMatchSnapshot();
  });
});
