/**
 * An independent Kafka client (kcat, librdkafka — not kafkajs) writes a line to the input topic
 * and reads the diagnosis back from the output topic: the worker speaks plain Kafka, not a
 * private dialect of our own test helpers.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers } from '../support/stack-env.ts';
import { createTopics, testKafka, uniqueName } from '../support/kafka-helpers.ts';
import { startWorkerProcess, topicEnv, waitForReady, type WorkerProcess } from '../support/worker-process.ts';

function kcat(args: string[], input?: string): string {
  try {
    return execFileSync('kcat', ['-b', kafkaBrokers().join(','), ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new Error('kcat not found: install the Debian package "kcat" (.ci/run does)');
    throw new Error(`kcat ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

describe('an independent Kafka client', () => {
  const topics = { input: uniqueName('logs'), output: uniqueName('diagnosed') };
  let worker: WorkerProcess;

  beforeAll(async () => {
    await createTopics(testKafka(kafkaBrokers()), [topics.input, topics.output]);
    worker = await startWorkerProcess(topicEnv(kafkaBrokers(), topics, { LOGSIG_CATALOG_SOURCE: 'files' }));
    await waitForReady(worker.metricsUrl);
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('gets an enriched diagnosis for a line produced with kcat', () => {
    const line = 'ERROR [auth] OAuth2 error: invalid_grant refresh token expired (client=billing)';
    kcat(['-P', '-t', topics.input, '-k', 'billing'], `${line}\n`);
    // -C: consume, -c 1: one message, -e: stop at the end, retried until the worker has published.
    let out = '';
    for (let attempt = 0; attempt < 60 && out === ''; attempt++) {
      out = kcat(['-C', '-t', topics.output, '-o', 'beginning', '-c', '1', '-e', '-q']).trim();
      if (out === '') execFileSync('sleep', ['0.5']);
    }
    const event = JSON.parse(out) as Record<string, any>;
    expect(event.line).toBe(line);
    expect(event.source.key).toBe('billing');
    expect(event.signature.id).toBe('api/oauth2-invalid-grant-refresh-token-expired');
    expect(event.root_cause).toMatch(/refresh token/i);
    expect(event.workarounds.length).toBeGreaterThanOrEqual(2);
    expect(event.workarounds[0].success_rate).toBeGreaterThanOrEqual(event.workarounds[1].success_rate);
  });
});
