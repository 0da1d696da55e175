// Smoke test of the integration stack itself: if this fails, every other integration test would
// fail for a reason that has nothing to do with logsig.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, redisUrl } from '../support/stack-env.ts';

const suffix = randomBytes(4).toString('hex');

describe('local stack', () => {
  const kafka = new Kafka({ clientId: `stack-test-${suffix}`, brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  const topic = `test-topic-${suffix}`;

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('produces to and consumes from a fresh topic on the broker', async () => {
    await admin.connect();
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    expect(created).toBe(true);
    expect(await admin.listTopics()).toContain(topic);

    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const value = `hello from ${suffix}`;
    const [ack] = await producer.send({ topic, acks: -1, messages: [{ key: 'k1', value, headers: { origin: 'stack-test' } }] });
    expect(ack?.errorCode).toBe(0);

    consumer = kafka.consumer({ groupId: `test-group-${suffix}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const received = await new Promise<{ key: string; value: string; origin: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message on ${topic} within 30 s`)), 30_000);
      void consumer!.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve({
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
            origin: message.headers?.origin?.toString() ?? '',
          });
        },
      });
    });
    expect(received).toEqual({ key: 'k1', value, origin: 'stack-test' });

    // The group committed through the broker's group coordinator (the offsets topic works too).
    await consumer.stop();
    const offsets = await admin.fetchOffsets({ groupId: `test-group-${suffix}`, topics: [topic] });
    expect(offsets[0]?.partitions[0]?.offset).toBe('1');
  });

  it('answers PING and round-trips a key on Redis', async () => {
    const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    const key = `test:${suffix}:stack`;
    try {
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
      await redis.set(key, 'v', 'EX', 60);
      expect(await redis.get(key)).toBe('v');
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });

  it('exposes the same addresses as environment variables', () => {
    expect(process.env.KAFKA_BROKERS?.split(',')).toEqual(kafkaBrokers());
    expect(process.env.REDIS_URL).toBe(redisUrl());
  });
});
