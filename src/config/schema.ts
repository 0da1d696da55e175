/**
 * The whole logsig configuration, as one strict zod schema.
 *
 * Strict everywhere (`z.strictObject`): a misspelt key is an error at start, not a setting that
 * silently does nothing. Every leaf carries its default and a one-line meaning (`.describe`), so
 * this file is also the source of `docs/config.md` and of the `LOGSIG_*` environment names
 * (see `leaves.ts`). `config/default.yaml` must agree with these defaults (a unit test checks).
 */
import { z } from 'zod';

// Kafka's own rule for topic names (kafka.common.internals.Topic): legal characters, at most 249.
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
// "host:port", where host may be a bracketed IPv6 literal; kafkajs takes brokers in this form.
const BROKER_ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/;

const topic = z
  .string()
  .regex(TOPIC_NAME, "is not a valid Kafka topic name; use letters, digits, '.', '_' and '-' (1 to 249 characters)");

const positiveInt = z.number().int().min(1);

const broker = z
  .string()
  .regex(BROKER_ADDRESS, { message: 'is not a broker address; use host:port, e.g. 127.0.0.1:9092', abort: true })
  .refine((s) => Number(s.slice(s.lastIndexOf(':') + 1)) <= 65535, 'has a port above 65535');

/** A JSON field path: dot-separated, each segment non-empty (see `src/source/field-path.ts`). */
const fieldPath = z
  .string()
  .min(1, 'is empty; use a field name or a dot path such as error.message')
  .refine((s) => !s.split('.').includes(''), 'has an empty segment; use a dot path such as error.message');

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export const LOCALES = ['en', 'zh'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const CATALOG_SOURCES = ['redis', 'files'] as const;

// Username and password are optional here so the cross-field check below can say which one is
// missing in a sentence, instead of zod's generic "expected string".
const SaslSchema = z.strictObject({
  mechanism: z.enum(SASL_MECHANISMS).describe('SASL mechanism the brokers expect'),
  username: z.string().min(1).optional().describe('SASL user name'),
  password: z.string().min(1).optional().describe('SASL password; prefer the environment variable to a file'),
});

const KafkaSchema = z.strictObject({
  brokers: z
    .array(broker)
    .min(1, 'lists no broker; give at least one host:port')
    .default(['127.0.0.1:9092'])
    .describe('Bootstrap brokers, host:port (env: comma-separated)'),
  client_id: z.string().min(1).default('logsig').describe('Kafka client id, shown in broker logs and quotas'),
  group_id: z.string().min(1).default('logsig').describe('Consumer group; workers in one group share the partitions'),
  input_topic: topic.default('logs').describe('Topic the log lines are read from'),
  output_topic: topic.default('logs.diagnosed').describe('Topic the logsig.event/v1 events are written to'),
  unmatched_topic: topic
    .nullable()
    .default(null)
    .describe('When set, lines that match no signature are copied there; null = dropped'),
  dead_letter_topic: topic
    .default('logs.dead-letter')
    .describe('Topic for messages that cannot be processed, with their origin in headers'),
  ssl: z.boolean().default(false).describe('Connect to the brokers with TLS'),
  sasl: SaslSchema.nullable().default(null).describe('SASL authentication; null = none'),
  connection_timeout_ms: positiveInt.default(3000).describe('Time allowed to open a broker connection'),
  session_timeout_ms: positiveInt
    .default(30000)
    .describe('Consumer session timeout; a worker silent this long loses its partitions'),
  from_beginning: z
    .boolean()
    .default(false)
    .describe('Where a new consumer group starts: true = oldest message, false = newest'),
  partitions_concurrently: positiveInt
    .max(64, 'is more than any worker needs; use 64 or fewer')
    .default(3)
    .describe(
      "Partitions a worker processes at once: while one batch waits for the broker's acknowledgements, another is matched. Each partition's own order is kept",
    ),
  max_request_bytes: positiveInt
    .min(4096, 'is too small to hold an event; use at least 4096')
    .default(1_000_000)
    .describe(
      "Largest produce request: a batch's events, unmatched lines and dead letters go out in requests of at most this many bytes (a single larger message alone). Keep it under the topics' max.message.bytes (1 MiB by broker default)",
    ),
});

const RedisSchema = z.strictObject({
  url: z
    .string()
    .refine(isRedisUrl, 'is not a Redis URL; use redis://host:port or rediss://host:port')
    .default('redis://127.0.0.1:6379')
    .describe('Redis holding the catalog (redis:// or rediss://)'),
  key_prefix: z
    .string()
    .regex(/^[^\s:][^\s]*$/, 'must be non-empty, without spaces, and not start with ":"')
    .refine((s) => !s.endsWith(':'), 'must not end with ":"; logsig adds the separator')
    .default('logsig')
    .describe('Prefix of every Redis key and channel logsig uses'),
});

const CatalogSchema = z.strictObject({
  source: z
    .enum(CATALOG_SOURCES)
    .default('redis')
    .describe('Where workers get the catalog: redis (shared, hot reload) or files (catalog.dir)'),
  dir: z
    .string()
    .min(1)
    .nullable()
    .default(null)
    .describe('Catalog directory of signature JSON files; null = the catalog bundled with logsig'),
  cache_file: z
    .string()
    .min(1)
    .nullable()
    .default(null)
    .describe('File keeping the last good catalog, used when Redis is down at start; null = none'),
});

const MatchSchema = z.strictObject({
  max_line_bytes: positiveInt
    .max(16 * 1024 * 1024)
    .default(65536)
    .describe('Longest line matched; longer lines are cut to this many bytes'),
  locale: z.enum(LOCALES).default('en').describe('Language of titles, root causes and workarounds in events'),
});

const InputSchema = z.strictObject({
  message_fields: z
    .array(fieldPath)
    .min(1, 'lists no field; give at least one, e.g. message')
    .default(['message', 'msg', 'log', 'error.message', 'error.stack_trace', 'err.message', 'err.stack', 'error', 'err', 'error_description', 'exception', 'stacktrace', 'exc_info', 'attr.error'])
    .describe('JSON fields holding the log text; all present are matched together, in this order'),
  service_fields: z
    .array(fieldPath)
    .default(['service', 'service.name', 'kubernetes.container_name', 'kubernetes.labels.app', 'app', 'application'])
    .describe('JSON fields naming the service, first non-empty wins'),
  timestamp_fields: z
    .array(fieldPath)
    .default(['@timestamp', 'timestamp', 'time', 'ts'])
    .describe('JSON fields holding the time of the line, first present wins'),
});

const TelemetrySchema = z.strictObject({
  host: z.string().min(1).default('0.0.0.0').describe('Address the /metrics, /healthz and /readyz server binds'),
  port: z.number().int().min(0).max(65535).default(9464).describe('Port of that server; 0 = pick a free port'),
});

const LogSchema = z.strictObject({
  level: z.enum(LOG_LEVELS).default('info').describe('Lowest log level written'),
});

export const ConfigSchema = z
  .strictObject({
    kafka: KafkaSchema.prefault({}),
    redis: RedisSchema.prefault({}),
    catalog: CatalogSchema.prefault({}),
    match: MatchSchema.prefault({}),
    input: InputSchema.prefault({}),
    telemetry: TelemetrySchema.prefault({}),
    log: LogSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const k = config.kafka;
    // Writing to the topic we read from would feed our own output back in, forever; sharing one
    // output topic between events, unmatched lines and dead letters would mix three formats.
    const topics: Array<[string, string | null]> = [
      ['output_topic', k.output_topic],
      ['unmatched_topic', k.unmatched_topic],
      ['dead_letter_topic', k.dead_letter_topic],
    ];
    for (const [i, [name, value]] of topics.entries()) {
      if (value === null) continue;
      if (value === k.input_topic) {
        ctx.addIssue({
          code: 'custom',
          path: ['kafka', name],
          input: value,
          message: `is also kafka.input_topic; logsig would read its own output — use another topic`,
        });
      }
      for (const [other, otherValue] of topics.slice(0, i)) {
        if (otherValue === value) {
          ctx.addIssue({
            code: 'custom',
            path: ['kafka', name],
            input: value,
            message: `is also kafka.${other}; each output needs its own topic`,
          });
        }
      }
    }
    if (k.sasl !== null) {
      for (const field of ['username', 'password'] as const) {
        if (k.sasl[field] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['kafka', 'sasl', field],
            message: `missing; SASL needs both username and password`,
          });
        }
      }
    }
  });

export type Config = z.output<typeof ConfigSchema>;
/** What a config file may contain: every key optional, before defaults are applied. */
export type ConfigInput = z.input<typeof ConfigSchema>;
export type SaslConfig = z.output<typeof SaslSchema>;

function isRedisUrl(s: string): boolean {
  try {
    const url = new URL(s);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}
