import { spawnSync } from 'child_process';
import * as path from 'path';
import { parseArgs } from 'util';
import { parseCommandLine } from '../../../scripts/bench/command-line';

class Failed extends Error {}
const fail = (message: string): never => {
  throw new Failed(message);
};
const parse = (args: string[]) => () => parseArgs({ args, options: { runs: { type: 'string' }, keep: { type: 'boolean' } } });

describe("the scripts' command lines", () => {
  test('parses a good command line', () => {
    expect(parseCommandLine(parse(['--runs', '3', '--keep']), fail).values).toEqual({ runs: '3', keep: true });
  });

  test.each([
    ['an unknown option', ['--bogus'], /Unknown option '--bogus'/],
    ['a missing value', ['--runs'], /--runs/],
    ['an unexpected positional', ['extra'], /Unexpected argument 'extra'/],
  ])('reports %s through the script\'s failure, not as a stack trace', (_what, args, message) => {
    expect(() => parseCommandLine(parse(args), fail)).toThrow(Failed);
    expect(() => parseCommandLine(parse(args), fail)).toThrow(message);
  });
});

describe('the scripts themselves', () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const script = (name: string, ...args: string[]) => spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join('scripts', name), ...args], { cwd: root, encoding: 'utf8' });

  test.each([
    ['bench.ts', /npm run bench -- \[--sizes S,M,L,XL\]/],
    ['generate-workspace.ts', /^usage: generate-workspace\.ts/],
  ])('%s --help prints its usage and exits 0', (name, usage) => {
    const result = script(name, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(usage);
  });

  test.each(['bench.ts', 'generate-workspace.ts'])('%s with an unknown option says so without a stack trace, exit code 2', (name) => {
    const result = script(name, '--bogus');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--bogus'/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
