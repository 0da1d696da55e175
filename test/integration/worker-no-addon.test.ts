/**
 * Where the native addon was never built (installed with --ignore-scripts, no compiler), the worker
 * says so once at start and matches all the same with the JavaScript loops and the `re2` package.
 * The addon's loading is made to fail by a preload (test/fixtures/preload), so this is the real
 * worker's real fallback path.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosedEventSchema } from '../../src/enrich/event.ts';
import { kafkaBrokers } from '../support/stack-env.ts';
import { collect, createTopics, produceValues, testKafka, uniqueName } from '../support/kafka-helpers.ts';
import { startWorkerProcess, topicEnv, waitForReady, type WorkerProcess } from '../support/worker-process.ts';

const preload = fileURLToPath(new URL('../fixtures/preload/no-native-addon.cjs', import.meta.url));
const SEED_ID = 'api/oauth2-invalid-grant-refresh-token-expired';

describe('a worker without the native addon', () => {
  const kafka = testKafka(kafkaBrokers());
  const topics = { input: uniqueName('noaddon'), output: uniqueName('noaddon-diagnosed') };
  let worker: WorkerProcess;

  beforeAll(async () => {
    await createTopics(kafka, [topics.input, topics.output]);
    worker = await startWorkerProcess(
      topicEnv(kafkaBrokers(), topics, { LOGSIG_CATALOG_SOURCE: 'files', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() }),
    );
    await waitForReady(worker.metricsUrl);
  });

  afterAll(async () => {
    await worker?.stop();
  });

  it('says once that the addon did not load, and why', () => {
    const warnings = worker.logs.filter((log) => String(log.msg).startsWith('The native prefilter addon did not load'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
    expect(String(warnings[0]!.reason)).toContain('made to fail by the test');
  });

  it('diagnoses lines all the same', async () => {
    await produceValues(kafka, topics.input, [
      'INFO dfs.DataNode: Receiving block blk_1 src: /10.0.0.1:5000 dest: /10.0.0.2:50010',
      'ERROR token-refresher OAuth2 error: invalid_grant refresh token expired for client 7f9c',
      'FATAL: sorry, too many clients already',
    ]);
    const events = await collect(kafka, topics.output, (messages) => messages.length >= 2);
    const ids = events.map((e) => DiagnosedEventSchema.parse(JSON.parse(e.value!)).signature.id).sort();
    expect(ids).toEqual([SEED_ID, 'postgres/too-many-connections'].sort());
  });
});
