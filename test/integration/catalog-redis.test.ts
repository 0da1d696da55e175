/**
 * Catalog distribution through a real Redis: push, load current, idempotent pushes, immutable
 * versions, and what a loader does with tampered or missing data. Every test uses its own random
 * key prefix and deletes its keys afterwards.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir, loadCatalogFromRecords } from '../../src/catalog/load-files.ts';
import { CatalogStoreError, catalogKeys, loadCatalogVersion, loadCurrentCatalog, pushCatalog, type StoredCatalog } from '../../src/catalog/redis-store.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let redis: Redis;
let bundled: Catalog;
const prefixes: string[] = [];
const newPrefix = () => {
  const prefix = `logsig-test-${randomUUID()}`;
  prefixes.push(prefix);
  return prefix;
};

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  bundled = (await loadCatalogDir(BUNDLED_CATALOG_DIR)).catalog;
});

afterEach(async () => {
  for (const prefix of prefixes.splice(0)) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
});

afterAll(async () => {
  await redis.quit();
});

/** Collects messages on the updates channel of `prefix` until stopped. */
async function listen(prefix: string) {
  const sub = new Redis(REDIS_URL);
  const messages: string[] = [];
  sub.on('message', (_channel, message: string) => messages.push(message));
  await sub.subscribe(catalogKeys(prefix).updates);
  return {
    messages,
    async waitFor(count: number) {
      const deadline = Date.now() + 5000;
      while (messages.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return messages;
    },
    stop: () => sub.quit(),
  };
}

describe('pushCatalog and loadCurrentCatalog', () => {
  it('round-trips a catalog: same version, same records, no problems', async () => {
    const prefix = newPrefix();
    const pushed = await pushCatalog(redis, bundled, { prefix });
    expect(pushed).toEqual({ version: bundled.version, created: true, changed: true });
    expect(await redis.get(`${prefix}:catalog:current`)).toBe(bundled.version);

    const loaded = await loadCurrentCatalog(redis, { prefix });
    expect(loaded).not.toBeNull();
    expect(loaded?.problems).toEqual([]);
    expect(loaded?.catalog.version).toBe(bundled.version);
    expect(loaded?.catalog.entries.map((e) => e.raw)).toEqual(bundled.entries.map((e) => e.raw));
    expect(loaded?.catalog.entries.map((e) => e.record)).toEqual(bundled.entries.map((e) => e.record));
    expect(loaded?.catalog.entries[0]?.origin).toBe(`redis:${prefix}:catalog:v:${bundled.version}[0]`);
  });

  it('stores the version document in the documented shape', async () => {
    const prefix = newPrefix();
    await pushCatalog(redis, bundled, { prefix });
    const doc = JSON.parse((await redis.get(`${prefix}:catalog:v:${bundled.version}`)) ?? 'null') as StoredCatalog;
    expect(doc.version).toBe(bundled.version);
    expect(Number.isNaN(Date.parse(doc.created_at))).toBe(false);
    expect(doc.records).toHaveLength(bundled.entries.length);
  });

  it('is idempotent: the same catalog twice writes nothing new and announces once', async () => {
    const prefix = newPrefix();
    const updates = await listen(prefix);
    try {
      await pushCatalog(redis, bundled, { prefix });
      const key = `${prefix}:catalog:v:${bundled.version}`;
      const firstDoc = await redis.get(key);
      await new Promise((r) => setTimeout(r, 5));
      const again = await pushCatalog(redis, bundled, { prefix });
      expect(again).toEqual({ version: bundled.version, created: false, changed: false });
      // The stored version is immutable: created_at is the first push's.
      expect(await redis.get(key)).toBe(firstDoc);
      expect(await redis.keys(`${prefix}:*`)).toHaveLength(2);
      expect(await updates.waitFor(1)).toEqual([bundled.version]);
      await new Promise((r) => setTimeout(r, 200));
      expect(updates.messages).toEqual([bundled.version]);
    } finally {
      await updates.stop();
    }
  });

  it('switching versions keeps the old one loadable and announces each change', async () => {
    const prefix = newPrefix();
    const smaller = loadCatalogFromRecords(bundled.entries.slice(0, 3).map((e) => ({ raw: e.raw, origin: e.origin }))).catalog;
    const updates = await listen(prefix);
    try {
      await pushCatalog(redis, bundled, { prefix });
      expect(await pushCatalog(redis, smaller, { prefix })).toEqual({ version: smaller.version, created: true, changed: true });
      expect((await loadCurrentCatalog(redis, { prefix }))?.catalog.version).toBe(smaller.version);
      const old = await loadCatalogVersion(redis, bundled.version, { prefix });
      expect(old.catalog.entries).toHaveLength(bundled.entries.length);
      expect(await updates.waitFor(2)).toEqual([bundled.version, smaller.version]);
    } finally {
      await updates.stop();
    }
  });

  it('returns null when nothing was ever pushed under the prefix', async () => {
    expect(await loadCurrentCatalog(redis, { prefix: newPrefix() })).toBeNull();
  });
});

describe('loading what Redis holds, when it is not what was pushed', () => {
  it('reports records that no longer hash to their version, and still loads them', async () => {
    const prefix = newPrefix();
    const keys = catalogKeys(prefix);
    const records = bundled.entries.map((e) => ({ ...e.raw }));
    records[0] = { ...records[0], confidence: 0.01 };
    const doc: StoredCatalog = { version: bundled.version, created_at: new Date().toISOString(), records };
    await redis.set(keys.version(bundled.version), JSON.stringify(doc));
    await redis.set(keys.current, bundled.version);

    const loaded = await loadCurrentCatalog(redis, { prefix });
    expect(loaded?.catalog.entries).toHaveLength(bundled.entries.length);
    expect(loaded?.catalog.version).not.toBe(bundled.version);
    expect(loaded?.problems).toHaveLength(1);
    expect(loaded?.problems[0]).toMatchObject({ file: `redis:${keys.version(bundled.version)}`, field: null, severity: 'warning' });
    expect(loaded?.problems[0]?.reason).toContain(`stored as version ${bundled.version}`);
  });

  it('validates stored records like files: a bad one is reported by index and left out', async () => {
    const prefix = newPrefix();
    const keys = catalogKeys(prefix);
    const records = [...bundled.entries.map((e) => e.raw), { id: 'bad/no-regex' }];
    await redis.set(keys.version('sha256:hand-written'), JSON.stringify({ version: 'sha256:hand-written', created_at: '2026-01-01T00:00:00Z', records }));
    await redis.set(keys.current, 'sha256:hand-written');

    const loaded = await loadCurrentCatalog(redis, { prefix });
    expect(loaded?.catalog.entries).toHaveLength(bundled.entries.length);
    const bad = loaded?.problems.find((p) => p.severity === 'error');
    expect(bad).toMatchObject({ file: `redis:${keys.version('sha256:hand-written')}[${bundled.entries.length}]`, field: 'regex' });
  });

  it('throws a store error when current names a version that is not stored', async () => {
    const prefix = newPrefix();
    await redis.set(catalogKeys(prefix).current, 'sha256:gone');
    await expect(loadCurrentCatalog(redis, { prefix })).rejects.toBeInstanceOf(CatalogStoreError);
  });

  it('throws a store error when the version key does not hold a catalog', async () => {
    const prefix = newPrefix();
    const keys = catalogKeys(prefix);
    await redis.set(keys.current, 'sha256:junk');
    await redis.set(keys.version('sha256:junk'), '{"records": "not a list"}');
    await expect(loadCurrentCatalog(redis, { prefix })).rejects.toThrow(/does not hold a stored catalog/);
  });
});
