/** Runs `discover` through commander, as main does, and captures what it prints. */
import { Command, Option } from 'commander';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { registerDiscover } from '../../lib/cli/discover';
import type { ClientOptions } from '../../lib/discover/client';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What the command asked the client factory for, one entry per client. */
  readonly clients: ClientOptions[];
}

export async function runDiscover(args: readonly string[], makeClient: () => OrganizationsClient): Promise<Run> {
  const clients: ClientOptions[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('oaas').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  program.addOption(new Option('--debug', 'print stack traces of internal errors'));
  registerDiscover(program, {
    clientFactory: (options) => {
      clients.push(options);
      return makeClient();
    },
  });
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'oaas', 'discover', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout: out.join(''), stderr: err.join(''), clients };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}
