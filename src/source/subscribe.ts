/**
 * Subscribing to an input topic that does not exist yet is normal on a fresh cluster (the worker
 * deployed before the producers, or auto-creation disabled). The worker waits for it, says so in
 * its log and its /readyz, and starts consuming as soon as the topic appears — it does not crash.
 */
import type { Consumer } from 'kafkajs';
import type { Logger } from '../telemetry/logger.ts';

const MISSING_TOPIC_ERRORS = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
const RETRY_MS = 2000;

/** kafkajs' error classes are not reachable as ESM named exports; its errors carry their protocol `type`. */
function isMissingTopic(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && MISSING_TOPIC_ERRORS.has(type);
}

export async function subscribeWhenTopicExists(
  consumer: Consumer,
  topic: string,
  fromBeginning: boolean,
  log: Logger,
  stopping: () => boolean,
  setWaiting: (reason: string | null) => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await consumer.subscribe({ topic, fromBeginning });
      setWaiting(null);
      return;
    } catch (error) {
      if (!isMissingTopic(error) || stopping()) throw error;
      const reason = `input topic "${topic}" does not exist yet`;
      setWaiting(reason);
      // Once, then quietly: a worker waiting for its topic is not an incident.
      if (attempt === 0) log.warn({ topic }, `The ${reason}; waiting for it (create it, or enable auto-creation on the broker).`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
