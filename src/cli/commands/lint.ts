/**
 * `logsig lint [DIR]`: check a catalog directory before it is pushed — schema, patterns, ids,
 * links, and every record against its own examples through the real engine. Exit 0 when clean,
 * 1 on errors; warnings fail only with --strict.
 */
import { Option, type Command } from 'commander';
import { BUNDLED_CATALOG_DIR } from '../../catalog/load-files.ts';
import { formatLintReport, lintCatalog, type LintResult } from '../../catalog/lint.ts';
import { loadConfig } from '../../config/load.ts';
import { checkPatterns, createEngine } from '../../match/engine.ts';
import { matchingAsConsumed } from '../../source/as-consumed.ts';

/**
 * The full lint with the real engine, examples read as the worker reads Kafka messages (with the
 * default input fields): `logsig lint` and `logsig catalog push` judge alike.
 */
export function lintDir(dir: string): Promise<LintResult> {
  const { input } = loadConfig({ file: null, env: {} });
  const decode = { messageFields: input.message_fields, serviceFields: input.service_fields, timestampFields: input.timestamp_fields };
  return lintCatalog(dir, { checkPatterns, createEngine: (catalog) => matchingAsConsumed(createEngine(catalog), decode) });
}

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('Check signature records: schema, patterns, ids, links, examples and overlaps (exit 1 on errors)')
    .argument('[dir]', 'catalog directory (default: the bundled catalog)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('--strict', 'warnings fail too', false)
    .action(async (dir: string | undefined, options: { format: 'text' | 'json'; strict: boolean }) => {
      const result = await lintDir(dir ?? BUNDLED_CATALOG_DIR);
      const report = formatLintReport(result, { format: options.format });
      process.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
      const failed = !result.ok || (options.strict && result.problems.length > 0);
      process.exitCode = failed ? 1 : 0;
    });
}
