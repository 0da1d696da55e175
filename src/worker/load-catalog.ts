/**
 * Where a worker's catalog comes from at start, best first:
 *
 *   1. the current version in Redis (and then it is saved to `catalog.cache_file`, if set);
 *   2. the last good catalog in `catalog.cache_file`, when Redis has none or cannot be reached;
 *   3. the bundled catalog (or `catalog.dir`).
 *
 * Falling back is a warning, never a crash: a worker that diagnoses with yesterday's catalog is
 * worth more than one that refuses to start.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { readCatalogCache, writeCatalogCache } from '../catalog/cache-file.ts';
import { connectRedis, redactUrl } from '../catalog/connect-redis.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../catalog/load-files.ts';
import { formatProblem, type CatalogProblem } from '../catalog/problems.ts';
import { loadCurrentCatalog } from '../catalog/redis-store.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../telemetry/logger.ts';

export type CatalogSource = 'redis' | 'cache' | 'files' | 'bundled';

export interface LoadedCatalog {
  readonly catalog: Catalog;
  readonly source: CatalogSource;
  readonly problems: readonly CatalogProblem[];
}

async function fromDir(dir: string | null): Promise<LoadedCatalog> {
  const { catalog, problems } = await loadCatalogDir(dir ?? BUNDLED_CATALOG_DIR);
  return { catalog, source: dir ? 'files' : 'bundled', problems };
}

export async function loadWorkerCatalog(config: Config, logger: Logger): Promise<LoadedCatalog> {
  const log = logger.child({ component: 'catalog' });
  const loaded = config.catalog.source === 'files' ? await fromDir(config.catalog.dir) : await fromRedisOrFallback(config, log);
  if (loaded.problems.length > 0) {
    log.warn({ problems: loaded.problems.map(formatProblem) }, `${loaded.problems.length} catalog record(s) have problems; the rest are in use`);
  }
  return loaded;
}

async function fromRedisOrFallback(config: Config, log: Logger): Promise<LoadedCatalog> {
  const where = redactUrl(config.redis.url);
  const cacheFile = config.catalog.cache_file;
  try {
    const redis = await connectRedis(config.redis.url);
    try {
      const current = await loadCurrentCatalog(redis, { prefix: config.redis.key_prefix });
      if (current) {
        if (cacheFile) await saveCache(cacheFile, current.catalog, log);
        return { catalog: current.catalog, source: 'redis', problems: current.problems };
      }
      log.warn(
        { redis: where, key: `${config.redis.key_prefix}:catalog:current` },
        'Redis holds no current catalog; using a fallback. Push one with `logsig catalog push`.',
      );
    } finally {
      redis.disconnect();
    }
  } catch (error) {
    log.warn({ redis: where, err: error }, 'Cannot load the catalog from Redis; using a fallback.');
  }
  if (cacheFile) {
    const cached = await readCatalogCache(cacheFile).catch((error: unknown) => {
      log.warn({ file: cacheFile, err: error }, 'The cached catalog cannot be read.');
      return null;
    });
    if (cached) {
      log.warn({ file: cacheFile, version: cached.catalog.version }, 'Using the last good catalog from the cache file.');
      return { catalog: cached.catalog, source: 'cache', problems: cached.problems };
    }
  }
  const fallback = await fromDir(config.catalog.dir);
  log.warn({ source: fallback.source, version: fallback.catalog.version }, `Using the ${fallback.source} catalog.`);
  return fallback;
}

/** A cache that cannot be written costs resilience, not correctness: warn and go on. */
async function saveCache(file: string, catalog: Catalog, log: Logger): Promise<void> {
  try {
    await writeCatalogCache(file, catalog);
  } catch (error) {
    log.warn({ file, err: error }, 'Cannot write the catalog cache file.');
  }
}
