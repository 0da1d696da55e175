// `npm run bench:batch`: the worker's batch step (process-batch.ts: decode each Kafka value, match
// it, build the events), in process, on Kafka values made of the Loghub lines with --errors
// percent (default 1) of real error lines, with the bundled catalog. Prints JSON.
//
// Baseline in the same run: the same engine without its byte shortcut (`mayMatchAscii`), so that
// every value is decoded into a string before it is matched, as before the shortcut. Both are
// measured in interleaved rounds, best of each; the figure to read is the ratio.
import { readFileSync } from 'node:fs';
import { loadCatalogDir, BUNDLED_CATALOG_DIR } from '../src/catalog/load-files.ts';
import { createEngine, DEFAULT_MAX_LINE_BYTES } from '../src/match/engine.ts';
import type { MatchEngine } from '../src/match/types.ts';
import { processBatch, type BatchSettings, type ConsumedMessage } from '../src/worker/process-batch.ts';
import { interleavedRates, loghubLines, round } from './support.ts';

const errorsArg = process.argv.find((a) => a.startsWith('--errors='));
const errorPercent = errorsArg ? Number(errorsArg.slice('--errors='.length)) : 1;
if (!Number.isInteger(errorPercent) || errorPercent < 0 || errorPercent > 100) throw new Error(`--errors must be a whole percent from 0 to 100 (got ${errorsArg})`);
const BATCH = 500;

const loghub = loghubLines();
const errors = readFileSync(new URL('../test/fixtures/corpus/errors-dev.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { line: string }).line);
const messages: ConsumedMessage[] = loghub.map((line, i) => ({
  key: null,
  value: Buffer.from(i % 100 < errorPercent ? errors[i % errors.length]! : line, 'utf8'),
  offset: String(i),
  timestamp: '1733616000000',
}));
const batches = Array.from({ length: Math.ceil(messages.length / BATCH) }, (_, b) => messages.slice(b * BATCH, (b + 1) * BATCH));

const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
const engine = createEngine(catalog, { maxLineBytes: DEFAULT_MAX_LINE_BYTES });
// The same engine, every line through `match`: what the batch step did before the shortcut.
const stringsOnly: MatchEngine = { catalog: engine.catalog, size: engine.size, problems: engine.problems, match: (line) => engine.match(line) };
const settings = (e: MatchEngine): BatchSettings => ({
  engine: e,
  locale: 'en',
  messageFields: ['message', 'msg'],
  serviceFields: ['service'],
  timestampFields: ['timestamp'],
  publishUnmatched: false,
});
const withShortcut = settings(engine);
const without = settings(stringsOnly);

// The two must agree on every count before either is timed.
const count = (s: BatchSettings) => {
  const totals = { matched: 0, unmatched: 0, empty: 0, dead_letter: 0, events: 0 };
  for (const batch of batches) {
    const r = processBatch('logs', 0, batch, s);
    for (const k of ['matched', 'unmatched', 'empty', 'dead_letter'] as const) totals[k] += r.lines[k];
    totals.events += r.events.length;
  }
  return totals;
};
const a = count(withShortcut);
const b = count(without);
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the shortcut changed the results: ${JSON.stringify(a)} against ${JSON.stringify(b)}`);

// A "line" of these tasks is one batch; rates are converted to messages below.
const run = (s: BatchSettings) => (batch: ConsumedMessage[]) => processBatch('logs', 0, batch, s).lines.matched;
const rates = interleavedRates(
  {
    with_shortcut: { lines: batches, work: run(withShortcut) },
    strings_only: { lines: batches, work: run(without) },
  },
  { rounds: process.argv.includes('--quick') ? 3 : 12 },
);
const perMessage = (name: string) => rates[name]! * BATCH;
console.log(
  JSON.stringify(
    {
      benchmark: 'batch',
      node: process.version,
      messages: messages.length,
      error_percent: errorPercent,
      catalog_signatures: engine.size,
      lines: a,
      messages_per_second: { with_shortcut: Math.round(perMessage('with_shortcut')), strings_only: Math.round(perMessage('strings_only')) },
      speedup: round(perMessage('with_shortcut') / perMessage('strings_only'), 2),
    },
    null,
    2,
  ),
);
