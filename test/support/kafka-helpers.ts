/**
 * Kafka helpers for integration tests, in the manner of kafkajs' own testHelpers: a fresh topic
 * per test, and a collector that reads a topic from the beginning until a condition holds.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type IHeaders, type Producer } from 'kafkajs';

export function testKafka(brokers: string[]): Kafka {
  return new Kafka({ clientId: `logsig-test-${randomUUID().slice(0, 8)}`, brokers, logLevel: logLevel.NOTHING });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

export async function createTopics(kafka: Kafka, topics: string[], numPartitions = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export async function produceValues(kafka: Kafka, topic: string, values: Array<string | Buffer | { key?: string; value: string | Buffer | null; partition?: number }>): Promise<void> {
  const producer: Producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: values.map((v) => (typeof v === 'string' || Buffer.isBuffer(v) ? { value: v } : { key: v.key ?? null, value: v.value, ...(v.partition === undefined ? {} : { partition: v.partition }) })),
    });
  } finally {
    await producer.disconnect();
  }
}

export interface CollectedMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

/** Reads `topic` from the beginning in a throwaway group until `done(messages)` or the timeout. */
export async function collect(
  kafka: Kafka,
  topic: string,
  done: (messages: CollectedMessage[]) => boolean,
  timeoutMs = 60_000,
): Promise<CollectedMessage[]> {
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('collector') });
  const messages: CollectedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`collect(${topic}): timed out after ${timeoutMs} ms with ${messages.length} message(s)`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            messages.push({
              partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? null,
              value: message.value?.toString('utf8') ?? null,
              headers: headersToStrings(message.headers),
            });
            if (done(messages)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      if (done(messages)) {
        clearTimeout(timer);
        resolve();
      }
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
