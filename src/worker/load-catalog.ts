/**
 * Where a worker's catalog comes from at start: the current version in Redis, or — with a warning,
 * never a crash — the bundled catalog when Redis has none or cannot be reached. A worker that can
 * diagnose with yesterday's catalog is worth more than one that refuses to start.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { connectRedis, redactUrl } from '../catalog/connect-redis.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../catalog/load-files.ts';
import { formatProblem, type CatalogProblem } from '../catalog/problems.ts';
import { loadCurrentCatalog } from '../catalog/redis-store.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../telemetry/logger.ts';

export type CatalogSource = 'redis' | 'files' | 'bundled';

export interface LoadedCatalog {
  readonly catalog: Catalog;
  readonly source: CatalogSource;
  readonly problems: readonly CatalogProblem[];
}

async function fromDir(dir: string | null, source: CatalogSource): Promise<LoadedCatalog> {
  const { catalog, problems } = await loadCatalogDir(dir ?? BUNDLED_CATALOG_DIR);
  return { catalog, source, problems };
}

export async function loadWorkerCatalog(config: Config, logger: Logger): Promise<LoadedCatalog> {
  const log = logger.child({ component: 'catalog' });
  let loaded: LoadedCatalog;
  if (config.catalog.source === 'files') {
    loaded = await fromDir(config.catalog.dir, config.catalog.dir ? 'files' : 'bundled');
  } else {
    loaded = await fromRedisOrBundled(config, log);
  }
  if (loaded.problems.length > 0) {
    log.warn({ problems: loaded.problems.map(formatProblem) }, `${loaded.problems.length} catalog record(s) have problems; the rest are in use`);
  }
  return loaded;
}

async function fromRedisOrBundled(config: Config, log: Logger): Promise<LoadedCatalog> {
  const where = redactUrl(config.redis.url);
  try {
    const redis = await connectRedis(config.redis.url);
    try {
      const current = await loadCurrentCatalog(redis, { prefix: config.redis.key_prefix });
      if (current) return { catalog: current.catalog, source: 'redis', problems: current.problems };
      log.warn(
        { redis: where, key: `${config.redis.key_prefix}:catalog:current` },
        'Redis holds no current catalog; using the bundled catalog. Push one with `logsig catalog push`.',
      );
    } finally {
      redis.disconnect();
    }
  } catch (error) {
    log.warn({ redis: where, err: error }, 'Cannot load the catalog from Redis; using the bundled catalog.');
  }
  return fromDir(config.catalog.dir, config.catalog.dir ? 'files' : 'bundled');
}
