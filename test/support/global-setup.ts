// vitest globalSetup of the integration project: one real Kafka broker and one real Redis for the
// whole run. Integration tests must never skip quietly, so any failure to start throws and fails the
// run with the reason (missing java/mvn/redis-server, the broker log tail, ...).
//
// Order of preference: KAFKA_BROKERS / REDIS_URL when they answer, then a stack left running by
// `npx tsx scripts/stack.ts up`, then a fresh broker and redis-server started here and stopped at
// the end.
import type { TestProject } from 'vitest/node';
import { runningStack, startKafka, startRedis, type KafkaHandle, type RedisHandle } from '../../scripts/stack.ts';
import type {} from './stack-env.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!process.env.KAFKA_BROKERS && !process.env.REDIS_URL) {
    const running = await runningStack();
    if (running) {
      process.env.KAFKA_BROKERS = running.brokers.join(',');
      process.env.REDIS_URL = running.redisUrl;
    }
  }

  // Start both at once (the broker takes seconds, redis-server milliseconds), and if one fails stop
  // the other so nothing is left behind.
  const [kafkaResult, redisResult] = await Promise.allSettled([startKafka(), startRedis()]);
  if (kafkaResult.status === 'rejected' || redisResult.status === 'rejected') {
    await Promise.allSettled([
      kafkaResult.status === 'fulfilled' ? kafkaResult.value.stop() : undefined,
      redisResult.status === 'fulfilled' ? redisResult.value.stop() : undefined,
    ]);
    const reasons = [kafkaResult, redisResult]
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => (result.reason instanceof Error ? result.reason.message : String(result.reason)));
    throw new Error(
      `The integration stack (Kafka + Redis) could not start, so no integration test can run.\n${reasons.join('\n')}`,
    );
  }
  const kafka: KafkaHandle = kafkaResult.value;
  const redis: RedisHandle = redisResult.value;

  project.provide('kafkaBrokers', kafka.brokers);
  project.provide('redisUrl', redis.url);
  // Also as environment variables, for code under test that reads its config from the environment.
  process.env.KAFKA_BROKERS = kafka.brokers.join(',');
  process.env.REDIS_URL = redis.url;

  return async () => {
    await Promise.all([kafka.stop(), redis.stop()]);
  };
}
