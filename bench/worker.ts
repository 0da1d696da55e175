// `npm run bench:worker`: one worker end to end, on a real broker, against a bare kafkajs consumer
// reading the same topic in the same run. Prints JSON.
//
//   lines     Loghub lines cycled to --messages (default 200,000), --errors percent of them (default
//             1) replaced by real error lines of the shared corpus (errors-dev.jsonl), into a topic
//             of 3 partitions
//   baseline  a kafkajs consumer group that reads the topic from the start and commits each batch,
//             doing nothing else: what kafkajs itself costs on this machine
//   worker    `startWorker` with the bundled catalog: decode, match, enrich, publish the events,
//             commit; timed until its metrics have counted every message
//
// The figure to read is the ratio, worker / baseline (these machines are noisy). The worker's own
// histogram says how much of its time went to matching and enriching (logsig_match_duration).
// The broker is a real Apache Kafka (scripts/stack.ts; KAFKA_BROKERS reuses a running one).
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '../src/config/load.ts';
import { createLogger } from '../src/telemetry/logger.ts';
import { startWorker } from '../src/worker/worker.ts';
import { startKafka, startRedis } from '../scripts/stack.ts';
import { loghubLines, round } from './support.ts';

const messagesArg = process.argv.find((a) => a.startsWith('--messages='));
const total = messagesArg ? Number(messagesArg.slice('--messages='.length)) : 200_000;
if (!Number.isInteger(total) || total < 1000) throw new Error(`--messages must be a whole number of at least 1,000 (got ${messagesArg})`);
const errorsArg = process.argv.find((a) => a.startsWith('--errors='));
// Percent of lines that are real error lines: 1 by default, more for an error storm.
const errorPercent = errorsArg ? Number(errorsArg.slice('--errors='.length)) : 1;
if (!Number.isInteger(errorPercent) || errorPercent < 0 || errorPercent > 100) throw new Error(`--errors must be a whole percent from 0 to 100 (got ${errorsArg})`);
const PARTITIONS = 3;

function corpus(): string[] {
  const loghub = loghubLines();
  const errors = readFileSync(new URL('../test/fixtures/corpus/errors-dev.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { line: string }).line);
  let error = 0;
  return Array.from({ length: total }, (_, i) => (i % 100 < errorPercent ? errors[error++ % errors.length]! : loghub[i % loghub.length]!));
}

async function metric(metricsUrl: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(pattern)) sum += Number(m[1]);
  return sum;
}

async function main(): Promise<void> {
  const kafkaStack = await startKafka();
  const redisStack = await startRedis();
  const run = randomUUID().slice(0, 8);
  const topics = { input: `bench-${run}.logs`, output: `bench-${run}.logs.diagnosed`, deadLetter: `bench-${run}.logs.dead-letter` };
  const kafka = new Kafka({ clientId: 'logsig-bench', brokers: kafkaStack.brokers, logLevel: logLevel.NOTHING });
  const stops: Array<() => Promise<unknown>> = [() => redisStack.stop(), () => kafkaStack.stop()];
  try {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: Object.values(topics).map((topic) => ({ topic, numPartitions: PARTITIONS })), waitForLeaders: true });
    stops.unshift(async () => {
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
      await admin.disconnect();
    });

    const lines = corpus();
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < lines.length; i += 5000) {
      await producer.send({ topic: topics.input, acks: 1, messages: lines.slice(i, i + 5000).map((value) => ({ value })) });
    }
    await producer.disconnect();

    const config = loadConfig({
      file: null,
      env: {},
      overrides: {
        kafka: { brokers: kafkaStack.brokers, input_topic: topics.input, output_topic: topics.output, dead_letter_topic: topics.deadLetter, group_id: `bench-${run}-worker`, from_beginning: true },
        redis: { url: redisStack.url, key_prefix: `logsig-bench-${run}` },
        telemetry: { host: '127.0.0.1', port: 0 },
        log: { level: 'warn' },
      },
      overridesSource: 'the benchmark',
    });
    // Baseline: kafkajs alone, committing each batch as the worker does.
    const consumer = kafka.consumer({ groupId: `bench-${run}-baseline` });
    await consumer.connect();
    await consumer.subscribe({ topic: topics.input, fromBeginning: true });
    let consumed = 0;
    let baselineStart = 0n;
    const baselineDone = new Promise<bigint>((resolve) => {
      void consumer.run({
        autoCommit: false,
        // As the worker does: kafkajs alone, with the same settings.
        partitionsConsumedConcurrently: config.kafka.partitions_concurrently,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          if (baselineStart === 0n) baselineStart = process.hrtime.bigint();
          resolveOffset(batch.lastOffset());
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }]);
          await heartbeat();
          consumed += batch.messages.length;
          if (consumed >= total) resolve(process.hrtime.bigint());
        },
      });
    });
    const baselineEnd = await baselineDone;
    await consumer.disconnect();
    const baselineSeconds = Number(baselineEnd - baselineStart) / 1e9;

    // The worker, from the first batch it reads to the last message counted.
    const worker = await startWorker(config, createLogger(config.log.level));
    stops.unshift(() => worker.stop());
    const lineCount = /^logsig_lines_total\{result="\w+"\} (\d+)/gm;
    let workerStart = 0n;
    const deadline = Date.now() + 300_000;
    for (;;) {
      const counted = await metric(worker.metricsUrl, lineCount);
      if (workerStart === 0n && counted > 0) workerStart = process.hrtime.bigint();
      if (counted >= total) break;
      if (Date.now() > deadline) throw new Error(`the worker counted ${counted} of ${total} messages in 300 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const workerSeconds = Number(process.hrtime.bigint() - workerStart) / 1e9;
    const matchSeconds = await metric(worker.metricsUrl, /^logsig_match_duration_seconds_sum (\S+)/gm);
    const matched = await metric(worker.metricsUrl, /^logsig_lines_total\{result="matched"\} (\d+)/gm);

    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'worker',
          node: process.version,
          messages: total,
          error_line_percent: errorPercent,
          partitions: PARTITIONS,
          matched_lines: matched,
          messages_per_second: {
            baseline_kafkajs_consumer: Math.round(total / baselineSeconds),
            worker: Math.round(total / workerSeconds),
          },
          worker_vs_baseline: round(baselineSeconds / workerSeconds, 3),
          // Matching and enriching (the batch histogram) as a share of the worker's wall time; the
          // first figure counts from the first batch counted, so it slightly overstates the share.
          match_and_enrich_share_of_worker_time: round(matchSeconds / workerSeconds, 3),
          match_and_enrich_ns_per_message: Math.round((matchSeconds * 1e9) / total),
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
