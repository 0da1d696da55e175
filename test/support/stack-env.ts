// Where the integration stack lives, for tests. test/support/global-setup.ts starts (or finds) a
// Kafka broker and a Redis once per run and provides their addresses; tests read them here.
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    redisUrl: string;
  }
}

/** Bootstrap brokers of the integration Kafka, e.g. ['127.0.0.1:40123']. */
export function kafkaBrokers(): string[] {
  const brokers = inject('kafkaBrokers');
  if (!Array.isArray(brokers) || brokers.length === 0) {
    throw new Error('No Kafka brokers provided: run this file in the integration project (vitest --project integration).');
  }
  return brokers;
}

/** URL of the integration Redis, e.g. 'redis://127.0.0.1:6379'. Use a random key prefix and clean up. */
export function redisUrl(): string {
  const url = inject('redisUrl');
  if (typeof url !== 'string' || url.length === 0) {
    throw new Error('No Redis URL provided: run this file in the integration project (vitest --project integration).');
  }
  return url;
}
