/**
 * The heart of a worker, without the I/O: one consumed batch in, the messages to publish and the
 * counts to export out. The Kafka loop (worker.ts) calls it and then does the sending and
 * committing; tests call it directly.
 *
 * Nothing is dropped silently: every message ends up as exactly one of matched (an event),
 * unmatched (counted, and published when an unmatched topic is set), empty (counted) or
 * dead_letter (published to the dead-letter topic with its origin in headers: a message whose
 * processing threw).  Lines cut at the byte cap, with invalid UTF-8 or with NUL bytes are matched
 * all the same and counted on the side.
 */
import type { MatchEngine } from '../match/types.ts';
import { buildEvent } from '../enrich/build-event.ts';
import { serializeEvent } from '../enrich/serialize-event.ts';
import { messageBytes } from '../sink/kafka.ts';
import { decodeLogRecord, plainAsciiLength, plainAsciiRecord, type DecodedRecord } from '../source/decode.ts';
import type { LineResult } from '../telemetry/metrics.ts';

export interface ConsumedMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly offset: string;
  /** Kafka message timestamp, epoch milliseconds as a string (kafkajs form). */
  readonly timestamp: string;
}

export interface OutgoingMessage {
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers: Record<string, string>;
  /** Its size as the sink counts it (messageBytes), when already counted here: counted once. */
  readonly bytes?: number;
}

export interface BatchSettings {
  readonly engine: MatchEngine;
  readonly locale: 'en' | 'zh';
  readonly messageFields: readonly string[];
  readonly serviceFields: readonly string[];
  readonly timestampFields: readonly string[];
  /** Whether unmatched lines are published (an unmatched topic is configured). */
  readonly publishUnmatched: boolean;
  /**
   * The largest message the sink may send (kafka.max_request_bytes): a bigger event is never
   * produced, whose refusal would stop the worker on the same batch at every restart; its input
   * message is dead-lettered instead. None: no bound.
   */
  readonly maxEventBytes?: number;
}

export interface SignatureCount {
  readonly id: string;
  readonly domain: string;
  readonly category: string;
  count: number;
}

export interface BatchResult {
  readonly events: OutgoingMessage[];
  readonly unmatched: OutgoingMessage[];
  readonly deadLetters: OutgoingMessage[];
  readonly lines: Record<LineResult, number>;
  readonly deadLetterReasons: Map<string, number>;
  readonly matchesBySignature: Map<string, SignatureCount>;
  truncated: number;
  invalidUtf8: number;
  binary: number;
}

/** Headers that say where a re-published message came from, for dead letters and unmatched lines. */
export function originHeaders(topic: string, partition: number, message: ConsumedMessage): Record<string, string> {
  return {
    'logsig.origin.topic': topic,
    'logsig.origin.partition': String(partition),
    'logsig.origin.offset': message.offset,
    'logsig.origin.timestamp': message.timestamp,
  };
}

/**
 * A copy of an input message (an unmatched line, a dead letter) that would be larger than the sink
 * may send goes without its value: the input topic may take bigger messages than the topics we
 * write to, and a refused copy would stop the worker on that batch at every restart. Its
 * `logsig.origin.*` headers say where the value still is, and a header says why it is missing.
 */
function withinBound(copy: OutgoingMessage, maxBytes: number | undefined): OutgoingMessage {
  if (maxBytes === undefined) return copy;
  const size = messageBytes(copy);
  if (size <= maxBytes) return { ...copy, bytes: size };
  const omitted = {
    key: copy.key,
    value: null,
    headers: { ...copy.headers, 'logsig.value_omitted': `${size} bytes, over kafka.max_request_bytes (${maxBytes}); the original is at logsig.origin.*` },
  };
  return { ...omitted, bytes: messageBytes(omitted) };
}

function isoFromKafkaTimestamp(timestamp: string): string | null {
  const ms = Number(timestamp);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function processBatch(
  topic: string,
  partition: number,
  messages: readonly ConsumedMessage[],
  settings: BatchSettings,
  observedAt: Date = new Date(),
): BatchResult {
  const result: BatchResult = {
    events: [],
    unmatched: [],
    deadLetters: [],
    lines: { matched: 0, unmatched: 0, empty: 0, dead_letter: 0 },
    deadLetterReasons: new Map(),
    matchesBySignature: new Map(),
    truncated: 0,
    invalidUtf8: 0,
    binary: 0,
  };
  const deadLetter = (message: ConsumedMessage, reason: string, detail: string) => {
    result.lines.dead_letter += 1;
    result.deadLetterReasons.set(reason, (result.deadLetterReasons.get(reason) ?? 0) + 1);
    result.deadLetters.push(
      withinBound(
        {
          key: message.key,
          value: message.value,
          headers: { ...originHeaders(topic, partition, message), 'logsig.error.reason': reason, 'logsig.error.detail': detail.slice(0, 1000) },
        },
        settings.maxEventBytes,
      ),
    );
  };

  const unmatched = (message: ConsumedMessage) => {
    result.lines.unmatched += 1;
    if (settings.publishUnmatched) {
      result.unmatched.push(withinBound({ key: message.key, value: message.value, headers: originHeaders(topic, partition, message) }, settings.maxEventBytes));
    }
  };
  const engine = settings.engine;

  for (const message of messages) {
    // Most lines are plain ASCII text that matches nothing. Ruled out from the value's bytes, they
    // are never decoded into a string, which cost twice what matching them does (bench:batch).
    // Whatever the engine cannot rule out (or a line it fails on) goes the whole way below.
    let record: DecodedRecord | null = null;
    if (engine.mayMatchAscii !== undefined) {
      const length = plainAsciiLength(message.value);
      if (length > 0) {
        let ruledOut = false;
        try {
          ruledOut = !engine.mayMatchAscii(message.value!, length);
        } catch {
          // The whole way below meets the same failure and dead-letters the message with its reason.
        }
        if (ruledOut) {
          unmatched(message);
          continue;
        }
        record = plainAsciiRecord(message.value!, length);
      }
    }
    record ??= decodeLogRecord(message.value, settings);
    if (record.kind === 'empty') {
      result.lines.empty += 1;
      continue;
    }
    if (record.invalidUtf8) result.invalidUtf8 += 1;
    if (record.binary) result.binary += 1;

    try {
      const lineMatch = engine.match(record.text);
      if (lineMatch.truncated) result.truncated += 1;
      // Most lines match nothing: they leave before an event's source (its key as text, its
      // timestamp as ISO 8601) is made, which cost more than matching the line.
      const event = lineMatch.matches.length === 0 ? null : buildEvent({
        lineMatch,
        source: {
          topic,
          partition,
          offset: message.offset,
          key: message.key === null ? null : message.key.toString('utf8'),
          service: record.service,
          timestamp: record.timestamp ?? isoFromKafkaTimestamp(message.timestamp),
        },
        index: 0,
        locale: settings.locale,
        catalogVersion: settings.engine.catalog.version,
        observedAt,
      });
      if (event === null) {
        unmatched(message);
        continue;
      }
      const top = event.signature;
      let outgoing: OutgoingMessage = {
        key: message.key,
        value: serializeEvent(event),
        // Lets consumers route on the diagnosis without parsing the body.
        headers: { 'logsig.signature_id': top.id, 'content-type': 'application/json' },
      };
      if (settings.maxEventBytes !== undefined) {
        const size = messageBytes(outgoing);
        // Only a line far past the default cap makes one (the event holds the line, JSON-escaped,
        // and whatever its captures copy of it).
        if (size > settings.maxEventBytes) {
          deadLetter(
            message,
            'event_too_large',
            `the event for ${top.id} would be ${size} bytes, over kafka.max_request_bytes (${settings.maxEventBytes}); lower match.max_line_bytes or raise kafka.max_request_bytes`,
          );
          continue;
        }
        outgoing = { ...outgoing, bytes: size };
      }
      result.lines.matched += 1;
      const counted = result.matchesBySignature.get(top.id);
      if (counted) counted.count += 1;
      else result.matchesBySignature.set(top.id, { id: top.id, domain: top.domain ?? '', category: top.category ?? '', count: 1 });
      result.events.push(outgoing);
    } catch (error) {
      // A bug or a pathological line must not block the partition: park the message and go on.
      deadLetter(message, 'processing_error', errorText(error));
    }
  }
  return result;
}
