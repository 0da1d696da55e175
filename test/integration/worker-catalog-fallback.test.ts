/**
 * A worker starts on the bundled catalog, with a warning, when Redis has no current catalog or
 * cannot be reached at all — it never refuses to start for want of Redis.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { pushCatalog } from '../../src/catalog/redis-store.ts';
import { kafkaBrokers, redisUrl } from '../support/stack-env.ts';
import { uniqueName } from '../support/kafka-helpers.ts';
import { metricValue, startWorkerProcess, waitForReady, type WorkerProcess } from '../support/worker-process.ts';

describe('worker catalog fallback', () => {
  let worker: WorkerProcess | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  const baseEnv = () => ({
    LOGSIG_KAFKA_BROKERS: kafkaBrokers().join(','),
    LOGSIG_KAFKA_INPUT_TOPIC: uniqueName('logs'),
    LOGSIG_KAFKA_GROUP_ID: uniqueName('group'),
    LOGSIG_CATALOG_SOURCE: 'redis',
  });

  it.each([
    ['Redis holds no current catalog', () => ({ LOGSIG_REDIS_URL: redisUrl(), LOGSIG_REDIS_KEY_PREFIX: uniqueName('empty') }), /no current catalog/],
    ['Redis cannot be reached', () => ({ LOGSIG_REDIS_URL: 'redis://127.0.0.1:1' }), /Cannot load the catalog from Redis/],
  ])('falls back to the bundled catalog when %s', async (_case, redisEnv, warning) => {
    const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
    worker = await startWorkerProcess({ ...baseEnv(), ...redisEnv() });
    const warned = await worker.waitForLog((log) => log.level === 40 && warning.test(String(log.msg)));
    expect(warned.component).toBe('catalog');
    await waitForReady(worker.metricsUrl);
    const metrics = await (await fetch(`${worker.metricsUrl}/metrics`)).text();
    expect(metricValue(metrics, 'logsig_catalog_info', { version: catalog.version, source: 'bundled' })).toBe(1);
  });

  it('restarts on its last good catalog from the cache file when Redis goes away', async () => {
    // A catalog that differs from the bundled one, so the test can tell which was loaded.
    const { catalog: pushed } = await loadCatalogDir(fileURLToPath(new URL('../fixtures/catalogs/mixed', import.meta.url)));
    const prefix = uniqueName('cache');
    const redis = new Redis(redisUrl());
    await pushCatalog(redis, pushed, { prefix });
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'logsig-cache-')), 'catalog.json');
    try {
      worker = await startWorkerProcess({ ...baseEnv(), LOGSIG_REDIS_URL: redisUrl(), LOGSIG_REDIS_KEY_PREFIX: prefix, LOGSIG_CATALOG_CACHE_FILE: cacheFile });
      await worker.waitForLog((log) => log.msg === 'Catalog loaded.' && log.source === 'redis');
      expect(existsSync(cacheFile)).toBe(true);
      await worker.stop();

      worker = await startWorkerProcess({ ...baseEnv(), LOGSIG_REDIS_URL: 'redis://127.0.0.1:1', LOGSIG_CATALOG_CACHE_FILE: cacheFile });
      await waitForReady(worker.metricsUrl);
      const metrics = await (await fetch(`${worker.metricsUrl}/metrics`)).text();
      expect(metricValue(metrics, 'logsig_catalog_info', { version: pushed.version, source: 'cache' })).toBe(1);
      expect(metricValue(metrics, 'logsig_catalog_signatures')).toBe(pushed.entries.length);
    } finally {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
