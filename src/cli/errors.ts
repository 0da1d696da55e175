/**
 * How the CLI ends on an error: a known user error (bad config, unreachable Redis, bad catalog)
 * is one clear message and a non-zero exit; anything else is a bug and keeps its stack.
 */
import { ConfigError } from '../config/load.ts';
import { RedisUnavailableError } from '../catalog/connect-redis.ts';
import { CatalogDirError } from '../catalog/load-files.ts';
import { CatalogStoreError } from '../catalog/stored.ts';

/** A user-facing failure whose message is the whole story. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export const EXIT_CONFIG = 2;
export const EXIT_UNAVAILABLE = 3;

export function reportAndExit(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  if (error instanceof UsageError) {
    process.stderr.write(`logsig: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  // A catalog directory that cannot be read, or a Redis key that holds no catalog: the user's
  // to fix, and the message says what and where.
  if (error instanceof CatalogDirError) {
    process.stderr.write(`logsig: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  if (error instanceof CatalogStoreError) {
    process.stderr.write(`logsig: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof RedisUnavailableError) {
    process.stderr.write(`logsig: ${error.message}\n`);
    process.exit(EXIT_UNAVAILABLE);
  }
  process.stderr.write(`logsig: unexpected error (a bug; please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
