/**
 * An error storm must not knock the worker over. Every line of a burst is an error, so a consumed
 * batch of ~1 MB turns into several MB of events (each carries its signature's root cause,
 * workarounds and dead ends): sent as one request, the broker refuses it (its message.max.bytes,
 * 1 MiB by default, bounds each partition's record batch), kafkajs calls that non-retriable, and a
 * worker that gave up there would replay the same batch on every restart and never get past it.
 * The events must all arrive, and the worker stay up.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosedEventSchema } from '../../src/enrich/event.ts';
import { kafkaBrokers } from '../support/stack-env.ts';
import { collect, createTopics, produceValues, testKafka, uniqueName } from '../support/kafka-helpers.ts';
import { metricValue, startWorkerProcess, topicEnv, waitForReady, type WorkerProcess } from '../support/worker-process.ts';

const errorLines = readFileSync(new URL('../fixtures/corpus/errors-dev.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { line: string }).line);
const BURST = 3000;

describe('an error storm', () => {
  const kafka = testKafka(kafkaBrokers());
  const topics = { input: uniqueName('storm'), output: uniqueName('storm-diagnosed'), dlq: uniqueName('storm-dead') };
  let worker: WorkerProcess;

  beforeAll(async () => {
    // Three partitions: the worker takes them at once (kafka.partitions_concurrently).
    await createTopics(kafka, [topics.input, topics.output, topics.dlq], 3);
    // The whole burst is in the topic before the worker starts, so that it reads it in big batches.
    const values = Array.from({ length: BURST }, (_, i) => ({ key: `svc-${i % 7}`, value: `${errorLines[i % errorLines.length]!} #${i}` }));
    for (let i = 0; i < values.length; i += 500) await produceValues(kafka, topics.input, values.slice(i, i + 500));
    worker = await startWorkerProcess(topicEnv(kafkaBrokers(), { ...topics, deadLetter: topics.dlq }, { LOGSIG_CATALOG_SOURCE: 'files' }));
    await waitForReady(worker.metricsUrl);
  });

  afterAll(async () => {
    await worker?.stop();
  });

  it('publishes an event for every error line, megabytes of them, and stays up', async () => {
    const events = await collect(kafka, topics.output, (messages) => messages.length >= BURST, 90_000);
    expect(events).toHaveLength(BURST);
    const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.value ?? ''), 0);
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    const lines = new Set(events.map((e) => DiagnosedEventSchema.parse(JSON.parse(e.value!)).line));
    expect(lines.size).toBe(BURST);
    const metrics = await (await fetch(`${worker.metricsUrl}/metrics`)).text();
    expect(metricValue(metrics, 'logsig_lines_total', { result: 'matched' })).toBe(BURST);
    expect(metricValue(metrics, 'logsig_lines_total', { result: 'dead_letter' })).toBe(0);
    expect((await fetch(`${worker.metricsUrl}/healthz`)).status).toBe(200);
  });
});
