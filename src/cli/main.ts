/**
 * `logsig` — one binary, a subcommand per job. Each subcommand lives in its own module; this file
 * only wires them to the command line and turns known errors into clear messages and exit codes.
 */
import { Command } from 'commander';
import { registerCatalogCommand } from './commands/catalog.ts';
import { registerLintCommand } from './commands/lint.ts';
import { registerScanCommand } from './commands/scan.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { reportAndExit } from './errors.ts';

const program = new Command()
  .name('logsig')
  .description('Diagnose production logs as they flow: known errors named, explained and paired with the fixes that work.')
  .showHelpAfterError('(add --help for usage)')
  .enablePositionalOptions();

registerWorkerCommand(program);
registerScanCommand(program);
registerLintCommand(program);
registerCatalogCommand(program);

program.parseAsync(process.argv).catch(reportAndExit);
