/**
 * `logsig catalog push [DIR]` validates a catalog directory and stores it in Redis as a new,
 * immutable version that workers load; `logsig catalog current` says which version that is.
 *
 * A push with errors is refused: silently leaving out a broken record would remove a signature
 * from every worker's diagnosis at the next start.
 */
import type { Command } from 'commander';
import { connectRedis, redactUrl } from '../../catalog/connect-redis.ts';
import { formatLintReport } from '../../catalog/lint.ts';
import { BUNDLED_CATALOG_DIR } from '../../catalog/load-files.ts';
import { getCurrentVersion, pushCatalog } from '../../catalog/redis-store.ts';
import { loadConfig } from '../../config/load.ts';
import { UsageError } from '../errors.ts';
import { lintDir } from './lint.ts';

interface RedisOptions {
  redisUrl?: string;
  prefix?: string;
  config?: string;
}

function redisSettings(options: RedisOptions): { url: string; prefix: string } {
  const config = loadConfig({ file: options.config ?? process.env.LOGSIG_CONFIG ?? null, env: process.env });
  return { url: options.redisUrl ?? config.redis.url, prefix: options.prefix ?? config.redis.key_prefix };
}

function withRedisOptions(command: Command): Command {
  return command
    .option('--redis-url <url>', 'Redis to use (default: redis.url of the config, LOGSIG_REDIS_URL)')
    .option('--prefix <prefix>', 'key prefix (default: redis.key_prefix of the config)')
    .option('-c, --config <file>', 'a YAML config file');
}

export function registerCatalogCommand(program: Command): void {
  const catalog = program.command('catalog').description('Manage the catalog that workers load from Redis');

  withRedisOptions(
    catalog
      .command('push')
      .description('Validate a catalog directory and make it the current version in Redis')
      .argument('[dir]', 'catalog directory (default: the bundled catalog)'),
  ).action(async (dir: string | undefined, options: RedisOptions) => {
    const { url, prefix } = redisSettings(options);
    const source = dir ?? BUNDLED_CATALOG_DIR;
    const lint = await lintDir(source);
    if (!lint.ok) {
      process.stderr.write(formatLintReport(lint, { format: 'text' }));
      throw new UsageError(`not pushed: ${source} has errors (see above; \`logsig lint\` shows the same report)`, 1);
    }
    const redis = await connectRedis(url);
    try {
      const result = await pushCatalog(redis, lint.catalog, { prefix });
      const what = result.changed ? 'is now current' : 'was already current';
      process.stdout.write(`${lint.catalog.entries.length} signatures, version ${result.version} ${what} in ${redactUrl(url)} (${prefix}:catalog:current)\n`);
    } finally {
      redis.disconnect();
    }
  });

  withRedisOptions(catalog.command('current').description('Print the version workers load from Redis')).action(async (options: RedisOptions) => {
    const { url, prefix } = redisSettings(options);
    const redis = await connectRedis(url);
    try {
      const version = await getCurrentVersion(redis, { prefix });
      if (version === null) throw new UsageError(`no current catalog in ${redactUrl(url)} (${prefix}:catalog:current); push one with \`logsig catalog push\``, 1);
      process.stdout.write(`${version}\n`);
    } finally {
      redis.disconnect();
    }
  });
}
