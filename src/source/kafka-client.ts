/**
 * The kafkajs client shared by the consumer and the producer of one worker, with kafkajs' own
 * logging routed into pino (so there is one log format) and its chatty info lines demoted.
 */
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../telemetry/logger.ts';

function saslOptions(sasl: Config['kafka']['sasl']): SASLOptions | undefined {
  if (!sasl) return undefined;
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions;
}

export function createKafka(config: Config['kafka'], logger: Logger): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  const sasl = saslOptions(config.sasl);
  return new Kafka({
    clientId: config.client_id,
    brokers: config.brokers,
    ssl: config.ssl,
    ...(sasl ? { sasl } : {}),
    connectionTimeout: config.connection_timeout_ms,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        // kafkajs logs every retriable broker response ("Response Metadata…", "coordinator is
        // loading") at error level and then retries; what finally fails reaches our code as an error.
        if (message.startsWith('Response ')) log.debug(rest, message);
        else if (level === logLevel.ERROR) log.error(rest, message);
        else if (level === logLevel.WARN) log.warn(rest, message);
        else log.debug(rest, message);
      },
  });
}
