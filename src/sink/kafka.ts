/**
 * Publishes a batch's events, unmatched lines and dead letters, and resolves only once the broker
 * has acknowledged all of them (acks=all from an idempotent producer, so a retried send does not
 * duplicate). The worker commits offsets only after that, which is what makes delivery
 * at-least-once: a crash between the two replays the batch, never loses it.
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

export function createEventSink(kafka: Kafka, topics: SinkTopics): EventSink {
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
      const topicMessages: TopicMessages[] = [];
      const add = (topic: string | null, messages: readonly OutgoingMessage[]) => {
        if (topic !== null && messages.length > 0) topicMessages.push({ topic, messages: messages.map((m) => ({ ...m })) });
      };
      add(topics.output, events);
      add(topics.unmatched, unmatched);
      add(topics.deadLetter, deadLetters);
      if (topicMessages.length === 0) return;
      await producer.sendBatch({ topicMessages, acks: -1 });
    },
  };
}
