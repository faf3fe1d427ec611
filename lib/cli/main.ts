/**
 * The `oaas` command line. Each command lives in its own file; this one wires
 * them into commander and maps outcomes to exit codes:
 * 0 success, 1 a check failed or an internal error, 2 invalid input
 * (`oaas plan` also exits 3 when a change needs approval).
 */
import { Command, Option } from 'commander';
import { registerValidate } from './validate';
import { registerComplianceCheck } from './compliance-check';
import { registerDiscover } from './discover';
import { registerPlan } from './plan';
import { registerRender } from './render';
import { registerSchema } from './schema';
import { registerSecurityScan } from './security-scan';

export const EXIT = { ok: 0, failed: 1, invalidInput: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('oaas')
    .description('Validate, synthesize and check an OAAS enterprise workspace.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) })
    .exitOverride();
  program.addOption(new Option('--debug', 'print stack traces of internal errors'));
  registerValidate(program);
  registerRender(program);
  registerComplianceCheck(program);
  registerSecurityScan(program);
  registerPlan(program);
  registerDiscover(program);
  registerSchema(program);
  return program;
}

/** Runs the CLI; resolves to the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return EXIT.ok;
    if (typeof code === 'string' && code.startsWith('commander.')) return EXIT.invalidInput;
    const debug = argv.includes('--debug');
    process.stderr.write(`oaas: internal error: ${(error as Error).message}\n`);
    if (debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else process.stderr.write('Run again with --debug for the stack trace.\n');
    return EXIT.failed;
  }
}
