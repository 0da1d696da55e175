/**
 * Publishes a batch's events, unmatched lines and dead letters, and resolves only once the broker
 * has acknowledged all of them (acks=all from an idempotent producer, so a retried send does not
 * duplicate). The worker commits offsets only after that, which is what makes delivery
 * at-least-once: a crash between the two replays the batch, never loses it.
 *
 * A batch goes out in requests of at most `maxRequestBytes`, one after another (so each key's
 * messages keep their order). In an error storm every line of a ~1 MB consumed batch becomes a
 * ~3 KB event, and one request of all of them is more than the broker takes in a partition's
 * record batch (message.max.bytes, 1 MiB by default): kafkajs calls that non-retriable, and a
 * worker that stopped there would replay the same batch on every restart.
 */
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import type { OutgoingMessage } from '../worker/process-batch.ts';

export interface SinkTopics {
  readonly output: string;
  readonly unmatched: string | null;
  readonly deadLetter: string;
}

export interface EventSink {
  connect(): Promise<void>;
  publish(batch: { events: readonly OutgoingMessage[]; unmatched: readonly OutgoingMessage[]; deadLetters: readonly OutgoingMessage[] }): Promise<void>;
  disconnect(): Promise<void>;
}

export interface SinkOptions {
  /** Bytes a produce request may carry (estimated from keys, values and headers). */
  readonly maxRequestBytes: number;
}

/** What a message adds to a request beyond its key, value and headers: lengths, deltas, attributes. */
const RECORD_OVERHEAD = 64;

/** A message's size in a request, estimated; the count made when the message was built, if any. */
export function messageBytes(message: OutgoingMessage): number {
  if (message.bytes !== undefined) return message.bytes;
  const bytes = (v: Buffer | string | null) => (v === null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length);
  let size = RECORD_OVERHEAD + bytes(message.key) + bytes(message.value);
  for (const [name, value] of Object.entries(message.headers)) size += Buffer.byteLength(name) + Buffer.byteLength(value) + 8;
  return size;
}

/**
 * The messages, in order, as requests of at most `maxBytes` each; a message larger than that goes
 * alone (the broker decides whether it takes it).
 */
export function splitRequests(topicMessages: ReadonlyArray<{ topic: string; messages: readonly OutgoingMessage[] }>, maxBytes: number): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let request: TopicMessages[] = [];
  let size = 0;
  for (const { topic, messages } of topicMessages) {
    let current: TopicMessages | null = null;
    for (const message of messages) {
      const bytes = messageBytes(message);
      if (size > 0 && size + bytes > maxBytes) {
        requests.push(request);
        request = [];
        size = 0;
        current = null;
      }
      if (current === null) request.push((current = { topic, messages: [] }));
      current.messages.push({ key: message.key, value: message.value, headers: message.headers });
      size += bytes;
    }
  }
  if (request.length > 0) requests.push(request);
  return requests;
}

export function createEventSink(kafka: Kafka, topics: SinkTopics, options: SinkOptions): EventSink {
  // kafkajs' idempotent producer requires a single in-flight request per broker to keep order.
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: true,
    // The Java client's murmur2 partitioner: events for one key land where a Java producer would put them.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async publish({ events, unmatched, deadLetters }) {
      const outgoing = [
        { topic: topics.output, messages: events },
        { topic: topics.unmatched, messages: unmatched },
        { topic: topics.deadLetter, messages: deadLetters },
      ].filter((t): t is { topic: string; messages: readonly OutgoingMessage[] } => t.topic !== null && t.messages.length > 0);
      for (const request of splitRequests(outgoing, options.maxRequestBytes)) {
        await producer.sendBatch({ topicMessages: request, acks: -1 });
      }
    },
  };
}
