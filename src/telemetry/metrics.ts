/**
 * The Prometheus metrics of a worker (names in docs/metrics.md). Labels come only from the catalog
 * (signature id, domain, category) or from a fixed set of words, never from log text, so the
 * series count is bounded by the catalog size.
 *
 * Counters are added once per batch by the worker, never per regex attempt.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Why a line did not become an event: each is a value of `logsig_lines_total{result}`. */
export const LINE_RESULTS = ['matched', 'unmatched', 'empty', 'dead_letter'] as const;
export type LineResult = (typeof LINE_RESULTS)[number];

export interface WorkerMetrics {
  readonly registry: Registry;
  readonly lines: Counter<'result'>;
  readonly matches: Counter<'signature_id' | 'domain' | 'category'>;
  readonly truncatedLines: Counter;
  readonly invalidUtf8Lines: Counter;
  readonly binaryLines: Counter;
  readonly matchDuration: Histogram;
  readonly catalogSignatures: Gauge;
  readonly catalogInfo: Gauge<'version' | 'source'>;
  readonly catalogReloads: Counter<'result'>;
  readonly catalogRejectedPatterns: Gauge;
  readonly deadLetters: Counter<'reason'>;
  readonly produceErrors: Counter;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
}

export function createWorkerMetrics(options: { defaultMetrics?: boolean } = {}): WorkerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const lines = new Counter({
    name: 'logsig_lines_total',
    help: 'Log lines consumed, by what became of them.',
    labelNames: ['result'] as const,
    registers,
  });
  // Every result is exported from the start, so a rate() over it never sees a missing series.
  for (const result of LINE_RESULTS) lines.inc({ result }, 0);

  return {
    registry,
    lines,
    matches: new Counter({
      name: 'logsig_matches_total',
      help: 'Lines diagnosed, by the signature that ranked first.',
      labelNames: ['signature_id', 'domain', 'category'] as const,
      registers,
    }),
    truncatedLines: new Counter({
      name: 'logsig_lines_truncated_total',
      help: 'Lines longer than match.max_line_bytes, matched on their first bytes only.',
      registers,
    }),
    invalidUtf8Lines: new Counter({
      name: 'logsig_lines_invalid_utf8_total',
      help: 'Lines whose invalid UTF-8 bytes were replaced with U+FFFD before matching.',
      registers,
    }),
    binaryLines: new Counter({
      name: 'logsig_lines_binary_total',
      help: 'Lines with NUL bytes (binary payloads), matched as text all the same.',
      registers,
    }),
    matchDuration: new Histogram({
      name: 'logsig_match_duration_seconds',
      help: 'Time spent matching and enriching one consumed batch.',
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    catalogSignatures: new Gauge({
      name: 'logsig_catalog_signatures',
      help: 'Signatures in the running catalog that compiled and take part in matching.',
      registers,
    }),
    catalogInfo: new Gauge({
      name: 'logsig_catalog_info',
      help: 'The running catalog version (value is always 1) and where it came from.',
      labelNames: ['version', 'source'] as const,
      registers,
    }),
    catalogReloads: new Counter({
      name: 'logsig_catalog_reloads_total',
      help: 'Catalog loads, by result.',
      labelNames: ['result'] as const,
      registers,
    }),
    catalogRejectedPatterns: new Gauge({
      name: 'logsig_catalog_rejected_patterns',
      help: 'Signatures of the running catalog left out because their pattern did not compile.',
      registers,
    }),
    deadLetters: new Counter({
      name: 'logsig_dead_letters_total',
      help: 'Messages sent to the dead-letter topic, by reason.',
      labelNames: ['reason'] as const,
      registers,
    }),
    produceErrors: new Counter({
      name: 'logsig_produce_errors_total',
      help: 'Batches whose events the broker did not acknowledge; the batch is replayed.',
      registers,
    }),
    consumerLag: new Gauge({
      name: 'logsig_consumer_lag',
      help: 'Messages behind the partition high watermark after the last processed batch.',
      labelNames: ['topic', 'partition'] as const,
      registers,
    }),
  };
}
