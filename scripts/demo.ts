// `npm run demo`: the whole pipeline on this machine in one command. Starts a real Kafka broker
// and Redis (scripts/stack.ts), pushes the bundled catalog to Redis, runs a worker, replays
// data/samples/*.log into the input topic, prints the diagnosed events as they come off the output
// topic and a summary, and stops everything it started.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pc from 'picocolors';
import { connectRedis } from '../src/catalog/connect-redis.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../src/catalog/load-files.ts';
import { pushCatalog } from '../src/catalog/redis-store.ts';
import { formatEventPretty, formatSummaryPretty } from '../src/cli/scan/pretty.ts';
import { ScanSummary } from '../src/cli/scan/summary.ts';
import { loadConfig } from '../src/config/load.ts';
import { DiagnosedEventSchema, type DiagnosedEvent } from '../src/enrich/event.ts';
import { createLogger } from '../src/telemetry/logger.ts';
import { startWorker } from '../src/worker/worker.ts';
import { repoRoot } from './kafka/jars.ts';
import { startKafka, startRedis } from './stack.ts';

const say = (text: string) => process.stdout.write(`${pc.dim('demo ›')} ${text}\n`);
const samplesDir = join(repoRoot, 'data', 'samples');

async function main(): Promise<void> {
  say('starting a Kafka broker and Redis on 127.0.0.1 …');
  const kafkaStack = await startKafka();
  const redisStack = await startRedis();
  const cleanups: Array<() => Promise<void>> = [() => redisStack.stop(), () => kafkaStack.stop()];
  const run = randomUUID().slice(0, 8);
  const topics = { input: `demo-${run}.logs`, output: `demo-${run}.logs.diagnosed`, deadLetter: `demo-${run}.logs.dead-letter` };
  const prefix = `logsig-demo-${run}`;
  try {
    say(`Kafka ${kafkaStack.brokers.join(',')}, Redis ${redisStack.url}`);

    const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
    const redis = await connectRedis(redisStack.url);
    cleanups.unshift(async () => {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    await pushCatalog(redis, catalog, { prefix });
    say(`pushed the bundled catalog to Redis: ${catalog.entries.length} signatures, ${catalog.version.slice(0, 19)}…`);

    const kafka = new Kafka({ clientId: 'logsig-demo', brokers: kafkaStack.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
    await admin.disconnect();

    const config = loadConfig({
      file: null,
      env: {},
      overrides: {
        kafka: { brokers: kafkaStack.brokers, input_topic: topics.input, output_topic: topics.output, dead_letter_topic: topics.deadLetter, group_id: `demo-${run}`, from_beginning: true },
        redis: { url: redisStack.url, key_prefix: prefix },
        telemetry: { host: '127.0.0.1', port: 0 },
        log: { level: 'warn' },
      },
      overridesSource: 'the demo',
    });
    const worker = await startWorker(config, createLogger(config.log.level));
    cleanups.unshift(() => worker.stop());
    say(`worker running; metrics at ${worker.metricsUrl}/metrics`);

    const files = readdirSync(samplesDir).filter((f) => f.endsWith('.log')).sort();
    const messages = files.flatMap((file) =>
      readFileSync(join(samplesDir, file), 'utf8').split('\n').filter((line) => line.length > 0).map((value) => ({ key: basename(file), value })),
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topics.input, acks: -1, messages });
    await producer.disconnect();
    say(`replayed ${messages.length} lines from ${files.join(', ')} into ${topics.input}\n`);

    const events = await readEvents(kafka, topics.output, worker.metricsUrl, messages.length);
    const summary = new ScanSummary();
    summary.lines = messages.length;
    for (const event of events) {
      summary.addEvent(event);
      process.stdout.write(formatEventPretty(event));
    }
    summary.unmatched = messages.length - events.length;
    process.stdout.write(formatSummaryPretty(summary));
    say(`every event above came off ${topics.output}; Prometheus counted them under logsig_matches_total{signature_id=…}`);
  } finally {
    say('stopping the worker, Kafka and Redis …');
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

/** Reads the output topic until the worker has consumed every line and its events have all arrived. */
async function readEvents(kafka: Kafka, topic: string, metricsUrl: string, produced: number): Promise<DiagnosedEvent[]> {
  const events: DiagnosedEvent[] = [];
  const consumer = kafka.consumer({ groupId: `demo-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void events.push(DiagnosedEventSchema.parse(JSON.parse(message.value!.toString('utf8')))) });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      const { consumed, matched } = await workerCounts(metricsUrl);
      if (consumed >= produced && events.length >= matched) break;
      if (Date.now() > deadline) throw new Error(`the worker consumed ${consumed} of ${produced} lines in 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await consumer.disconnect();
  }
  const where = (e: DiagnosedEvent) => `${e.source.key}:${e.source.partition}:${e.source.offset!.padStart(12, '0')}`;
  return events.sort((a, b) => (where(a) < where(b) ? -1 : 1));
}

async function workerCounts(metricsUrl: string): Promise<{ consumed: number; matched: number }> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  let consumed = 0;
  let matched = 0;
  for (const m of text.matchAll(/^logsig_lines_total\{result="(\w+)"\} (\d+)/gm)) {
    consumed += Number(m[2]);
    if (m[1] === 'matched') matched = Number(m[2]);
  }
  return { consumed, matched };
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
