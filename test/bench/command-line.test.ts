import { parseArgs } from 'util';
import { parseCommandLine } from '../../lib/bench/command-line';

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
