/**
 * `logsig scan [FILE...]`: the same diagnosis as the worker — same decoder, engine and events —
 * on files or standard input, with no Kafka and no Redis. Exits 0 when it ran, whatever it found.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Option, type Command } from 'commander';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../catalog/load-files.ts';
import { formatProblem } from '../../catalog/problems.ts';
import { loadConfig } from '../../config/load.ts';
import { buildEvent, fileSource } from '../../enrich/build-event.ts';
import { serializeEvent } from '../../enrich/serialize-event.ts';
import type { DiagnosedEvent } from '../../enrich/event.ts';
import { createEngine } from '../../match/engine.ts';
import type { MatchEngine } from '../../match/types.ts';
import { decodeLogRecord, type DecodeOptions } from '../../source/decode.ts';
import { UsageError } from '../errors.ts';
import { formatEventPretty, formatSummaryPretty } from '../scan/pretty.ts';
import { readLines } from '../scan/read-lines.ts';
import { ScanSummary } from '../scan/summary.ts';

interface ScanOptions {
  format?: 'ndjson' | 'pretty';
  catalog?: string;
  locale?: 'en' | 'zh';
  maxLineBytes?: number;
  config?: string;
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('Diagnose log files (or standard input) and print the events; no Kafka, no Redis')
    .argument('[files...]', 'log files to read; none or "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'ndjson: one event per line; pretty: for people (default: pretty on a terminal, else ndjson)').choices(['ndjson', 'pretty']))
    .option('--catalog <dir>', 'a catalog directory instead of the bundled one')
    .addOption(new Option('--locale <locale>', 'language of the diagnoses').choices(['en', 'zh']))
    .option('--max-line-bytes <n>', 'match only the first N bytes of a line', (v) => parsePositiveInt(v, '--max-line-bytes'))
    .option('-c, --config <file>', 'a YAML config file (input field paths, locale, line cap)')
    .action(async (files: string[], options: ScanOptions) => {
      const config = loadConfig({ file: options.config ?? process.env.LOGSIG_CONFIG ?? null, env: process.env });
      const dir = options.catalog ?? config.catalog.dir ?? BUNDLED_CATALOG_DIR;
      const { catalog, problems } = await loadCatalogDir(dir);
      for (const problem of problems) process.stderr.write(`logsig scan: ${formatProblem(problem)} (left out)\n`);
      const engine = createEngine(catalog, { maxLineBytes: options.maxLineBytes ?? config.match.max_line_bytes });
      for (const problem of engine.problems) process.stderr.write(`logsig scan: ${problem.origin}: ${problem.id}: ${problem.reason} (left out)\n`);
      if (engine.size === 0) throw new UsageError(`no usable signatures in ${dir}; run \`logsig lint ${dir}\``);

      exitQuietlyOnClosedPipe();
      const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'ndjson');
      const write = format === 'pretty' ? formatEventPretty : (event: DiagnosedEvent) => `${serializeEvent(event)}\n`;
      const summary = new ScanSummary();
      const decode: DecodeOptions = {
        messageFields: config.input.message_fields,
        serviceFields: config.input.service_fields,
        timestampFields: config.input.timestamp_fields,
      };
      const scanOne = (name: string, stream: Readable) =>
        scanStream(name, stream, { engine, decode, locale: options.locale ?? config.match.locale, summary, emit: (e) => writeOut(write(e)) });

      const inputs = files.length === 0 ? ['-'] : files;
      for (const file of inputs) {
        const stream = file === '-' ? process.stdin : createReadStream(file);
        try {
          await scanOne(file, stream);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new UsageError(`cannot read ${file}: ${code}`);
          throw error;
        }
      }
      if (format === 'pretty') writeOut(formatSummaryPretty(summary));
      else process.stderr.write(`logsig scan: ${summary.lines} lines, ${summary.matched} diagnosed, ${summary.unmatched} unmatched\n`);
    });
}

function parsePositiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} takes a positive whole number (got "${value}")`);
  return n;
}

function writeOut(text: string): void {
  process.stdout.write(text);
}

/** A closed pipe (`logsig scan … | head`) ends the scan quietly, as other Unix tools do. */
function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export interface ScanContext {
  readonly engine: MatchEngine;
  readonly decode: DecodeOptions;
  readonly locale: 'en' | 'zh';
  readonly summary: ScanSummary;
  readonly emit: (event: DiagnosedEvent) => void;
}

export async function scanStream(name: string, stream: Readable, ctx: ScanContext): Promise<void> {
  const { engine, summary } = ctx;
  const observedAt = new Date();
  let lineNumber = 0;
  for await (const bytes of readLines(stream)) {
    lineNumber += 1;
    summary.lines += 1;
    const record = decodeLogRecord(bytes, ctx.decode);
    if (record.kind === 'empty') {
      summary.empty += 1;
      continue;
    }
    if (record.invalidUtf8) summary.invalidUtf8 += 1;
    if (record.binary) summary.binary += 1;
    const event = buildEvent({
      lineMatch: engine.match(record.text),
      source: fileSource(name, lineNumber, { service: record.service, timestamp: record.timestamp }),
      locale: ctx.locale,
      catalogVersion: engine.catalog.version,
      observedAt,
    });
    if (event === null) {
      summary.unmatched += 1;
      continue;
    }
    summary.addEvent(event);
    ctx.emit(event);
  }
}
