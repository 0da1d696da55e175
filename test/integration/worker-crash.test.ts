/**
 * At-least-once, shown the hard way: a worker is SIGKILLed while lines are flowing, a second worker
 * takes over in the same group, and every matched line still comes out on the output topic
 * (duplicates allowed — consumers drop them by event_id — losses not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers } from '../support/stack-env.ts';
import { collect, createTopics, produceValues, testKafka, uniqueName } from '../support/kafka-helpers.ts';
import { startWorkerProcess, waitForReady, type WorkerProcess } from '../support/worker-process.ts';
import { readFileSync } from 'node:fs';

const healthy = readFileSync(new URL('../fixtures/loghub-healthy.log', import.meta.url), 'utf8').split('\n').filter(Boolean);

describe('worker crash and restart', () => {
  const kafka = testKafka(kafkaBrokers());
  const topics = { input: uniqueName('logs'), output: uniqueName('diagnosed'), dlq: uniqueName('dead') };
  const group = uniqueName('group');
  const workers: WorkerProcess[] = [];
  const env = {
    LOGSIG_KAFKA_BROKERS: kafkaBrokers().join(','),
    LOGSIG_KAFKA_INPUT_TOPIC: topics.input,
    LOGSIG_KAFKA_OUTPUT_TOPIC: topics.output,
    LOGSIG_KAFKA_DEAD_LETTER_TOPIC: topics.dlq,
    LOGSIG_KAFKA_GROUP_ID: group,
    LOGSIG_KAFKA_FROM_BEGINNING: 'true',
    // The bundled catalog, so this test does not depend on what Redis holds.
    LOGSIG_CATALOG_SOURCE: 'files',
    // A short session so the killed member's partitions are handed over quickly.
    LOGSIG_KAFKA_SESSION_TIMEOUT_MS: '6000',
  };

  beforeAll(async () => {
    await createTopics(kafka, [topics.input, topics.output, topics.dlq], 3);
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
  });

  it('loses no matched line when a worker is SIGKILLed mid-stream', async () => {
    const chunks = 10;
    const perChunk = 200;
    const expected = new Set<string>();
    const chunk = (c: number) =>
      Array.from({ length: perChunk }, (_, i) => {
        const n = c * perChunk + i;
        if (n % 10 === 0) {
          const value = `ERROR auth line=${n} OAuth2 error: invalid_grant refresh token expired`;
          expected.add(value);
          return { key: `k${n % 7}`, value };
        }
        return { key: `k${n % 7}`, value: healthy[n % healthy.length]! };
      });

    const first = await startWorkerProcess(env);
    workers.push(first);
    await waitForReady(first.metricsUrl);
    await produceValues(kafka, topics.input, chunk(0));
    await collect(kafka, topics.output, (m) => m.length >= 5);

    // Keep lines flowing while the first worker dies without any chance to clean up.
    for (let c = 1; c < chunks; c++) {
      await produceValues(kafka, topics.input, chunk(c));
      if (c === 3) expect(await first.stop('SIGKILL')).toBeNull();
    }

    const second = await startWorkerProcess(env);
    workers.push(second);
    const out = await collect(
      kafka,
      topics.output,
      (messages) => {
        const seen = new Set(messages.map((m) => (JSON.parse(m.value!) as { line: string }).line));
        return [...expected].every((line) => seen.has(line));
      },
      90_000,
    );
    const seen = new Set(out.map((m) => (JSON.parse(m.value!) as { line: string }).line));
    const missing = [...expected].filter((line) => !seen.has(line));
    expect(missing).toEqual([]);
    expect(expected.size).toBe((chunks * perChunk) / 10);
    // Every event is a seed diagnosis: no healthy line was published.
    expect(out.every((m) => m.headers['logsig.signature_id'] === 'api/oauth2-invalid-grant-refresh-token-expired')).toBe(true);
  });
});
