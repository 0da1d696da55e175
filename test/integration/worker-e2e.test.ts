/**
 * The real worker against the real broker and Redis: a catalog pushed to Redis, lines produced to
 * the input topic (the seed's error among normal Loghub lines, as raw text and as JSON log
 * objects), diagnosed events read back from the output topic and checked field by field, and the
 * Prometheus counters read from /metrics.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { pushCatalog } from '../../src/catalog/redis-store.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { DiagnosedEventSchema, type DiagnosedEvent } from '../../src/enrich/event.ts';
import { kafkaBrokers, redisUrl } from '../support/stack-env.ts';
import { collect, createTopics, produceValues, testKafka, uniqueName } from '../support/kafka-helpers.ts';
import { startPrometheus } from '../support/prometheus.ts';
import { metricValue, startWorkerProcess, topicEnv, waitForReady, type WorkerProcess } from '../support/worker-process.ts';

const SEED_ID = 'api/oauth2-invalid-grant-refresh-token-expired';
const seed = JSON.parse(readFileSync(new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url), 'utf8')) as Record<string, unknown>;
const loghubLines = readFileSync(new URL('../fixtures/loghub-healthy.log', import.meta.url), 'utf8').split('\n').filter(Boolean);

describe('worker end to end', () => {
  const kafka = testKafka(kafkaBrokers());
  const topics = { input: uniqueName('logs'), output: uniqueName('diagnosed'), dlq: uniqueName('dead') };
  const prefix = uniqueName('logsig-test');
  let redis: Redis;
  let catalog: Catalog;
  let worker: WorkerProcess;

  beforeAll(async () => {
    redis = new Redis(redisUrl());
    ({ catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR));
    await pushCatalog(redis, catalog, { prefix });
    await createTopics(kafka, [topics.input, topics.output, topics.dlq]);
    worker = await startWorkerProcess(
      topicEnv(kafkaBrokers(), { ...topics, deadLetter: topics.dlq }, { LOGSIG_REDIS_URL: redisUrl(), LOGSIG_REDIS_KEY_PREFIX: prefix, LOGSIG_CATALOG_SOURCE: 'redis' }),
    );
    await waitForReady(worker.metricsUrl);
  });

  afterAll(async () => {
    await worker?.stop();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('diagnoses the seed error among healthy lines and publishes fully enriched events', async () => {
    const seedText = '2026-11-25T17:59:59.812Z ERROR token-refresher OAuth2 error: invalid_grant refresh token expired for client 7f9c';
    const jsonLine = JSON.stringify({
      '@timestamp': '2026-11-25T17:59:58.000Z',
      level: 'error',
      service: { name: 'checkout' },
      message: 'invalid_grant: RefreshToken has been revoked',
    });
    const stackTrace = [
      'com.example.TokenRefreshException: invalid_grant',
      'refresh token has expired',
      '\tat com.example.TokenClient.refresh(TokenClient.java:88)',
    ].join('\n');
    const healthy = loghubLines.slice(0, 120);
    const values = [
      ...healthy.slice(0, 40).map((value) => ({ value })),
      { key: 'checkout-7f9c', value: seedText },
      ...healthy.slice(40, 80).map((value) => ({ value })),
      { key: 'checkout-7f9c', value: jsonLine },
      { value: '' },
      { value: stackTrace },
      ...healthy.slice(80).map((value) => ({ value })),
    ];
    await produceValues(kafka, topics.input, values);

    const out = await collect(kafka, topics.output, (messages) => messages.length >= 3);
    // Give a wrongly published extra event the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const events = (await collect(kafka, topics.output, (m) => m.length >= out.length)).map((m) => DiagnosedEventSchema.parse(JSON.parse(m.value!)));
    expect(events).toHaveLength(3);

    const byOffset = new Map(events.map((e) => [e.source.offset, e] as const));
    const textEvent = byOffset.get('40') as DiagnosedEvent;
    expect(textEvent).toBeDefined();
    expect(textEvent.schema).toBe('logsig.event/v1');
    expect(textEvent.event_id).toBe(`${topics.input}-0-40-0`);
    expect(textEvent.source).toMatchObject({ topic: topics.input, partition: 0, offset: '40', key: 'checkout-7f9c' });
    expect(textEvent.line).toBe(seedText);
    expect(textEvent.line_truncated).toBe(false);
    expect(textEvent.signature).toMatchObject({ id: SEED_ID, title: seed.signature, domain: 'api', category: 'auth_error', error_code: 'invalid_grant', confidence: 0.85 });
    expect(textEvent.root_cause).toBe(seed.root_cause);
    expect(textEvent.workarounds.map((w) => w.success_rate)).toEqual([0.9, 0.85, 0.8]);
    expect(textEvent.workarounds[0]!.how).toMatch(/re-authenticate/);
    expect(textEvent.dead_ends.map((d) => d.fail_rate)).toEqual([0.9, 0.7, 0.8]);
    expect(textEvent.docs.url).toBe(seed.official_doc_url);
    expect(textEvent.locale).toBe('en');
    expect(textEvent.catalog_version).toBe(catalog.version);
    expect(textEvent.related).toEqual({ leads_to: [], preceded_by: [], frequently_confused_with: [] });

    const jsonEvent = byOffset.get('81') as DiagnosedEvent;
    expect(jsonEvent.signature.id).toBe(SEED_ID);
    expect(jsonEvent.line).toBe('invalid_grant: RefreshToken has been revoked');
    expect(jsonEvent.source.service).toBe('checkout');
    expect(jsonEvent.source.timestamp).toBe('2026-11-25T17:59:58.000Z');

    // A stack trace shipped as one message is matched as a whole: its parts sit on different lines.
    const traceEvent = byOffset.get('83') as DiagnosedEvent;
    expect(traceEvent.signature.id).toBe(SEED_ID);
    expect(traceEvent.line).toBe(stackTrace);

    const metrics = await (await fetch(`${worker.metricsUrl}/metrics`)).text();
    expect(metricValue(metrics, 'logsig_matches_total', { signature_id: SEED_ID, domain: 'api', category: 'auth_error' })).toBe(3);
    expect(metricValue(metrics, 'logsig_lines_total', { result: 'matched' })).toBe(3);
    expect(metricValue(metrics, 'logsig_lines_total', { result: 'empty' })).toBe(1);
    expect(metricValue(metrics, 'logsig_lines_total', { result: 'unmatched' })).toBe(healthy.length);
    expect(metricValue(metrics, 'logsig_catalog_info', { version: catalog.version, source: 'redis' })).toBe(1);
    expect(metricValue(metrics, 'logsig_catalog_signatures')).toBe(catalog.entries.length);
    expect(metrics).toContain('process_cpu_seconds_total');
  });

  it('a real Prometheus scraping the worker sees the match under its signature id', async () => {
    const prometheus = await startPrometheus(new URL(worker.metricsUrl).host);
    try {
      const expr = `sum(logsig_matches_total{signature_id="${SEED_ID}"})`;
      let value: number | null = null;
      for (let attempt = 0; attempt < 60 && value !== 3; attempt++) {
        value = await prometheus.query(expr);
        if (value !== 3) await new Promise((r) => setTimeout(r, 500));
      }
      expect(value).toBe(3);
    } finally {
      await prometheus.stop();
    }
  });
});
