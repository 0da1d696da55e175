/**
 * Catalog distribution through Redis (DESIGN.md "Redis layout"):
 *
 *   <p>:catalog:v:<version>   immutable JSON {version, created_at, records: [raw, ...]}
 *   <p>:catalog:current       the version workers should run
 *   <p>:catalog:updates       channel; the new version string is published when current changes
 *
 * Versions are content hashes, so a version key, once written, never changes: pushing the same
 * catalog twice writes nothing new. Records are stored as written (raw) and validated again on
 * load through the same loader as files, so a worker never trusts what another process judged.
 *
 * Takes a Redis client and options, nothing else: no config, no logger, so the CLI, the worker
 * and the tests can all use it. With Redis Cluster, give a prefix with a hash tag (`{logsig}`) so
 * the version key and `current` share a slot and can be written in one MULTI.
 */
import type { Cluster, Redis } from 'ioredis';
import type { Catalog } from './catalog.ts';
import type { CatalogLoadResult } from './load-records.ts';
import { CatalogStoreError, loadStored, toStored } from './stored.ts';

export type RedisClient = Redis | Cluster;

export interface CatalogStoreOptions {
  /** Key prefix; default `logsig`. */
  readonly prefix?: string;
}

export const DEFAULT_PREFIX = 'logsig';

export function catalogKeys(prefix: string = DEFAULT_PREFIX) {
  return {
    version: (version: string) => `${prefix}:catalog:v:${version}`,
    current: `${prefix}:catalog:current`,
    compiled: (version: string) => `${prefix}:catalog:compiled:${version}`,
    updates: `${prefix}:catalog:updates`,
  } as const;
}

export { CatalogStoreError, type StoredCatalog } from './stored.ts';

export interface PushResult {
  readonly version: string;
  /** False when this version was already stored (same content pushed before). */
  readonly created: boolean;
  /** True when `current` named another version (or none) before; only then is an update published. */
  readonly changed: boolean;
}

/** Stores the catalog under its version and makes it current, atomically; then announces it. */
export async function pushCatalog(redis: RedisClient, catalog: Catalog, options: CatalogStoreOptions = {}): Promise<PushResult> {
  const keys = catalogKeys(options.prefix);
  const versionKey = keys.version(catalog.version);
  const doc = toStored(catalog);
  // One MULTI: `current` is only ever set together with (after) its version key, so it never names
  // a missing version. NX keeps the first created_at of a version: stored versions are immutable.
  const replies = await redis.multi().set(versionKey, JSON.stringify(doc), 'NX').set(keys.current, catalog.version, 'GET').exec();
  if (replies === null) throw new CatalogStoreError('the catalog push transaction was aborted', keys.current);
  for (const [err] of replies) if (err) throw new CatalogStoreError(`the catalog push failed: ${err.message}`, versionKey, { cause: err });
  const created = replies[0]?.[1] === 'OK';
  const previous = replies[1]?.[1] as string | null | undefined;
  const changed = previous !== catalog.version;
  if (changed) await redis.publish(keys.updates, catalog.version);
  return { version: catalog.version, created, changed };
}

/** The version `current` names, or null when nothing was ever pushed. */
export async function getCurrentVersion(redis: RedisClient, options: CatalogStoreOptions = {}): Promise<string | null> {
  return redis.get(catalogKeys(options.prefix).current);
}

/** Loads the current catalog; null when no version is current. */
export async function loadCurrentCatalog(redis: RedisClient, options: CatalogStoreOptions = {}): Promise<CatalogLoadResult | null> {
  const version = await getCurrentVersion(redis, options);
  if (version === null) return null;
  return loadCatalogVersion(redis, version, options);
}

/** Loads one stored version, validating every record again (see `loadStored`). */
export async function loadCatalogVersion(redis: RedisClient, version: string, options: CatalogStoreOptions = {}): Promise<CatalogLoadResult> {
  const key = catalogKeys(options.prefix).version(version);
  const text = await redis.get(key);
  if (text === null) throw new CatalogStoreError(`catalog version ${version} is not stored (key ${key} is missing)`, key);
  return loadStored(text, `redis:${key}`, version);
}
