/**
 * A Kafka message value → the log record logsig matches: its text, and for JSON logs the service
 * and timestamp.
 *
 * - Raw text: the value as UTF-8 (bad bytes become U+FFFD and `invalidUtf8` is set), trailing line
 *   breaks removed, a multi-line message (a stack trace) kept whole.
 * - JSON object: the text is every `messageFields` path holding a non-empty string (a list of
 *   strings is joined with "\n"), joined with "\n" in the configured order. When no message field
 *   is present the whole JSON text is the line, so an unusual shape is still matched.
 * - A value that starts with `{` but is not JSON is raw text: some log lines just start with `{`.
 * - Null, empty or blank → `empty`.
 * - A value with NUL bytes (Avro, Protobuf, a schema-registry frame, or a log line with a stray
 *   NUL) is still matched as text — RE2 reads NUL like any byte — and flagged `binary` so it is
 *   counted: a topic that carries binary payloads shows up in the metrics instead of in errors.
 *
 * Runs once per message: JSON.parse only when the first non-blank character is `{`, and no
 * regular expressions over the value.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { getField } from './field-path.ts';

export interface DecodeOptions {
  readonly messageFields: readonly string[];
  readonly serviceFields: readonly string[];
  readonly timestampFields: readonly string[];
}

export type DecodedRecord =
  | {
      readonly kind: 'record';
      readonly text: string;
      readonly format: 'json' | 'text';
      readonly service: string | null;
      /** ISO 8601 (UTC), from a date string or an epoch number; null when absent or unreadable. */
      readonly timestamp: string | null;
      readonly invalidUtf8: boolean;
      /** The value contained NUL bytes. */
      readonly binary: boolean;
    }
  | { readonly kind: 'empty' };

const EMPTY: DecodedRecord = Object.freeze({ kind: 'empty' });

export function decodeLogRecord(value: Buffer | null, opts: DecodeOptions): DecodedRecord {
  if (value === null || value.length === 0) return EMPTY;
  const binary = value.indexOf(0) !== -1;
  const invalidUtf8 = !isUtf8(value);
  let text = value.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM would hide the leading `{`

  const start = firstNonBlank(text);
  if (start === text.length) return EMPTY;

  if (text.charCodeAt(start) === 0x7b /* { */) {
    const parsed = tryParseObject(text);
    if (parsed !== null) return fromJson(parsed, text, opts, invalidUtf8, binary);
  }
  return { kind: 'record', text: trimLineBreaks(text), format: 'text', service: null, timestamp: null, invalidUtf8, binary };
}

/**
 * The length of the line `decodeLogRecord` would make of `value` when that line is the value's own
 * bytes, all ASCII: raw text (its first non-blank byte not `{`), not blank, no NUL byte, trailing
 * line breaks left out. -1 for any other value, whose line only `decodeLogRecord` can make. Such a
 * line's characters are its bytes, so a matcher can read them as they are (MatchEngine.mayMatchAscii).
 */
export function plainAsciiLength(value: Buffer | null): number {
  if (value === null || value.length === 0 || !isAscii(value) || value.indexOf(0) !== -1) return -1;
  let start = 0;
  while (start < value.length && isBlankCode(value[start]!)) start++;
  if (start === value.length || value[start] === 0x7b /* { */) return -1;
  let end = value.length;
  while (value[end - 1] === 0x0a || value[end - 1] === 0x0d) end--;
  return end;
}

/** What `decodeLogRecord` makes of a value `plainAsciiLength` gave `length` for, made directly. */
export function plainAsciiRecord(value: Buffer, length: number): DecodedRecord {
  return { kind: 'record', text: value.toString('latin1', 0, length), format: 'text', service: null, timestamp: null, invalidUtf8: false, binary: false };
}

function fromJson(record: object, text: string, opts: DecodeOptions, invalidUtf8: boolean, binary: boolean): DecodedRecord {
  // Every message field present, in the configured order: the error often sits beside the message
  // (pino's msg + err.message), and a diagnosis needs both. Repeats (a stack that begins with the
  // message) are kept once.
  const parts: string[] = [];
  for (const path of opts.messageFields) {
    const found = getField(record, path, isMessage);
    if (found === undefined) continue;
    const part = trimLineBreaks(Array.isArray(found) ? found.join('\n') : (found as string));
    if (!parts.includes(part)) parts.push(part);
  }
  const message = parts.length > 0 ? parts.join('\n') : null;
  return {
    kind: 'record',
    text: message ?? trimLineBreaks(text.trim()),
    format: 'json',
    service: firstOf(record, opts.serviceFields, isService, (v) => (typeof v === 'string' ? v.trim() : String(v))),
    timestamp: firstOf(record, opts.timestampFields, isTimestamp, (v) =>
      typeof v === 'string' ? dateStringToIso(v) : epochToIso(v as number),
    ),
    invalidUtf8,
    binary,
  };
}

function firstOf(
  record: object,
  paths: readonly string[],
  accept: (value: unknown) => boolean,
  convert: (value: unknown) => string | null,
): string | null {
  for (const path of paths) {
    const found = getField(record, path, accept);
    if (found !== undefined) {
      const converted = convert(found);
      if (converted !== null) return converted;
    }
  }
  return null;
}

function isMessage(value: unknown): boolean {
  if (typeof value === 'string') return !isBlank(value);
  // Some shippers split a stack trace into an array of lines.
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    return value.some((v) => !isBlank(v as string));
  }
  return false;
}

function isService(value: unknown): boolean {
  return (typeof value === 'string' && !isBlank(value)) || (typeof value === 'number' && Number.isFinite(value));
}

function isTimestamp(value: unknown): boolean {
  return (typeof value === 'string' && !isBlank(value)) || (typeof value === 'number' && epochToIso(value) !== null);
}

/**
 * Epoch time → ISO 8601. The unit is read from the magnitude, because loggers differ (zap and
 * structlog write seconds, Java millis, Go `UnixNano`): below 1e11 is seconds (1e11 ms would be
 * 1973), below 1e14 milliseconds, below 1e17 microseconds, above that nanoseconds.
 */
export function epochToIso(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const magnitude = Math.abs(n);
  const ms = magnitude < 1e11 ? n * 1000 : magnitude < 1e14 ? n : magnitude < 1e17 ? n / 1e3 : n / 1e6;
  const date = new Date(Math.round(ms));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Events carry one timestamp format, so consumers need not guess: ISO 8601 in UTC. A string the
 * platform cannot read as a date (or one without a zone, which would be read as local time) gives
 * null rather than a wrong instant; the original stays in the line itself.
 */
export function dateStringToIso(value: string): string | null {
  const text = value.trim();
  if (!/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function tryParseObject(text: string): object | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The characters `String.prototype.trim` removes, tested without building a trimmed copy. */
function isBlankCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function firstNonBlank(s: string): number {
  let i = 0;
  while (i < s.length && isBlankCode(s.charCodeAt(i))) i++;
  return i;
}

function isBlank(s: string): boolean {
  return firstNonBlank(s) === s.length;
}

/** Drops trailing `\n` / `\r\n` (any number of them); the rest of the text is kept as written. */
function trimLineBreaks(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x0a && c !== 0x0d) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}
