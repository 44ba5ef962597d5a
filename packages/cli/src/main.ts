import { Command, CommanderError } from 'commander';
import { ConfigError } from '@tessera/server';
import { registerDataCommands } from './commands/data.ts';
import { registerInstanceCommands } from './commands/instance.ts';
import { registerQcCommands } from './commands/qc.ts';
import { registerComplianceCommands } from './commands/compliance.ts';
import { registerPrelabelCommands } from './commands/prelabel.ts';
import { actionExit, CliError } from './errors.ts';

/** The `tessera` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('tessera')
    .description(
      'Tessera: labeling, pre-labeling, quality control and compliance for AI training data.',
    )
    .version('0.1.0')
    // Program options only before the command, so `export --version 3` means a dataset version.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerInstanceCommands(program);
  registerDataCommands(program);
  registerQcCommands(program);
  registerComplianceCommands(program);
  registerPrelabelCommands(program);
  return program;
}

/**
 * Runs the `tessera` command and resolves to its exit code. Errors a user can act on print as
 * one message without a stack trace.
 *
 * @example
 * process.exitCode = await main(['node', 'tessera', 'serve', '--port', '8080']);
 */
export async function main(argv: string[]): Promise<number> {
  actionExit.code = 0;
  try {
    await buildProgram().parseAsync(argv);
    return actionExit.code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const known = err instanceof CliError || err instanceof ConfigError;
    process.stderr.write(
      `error: ${known ? (err as Error).message : ((err as Error).message ?? String(err))}\n`,
    );
    return 1;
  }
}
