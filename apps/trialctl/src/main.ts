#!/usr/bin/env node
/**
 * trialctl: the platform from the command line, for people and scripts. It reaches the services
 * only as any client does: events on Kafka, requests to their HTTP APIs.
 */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMANDS } from './commands';
import { CliError, EXIT, EXIT_CODES_HELP } from './exit-codes';

async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('trialctl')
    .command(COMMANDS.map(withExitCodes))
    .demandCommand(1, 'say which command')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .epilogue(EXIT_CODES_HELP)
    .wrap(Math.min(120, process.stdout.columns ?? 120))
    .fail((message, error, parser) => {
      if (error) throw error;
      parser.showHelp((help: string) => process.stderr.write(`${help}\n\n`));
      throw new CliError(message, EXIT.usage);
    })
    .parseAsync();
}

/** Each command's --help ends with the exit codes too. */
function withExitCodes(command: CommandModule): CommandModule {
  const { builder } = command;
  return {
    ...command,
    builder: (y: Argv) => (typeof builder === 'function' ? (builder(y) as Argv) : y.options(builder ?? {})).epilogue(EXIT_CODES_HELP),
  };
}

main(hideBin(process.argv)).catch((error: Error) => {
  process.stderr.write(`trialctl: ${error.message}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : EXIT.failed;
});
