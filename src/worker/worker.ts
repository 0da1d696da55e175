/**
 * A logsig worker: source → match → enrich → sink, with offsets committed only after the broker
 * has acknowledged what the batch produced.
 *
 *   Kafka input ──eachBatch──► processBatch (decode, match, enrich) ──► sink.publish (acks=all)
 *                                                                          │
 *                                              commitOffsets(last + 1) ◄───┘
 *
 * Errors thrown from eachBatch make kafkajs retry the batch and, past its retries, restart the
 * consumer from the last committed offset: the batch is replayed, never skipped.
 */
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { subscribeWhenTopicExists } from '../source/subscribe.ts';
import type { Config } from '../config/schema.ts';
import { createEngine } from '../match/engine.ts';
import { nativeStatus } from '../match/native.ts';
import type { MatchEngine } from '../match/types.ts';
import { createEventSink, type EventSink } from '../sink/kafka.ts';
import { createKafka } from '../source/kafka-client.ts';
import type { Logger } from '../telemetry/logger.ts';
import { startTelemetryServer, type TelemetryServer } from '../telemetry/http.ts';
import { createWorkerMetrics, LINE_RESULTS, type WorkerMetrics } from '../telemetry/metrics.ts';
import { loadWorkerCatalog, type LoadedCatalog } from './load-catalog.ts';
import { processBatch, type BatchResult } from './process-batch.ts';

export interface RunningWorker {
  readonly metricsUrl: string;
  /** Resolves when the worker has stopped: with null after `stop()`, with the reason after a fatal crash. */
  readonly stopped: Promise<string | null>;
  stop(): Promise<void>;
}

function recordBatch(metrics: WorkerMetrics, result: BatchResult): void {
  for (const line of LINE_RESULTS) if (result.lines[line] > 0) metrics.lines.inc({ result: line }, result.lines[line]);
  for (const { id, domain, category, count } of result.matchesBySignature.values()) {
    metrics.matches.inc({ signature_id: id, domain, category }, count);
  }
  for (const [reason, count] of result.deadLetterReasons) metrics.deadLetters.inc({ reason }, count);
  if (result.truncated > 0) metrics.truncatedLines.inc(result.truncated);
  if (result.invalidUtf8 > 0) metrics.invalidUtf8Lines.inc(result.invalidUtf8);
  if (result.binary > 0) metrics.binaryLines.inc(result.binary);
}

function useCatalog(loaded: LoadedCatalog, config: Config, metrics: WorkerMetrics, log: Logger): MatchEngine {
  const engine = createEngine(loaded.catalog, { maxLineBytes: config.match.max_line_bytes });
  for (const problem of engine.problems) log.warn({ signature: problem.id, origin: problem.origin }, `Pattern left out: ${problem.reason}`);
  metrics.catalogSignatures.set(engine.size);
  metrics.catalogRejectedPatterns.set(engine.problems.length);
  metrics.catalogInfo.reset();
  metrics.catalogInfo.set({ version: loaded.catalog.version, source: loaded.source }, 1);
  metrics.catalogReloads.inc({ result: 'success' });
  log.info(
    { version: loaded.catalog.version, source: loaded.source, signatures: engine.size, rejected: engine.problems.length },
    'Catalog loaded.',
  );
  return engine;
}

export async function startWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  const log = logger.child({ component: 'worker' });
  if (!nativeStatus.loaded) {
    log.warn(
      { reason: nativeStatus.reason },
      'The native prefilter addon did not load: matching runs its JavaScript loop (same results, slower). Build it with `npm run build:native`.',
    );
  }
  const metrics = createWorkerMetrics();
  let shuttingDown = false;
  let engine: MatchEngine | null = null;
  let joined = false;
  let crashed: string | null = null;
  let waitingFor: string | null = null;

  const telemetry: TelemetryServer = await startTelemetryServer({
    host: config.telemetry.host,
    port: config.telemetry.port,
    registry: metrics.registry,
    probes: {
      healthy: () => !shuttingDown && crashed === null,
      notReadyReason: () =>
        shuttingDown ? 'shutting down' : crashed ?? waitingFor ?? (engine === null ? 'catalog not loaded yet' : joined ? null : 'consumer has not joined its group yet'),
    },
  });

  const running = useCatalog(await loadWorkerCatalog(config, logger), config, metrics, log);
  engine = running;

  const kafka = createKafka(config.kafka, logger);
  const sink: EventSink = createEventSink(
    kafka,
    { output: config.kafka.output_topic, unmatched: config.kafka.unmatched_topic, deadLetter: config.kafka.dead_letter_topic },
    { maxRequestBytes: config.kafka.max_request_bytes },
  );
  const consumer: Consumer = kafka.consumer({
    groupId: config.kafka.group_id,
    sessionTimeout: config.kafka.session_timeout_ms,
    allowAutoTopicCreation: true,
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    joined = true;
    log.info({ groupId: payload.groupId, memberId: payload.memberId, assignment: payload.memberAssignment }, 'Joined the consumer group.');
  });

  let resolveStopped!: (failure: string | null) => void;
  const stopped = new Promise<string | null>((resolve) => (resolveStopped = resolve));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) {
      crashed = `consumer crashed: ${payload.error.message}`;
      log.error({ err: payload.error }, 'The consumer crashed and will not restart.');
      void stop();
    } else {
      joined = false;
      log.warn({ err: payload.error }, 'The consumer failed; kafkajs restarts it from the last committed offsets.');
    }
  });

  const settings = {
    locale: config.match.locale,
    messageFields: config.input.message_fields,
    serviceFields: config.input.service_fields,
    timestampFields: config.input.timestamp_fields,
    publishUnmatched: config.kafka.unmatched_topic !== null,
    maxEventBytes: config.kafka.max_request_bytes,
  };

  async function handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const startedAt = process.hrtime.bigint();
    const result = processBatch(batch.topic, batch.partition, batch.messages, { engine: running, ...settings });
    metrics.matchDuration.observe(Number(process.hrtime.bigint() - startedAt) / 1e9);
    try {
      await sink.publish(result);
    } catch (error) {
      metrics.produceErrors.inc();
      throw error;
    }
    // A rebalance while we were publishing: the partition is someone else's now, and they replay it.
    if (isStale()) return;
    // Resolving moves kafkajs' fetch position past the batch; the commit makes that durable.
    resolveOffset(batch.lastOffset());
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }]);
    recordBatch(metrics, result);
    metrics.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
    await heartbeat();
  }

  await sink.connect();
  await consumer.connect();
  await subscribeWhenTopicExists(consumer, config.kafka.input_topic, config.kafka.from_beginning, log, () => shuttingDown, (reason) => (waitingFor = reason));
  waitingFor = null;
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    // Batches of different partitions overlap their waits on the broker; each publishes and
    // commits only its own partition, so a crash still replays, never loses.
    partitionsConsumedConcurrently: config.kafka.partitions_concurrently,
    eachBatch: handleBatch,
  });

  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      shuttingDown = true;
      log.info('Stopping: finishing the batch in hand, then leaving the group.');
      // The consumer first, so no batch is mid-publish when the producer goes.
      await consumer.disconnect().catch((err: unknown) => log.warn({ err }, 'Consumer did not disconnect cleanly.'));
      await sink.disconnect().catch((err: unknown) => log.warn({ err }, 'Producer did not disconnect cleanly.'));
      await telemetry.close();
      log.info('Stopped.');
      resolveStopped(crashed);
    })();
    return stopping;
  }

  return { metricsUrl: telemetry.url, stopped, stop };
}
