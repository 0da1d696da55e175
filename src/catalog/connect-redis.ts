/**
 * A Redis connection for catalog work that fails fast: a worker must start on its last good or
 * bundled catalog when Redis is down, not hang retrying; `catalog push` must say plainly that it
 * could not reach Redis.
 */
import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  readonly retriable = true;
}

export async function connectRedis(url: string, options: { timeoutMs?: number } = {}): Promise<Redis> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // One attempt: reconnecting forever is the caller's decision, not the connection's.
    retryStrategy: () => null,
  });
  // ioredis emits 'error' for every failed attempt; without a listener Node would crash the process.
  redis.on('error', () => {});
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new RedisUnavailableError(`cannot reach Redis at ${redactUrl(url)}: ${reason}`, { cause: error });
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
